import type { LicenceHolderType } from "../../lib/generated/prisma/enums";

/**
 * 证照类型 (issue 20) for the demo catalogue: the licence types its items issue and its materials accept (免提交), named by the
 * guides' `resultLicenceTypeCode` and materials' `licenceTypeCode` in prisma/seed/data/catalogue.json.
 * Codes 111 (居民身份证) and 201 (营业执照) are the ones the seeded materials already name; the others are local codes
 * for the seeded results. Validity in months; null: long-term.
 */
export const LICENCE_TYPES: {
  code: string;
  name: string;
  nameEn: string;
  issuingLevel: string;
  holderType: LicenceHolderType;
  validityMonths: number | null;
}[] = [
  {
    code: "111",
    name: "中华人民共和国居民身份证",
    nameEn: "Resident identity card",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
  },
  {
    code: "121",
    name: "结婚证",
    nameEn: "Marriage certificate",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
  },
  {
    code: "122",
    name: "离婚证",
    nameEn: "Divorce certificate",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
  },
  {
    code: "123",
    name: "出生医学证明",
    nameEn: "Medical birth certificate",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
  },
  {
    code: "131",
    name: "中华人民共和国机动车驾驶证",
    nameEn: "Driving licence",
    issuingLevel: "CITY",
    holderType: "PERSON",
    validityMonths: 72,
  },
  {
    code: "132",
    name: "就业创业证",
    nameEn: "Employment and entrepreneurship certificate",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
  },
  {
    code: "141",
    name: "不动产权证书",
    nameEn: "Real estate title certificate",
    issuingLevel: "COUNTY",
    holderType: "ANY",
    validityMonths: null,
  },
  {
    code: "201",
    name: "营业执照",
    nameEn: "Business licence",
    issuingLevel: "COUNTY",
    holderType: "COMPANY",
    validityMonths: null,
  },
  {
    code: "311",
    name: "食品经营许可证",
    nameEn: "Food business licence",
    issuingLevel: "COUNTY",
    holderType: "COMPANY",
    validityMonths: 60,
  },
  {
    code: "312",
    name: "食品生产许可证",
    nameEn: "Food production licence",
    issuingLevel: "CITY",
    holderType: "COMPANY",
    validityMonths: 60,
  },
  {
    code: "313",
    name: "药品经营许可证",
    nameEn: "Pharmaceutical trading licence",
    issuingLevel: "CITY",
    holderType: "COMPANY",
    validityMonths: 60,
  },
  {
    code: "314",
    name: "公共场所卫生许可证",
    nameEn: "Public venue hygiene licence",
    issuingLevel: "COUNTY",
    holderType: "COMPANY",
    validityMonths: 48,
  },
  {
    code: "315",
    name: "特种设备使用登记证",
    nameEn: "Special equipment registration",
    issuingLevel: "CITY",
    holderType: "COMPANY",
    validityMonths: null,
  },
  {
    code: "316",
    name: "排污许可证",
    nameEn: "Pollutant discharge permit",
    issuingLevel: "CITY",
    holderType: "COMPANY",
    validityMonths: 60,
  },
];
