/**
 * The demo items people can apply for online: catalogue code and region of each. Their application forms (2–3
 * steps, prefill from the profile, a conditional field, a repeating group, a file field per key material) and
 * workflows are part of their guides in the demo catalogue file (prisma/seed/data/catalogue.json), imported and
 * published like every other guide field; tests and benchmarks find the items through this list.
 */
export const DEMO_FORMS = [
  /** 居民身份证申领、换领、补领, 广安区公安局: one clerk takes in and concludes. */
  { catalogCode: "000105003000", regionCode: "511602000000" },
  /** 企业变更登记, 广安市市场监督管理局: 受理 → 审查 → 审核 → 决定 → 办结 → 送达, duties separated. */
  { catalogCode: "000125003000", regionCode: "511600000000" },
  /** 技能提升补贴申领, 广安市人力资源和社会保障局: one clerk takes in and concludes. */
  { catalogCode: "000109004000", regionCode: "511600000000" },
] as const;
