import type { LicenceHolderType } from "../../lib/generated/prisma/enums";

/**
 * 证照类型 (issue 20) for the demo catalogue: the licence types its items issue and its materials accept (免提交).
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
  results: string[];
}[] = [
  {
    code: "111",
    name: "中华人民共和国居民身份证",
    nameEn: "Resident identity card",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
    results: ["中华人民共和国居民身份证"],
  },
  {
    code: "121",
    name: "结婚证",
    nameEn: "Marriage certificate",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
    results: ["结婚证"],
  },
  {
    code: "122",
    name: "离婚证",
    nameEn: "Divorce certificate",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
    results: ["离婚证"],
  },
  {
    code: "123",
    name: "出生医学证明",
    nameEn: "Medical birth certificate",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
    results: ["出生医学证明"],
  },
  {
    code: "131",
    name: "中华人民共和国机动车驾驶证",
    nameEn: "Driving licence",
    issuingLevel: "CITY",
    holderType: "PERSON",
    validityMonths: 72,
    results: ["中华人民共和国机动车驾驶证"],
  },
  {
    code: "132",
    name: "就业创业证",
    nameEn: "Employment and entrepreneurship certificate",
    issuingLevel: "COUNTY",
    holderType: "PERSON",
    validityMonths: null,
    results: ["就业创业证"],
  },
  {
    code: "141",
    name: "不动产权证书",
    nameEn: "Real estate title certificate",
    issuingLevel: "COUNTY",
    holderType: "ANY",
    validityMonths: null,
    results: ["不动产权证书"],
  },
  {
    code: "201",
    name: "营业执照",
    nameEn: "Business licence",
    issuingLevel: "COUNTY",
    holderType: "COMPANY",
    validityMonths: null,
    results: ["营业执照", "营业执照（个体工商户）", "营业执照（变更后换发）"],
  },
  {
    code: "311",
    name: "食品经营许可证",
    nameEn: "Food business licence",
    issuingLevel: "COUNTY",
    holderType: "COMPANY",
    validityMonths: 60,
    results: ["食品经营许可证"],
  },
  {
    code: "312",
    name: "食品生产许可证",
    nameEn: "Food production licence",
    issuingLevel: "CITY",
    holderType: "COMPANY",
    validityMonths: 60,
    results: ["食品生产许可证"],
  },
  {
    code: "313",
    name: "药品经营许可证",
    nameEn: "Pharmaceutical trading licence",
    issuingLevel: "CITY",
    holderType: "COMPANY",
    validityMonths: 60,
    results: ["药品经营许可证（零售）"],
  },
  {
    code: "314",
    name: "公共场所卫生许可证",
    nameEn: "Public venue hygiene licence",
    issuingLevel: "COUNTY",
    holderType: "COMPANY",
    validityMonths: 48,
    results: ["公共场所卫生许可证"],
  },
  {
    code: "315",
    name: "特种设备使用登记证",
    nameEn: "Special equipment registration",
    issuingLevel: "CITY",
    holderType: "COMPANY",
    validityMonths: null,
    results: ["特种设备使用登记证"],
  },
  {
    code: "316",
    name: "排污许可证",
    nameEn: "Pollutant discharge permit",
    issuingLevel: "CITY",
    holderType: "COMPANY",
    validityMonths: 60,
    results: ["排污许可证"],
  },
];

/** The type code of a seeded result name, if the demo catalogue has one for it. */
export function licenceTypeOfResult(resultName: string | null | undefined): string | null {
  if (!resultName) return null;
  return LICENCE_TYPES.find((type) => type.results.includes(resultName))?.code ?? null;
}
