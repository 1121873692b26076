export type DepartmentKind =
  | "market-regulation"
  | "public-security"
  | "human-resources"
  | "civil-affairs"
  | "natural-resources"
  | "housing"
  | "health"
  | "education"
  | "transport"
  | "medical-security"
  | "tax"
  | "ecology"
  | "culture-tourism"
  | "veterans"
  | "housing-fund"
  | "agriculture";

/** Personal (个人) and corporate (法人) life-event themes; codes are used in URLs (/themes/{code}). */
export type ThemeCode =
  | "birth"
  | "schooling"
  | "employment"
  | "marriage"
  | "housing"
  | "social-insurance"
  | "medical"
  | "travel-vehicles"
  | "retirement"
  | "household-registration"
  | "disability-assistance"
  | "veterans-affairs"
  | "start-business"
  | "business-change"
  | "licences"
  | "tax"
  | "hiring"
  | "construction"
  | "transport-logistics"
  | "closing-business";

/** The demo province: real GB/T 2260 codes and names of Sichuan, its cities and districts. */
export type SeedRegion = {
  code: string;
  name: string;
  nameEn: string;
  level: "PROVINCE" | "CITY" | "COUNTY";
  parentCode: string | null;
  areaCode: string;
  /** Where the region's government service centre is. */
  centreAddress: string;
  transport: string;
};

export const REGIONS: SeedRegion[] = [
  {
    code: "510000000000",
    name: "四川省",
    nameEn: "Sichuan Province",
    level: "PROVINCE",
    parentCode: null,
    areaCode: "028",
    centreAddress: "成都市武侯区天府大道北段 966 号 四川省政务服务中心",
    transport: "地铁 1 号线金融城站 B 口步行约 600 米",
  },
  {
    code: "510100000000",
    name: "成都市",
    nameEn: "Chengdu",
    level: "CITY",
    parentCode: "510000000000",
    areaCode: "028",
    centreAddress: "成都市高新区锦城大道 366 号 成都市政务服务中心",
    transport: "地铁 1 号线锦城广场站 C 口步行约 300 米",
  },
  {
    code: "510104000000",
    name: "锦江区",
    nameEn: "Jinjiang District",
    level: "COUNTY",
    parentCode: "510100000000",
    areaCode: "028",
    centreAddress: "成都市锦江区锦华路一段 88 号 锦江区政务服务中心",
    transport: "地铁 7 号线琉璃场站步行约 800 米；公交 98 路锦华路站",
  },
  {
    code: "510105000000",
    name: "青羊区",
    nameEn: "Qingyang District",
    level: "COUNTY",
    parentCode: "510100000000",
    areaCode: "028",
    centreAddress: "成都市青羊区光华北三路 98 号 青羊区政务服务中心",
    transport: "地铁 4 号线文化宫站步行约 900 米；公交 83 路光华北三路站",
  },
  {
    code: "511600000000",
    name: "广安市",
    nameEn: "Guang'an",
    level: "CITY",
    parentCode: "510000000000",
    areaCode: "0826",
    centreAddress: "广安市广安区金安大道二段 168 号 广安市政务服务中心",
    transport: "公交 2 路、15 路市政务服务中心站下车",
  },
  {
    code: "511602000000",
    name: "广安区",
    nameEn: "Guang'an District",
    level: "COUNTY",
    parentCode: "511600000000",
    areaCode: "0826",
    centreAddress: "广安市广安区渠江北路 36 号 广安区政务服务中心",
    transport: "公交 1 路、6 路渠江北路站下车",
  },
  {
    code: "511621000000",
    name: "岳池县",
    nameEn: "Yuechi County",
    level: "COUNTY",
    parentCode: "511600000000",
    areaCode: "0826",
    centreAddress: "广安市岳池县九龙街道建设路 12 号 岳池县政务服务中心",
    transport: "县城公交 3 路政务中心站下车",
  },
  {
    code: "510700000000",
    name: "绵阳市",
    nameEn: "Mianyang",
    level: "CITY",
    parentCode: "510000000000",
    areaCode: "0816",
    centreAddress: "绵阳市涪城区绵兴东路 79 号 绵阳市政务服务中心",
    transport: "公交 29 路、53 路市政务服务中心站下车",
  },
  {
    code: "510703000000",
    name: "涪城区",
    nameEn: "Fucheng District",
    level: "COUNTY",
    parentCode: "510700000000",
    areaCode: "0816",
    centreAddress: "绵阳市涪城区临园路东段 18 号 涪城区政务服务中心",
    transport: "公交 5 路、10 路临园路站下车",
  },
  {
    code: "510704000000",
    name: "游仙区",
    nameEn: "Youxian District",
    level: "COUNTY",
    parentCode: "510700000000",
    areaCode: "0816",
    centreAddress: "绵阳市游仙区东津路 2 号 游仙区政务服务中心",
    transport: "公交 12 路游仙区政府站下车",
  },
];

export type SeedDepartmentKind = {
  kind: DepartmentKind;
  name: string;
  nameEn: string;
  countyName?: (city: string) => string;
};

/** Department kinds every city and county has; names follow the usual 机构改革 naming. */
export const DEPARTMENT_KINDS: SeedDepartmentKind[] = [
  { kind: "market-regulation", name: "市场监督管理局", nameEn: "Administration for Market Regulation" },
  { kind: "public-security", name: "公安局", nameEn: "Public Security Bureau" },
  { kind: "human-resources", name: "人力资源和社会保障局", nameEn: "Human Resources and Social Security Bureau" },
  { kind: "civil-affairs", name: "民政局", nameEn: "Civil Affairs Bureau" },
  { kind: "natural-resources", name: "自然资源和规划局", nameEn: "Natural Resources and Planning Bureau" },
  { kind: "housing", name: "住房和城乡建设局", nameEn: "Housing and Urban-Rural Development Bureau" },
  { kind: "health", name: "卫生健康委员会", nameEn: "Health Commission" },
  { kind: "education", name: "教育局", nameEn: "Education Bureau" },
  { kind: "transport", name: "交通运输局", nameEn: "Transport Bureau" },
  { kind: "medical-security", name: "医疗保障局", nameEn: "Healthcare Security Administration" },
  { kind: "tax", name: "税务局", nameEn: "Tax Service" },
  {
    kind: "ecology",
    name: "生态环境局",
    nameEn: "Ecology and Environment Bureau",
    countyName: (city) => `${city}生态环境局`,
  },
  { kind: "culture-tourism", name: "文化广播电视和旅游局", nameEn: "Culture, Radio, Television and Tourism Bureau" },
  { kind: "veterans", name: "退役军人事务局", nameEn: "Veterans Affairs Bureau" },
  {
    kind: "housing-fund",
    name: "住房公积金管理中心",
    nameEn: "Housing Provident Fund Management Centre",
    countyName: (city) => `${city}住房公积金管理中心`,
  },
  { kind: "agriculture", name: "农业农村局", nameEn: "Agriculture and Rural Affairs Bureau" },
];

/** Sub-units that make the department tree real (they implement no items of their own in the demo). */
export const SUB_UNITS: { parentKind: DepartmentKind; name: string; nameEn: string }[] = [
  { parentKind: "public-security", name: "交通警察支队", nameEn: "Traffic Police Detachment" },
  { parentKind: "public-security", name: "出入境管理支队", nameEn: "Exit-Entry Administration Detachment" },
  { parentKind: "market-regulation", name: "行政审批科", nameEn: "Administrative Approval Section" },
];

export const THEMES: { code: ThemeCode; name: string; nameEn: string; audience: "PERSONAL" | "CORPORATE" }[] = [
  { code: "birth", name: "生育收养", nameEn: "Birth and adoption", audience: "PERSONAL" },
  { code: "schooling", name: "教育入学", nameEn: "Schooling", audience: "PERSONAL" },
  { code: "employment", name: "就业创业", nameEn: "Employment", audience: "PERSONAL" },
  { code: "marriage", name: "婚姻登记", nameEn: "Marriage", audience: "PERSONAL" },
  { code: "housing", name: "住房保障", nameEn: "Housing", audience: "PERSONAL" },
  { code: "social-insurance", name: "社会保险", nameEn: "Social insurance", audience: "PERSONAL" },
  { code: "medical", name: "医疗卫生", nameEn: "Medical care", audience: "PERSONAL" },
  { code: "travel-vehicles", name: "交通出行", nameEn: "Driving and vehicles", audience: "PERSONAL" },
  { code: "retirement", name: "退休养老", nameEn: "Retirement", audience: "PERSONAL" },
  { code: "household-registration", name: "户籍办理", nameEn: "Household registration and ID", audience: "PERSONAL" },
  { code: "disability-assistance", name: "社会救助", nameEn: "Social assistance and disability", audience: "PERSONAL" },
  { code: "veterans-affairs", name: "退役军人", nameEn: "Veterans", audience: "PERSONAL" },
  { code: "start-business", name: "设立变更", nameEn: "Starting a business", audience: "CORPORATE" },
  { code: "business-change", name: "变更备案", nameEn: "Business changes", audience: "CORPORATE" },
  { code: "licences", name: "准营准办", nameEn: "Licences and permits", audience: "CORPORATE" },
  { code: "tax", name: "税费办理", nameEn: "Tax", audience: "CORPORATE" },
  { code: "hiring", name: "用工招聘", nameEn: "Hiring", audience: "CORPORATE" },
  { code: "construction", name: "工程建设", nameEn: "Construction projects", audience: "CORPORATE" },
  { code: "transport-logistics", name: "交通物流", nameEn: "Transport and logistics", audience: "CORPORATE" },
  { code: "closing-business", name: "注销清算", nameEn: "Closing a business", audience: "CORPORATE" },
];
