import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { indexServiceItem, rebuildSearchIndex } from "../../lib/search/index";
import { listSynonymGroups, listZeroResultQueries, saveSynonymGroup, searchCatalogue, suggest } from "../../lib/search/query";
import { seedSynonyms } from "../../prisma/seed/synonyms";

// The seeded template predates the search index, so each run builds it here.
let indexTiming = { indexed: 0, milliseconds: 0 };

beforeAll(async () => {
  await seedSynonyms(db());
  indexTiming = await rebuildSearchIndex(db());
});

/** The first element, which the test needs to exist. */
function first<T>(list: readonly T[]): T {
  const value = list[0];
  if (value === undefined) throw new Error("expected a non-empty list");
  return value;
}

/** Distinct names in result order: each catalogue item is implemented in several regions. */
async function distinctNames(q: string, pageSize = 60): Promise<string[]> {
  const result = await searchCatalogue(db(), { q, page: 1, pageSize, record: false });
  return [...new Set(result.items.map((item) => item.name))];
}

/** [query, expected item name, it must be among the first N distinct names] */
const CASES: [string, string, number][] = [
  // Exact names
  ["居民身份证申领、换领、补领", "居民身份证申领、换领、补领", 1],
  ["住房公积金提取", "住房公积金提取", 1],
  ["社会保障卡申领", "社会保障卡申领", 1],
  ["内地居民结婚登记", "内地居民结婚登记", 1],
  ["企业设立登记", "企业设立登记", 1],
  ["食品经营许可", "食品经营许可", 1],
  ["失业登记", "失业登记", 1],
  // Partial words
  ["身份证", "居民身份证申领、换领、补领", 1],
  ["公积金", "住房公积金提取", 1],
  ["结婚", "内地居民结婚登记", 1],
  ["离婚", "内地居民离婚登记", 1],
  ["异地就医", "基本医疗保险参保人员异地就医备案", 1],
  ["驾驶证", "机动车驾驶证有效期满换证", 1],
  ["失业保险", "失业保险金申领", 3],
  ["养老保险转移", "企业职工基本养老保险关系转移接续", 1],
  ["营业执照", "企业设立登记", 3],
  // Pinyin, full and partial
  ["shenfenzheng", "居民身份证申领、换领、补领", 1],
  ["yingyezhizhao", "企业设立登记", 3],
  ["gongjijin", "住房公积金提取", 1],
  ["jiehundengji", "内地居民结婚登记", 1],
  ["shehuibaozhangka", "社会保障卡申领", 1],
  ["shenfenz", "居民身份证申领、换领、补领", 1],
  ["shen fen zheng", "居民身份证申领、换领、补领", 1],
  // Initials (any case and width)
  ["sfz", "居民身份证申领、换领、补领", 1],
  ["yyzz", "企业设立登记", 3],
  ["gjj", "住房公积金提取", 1],
  ["jhdj", "内地居民结婚登记", 1],
  ["ＳＦＺ", "居民身份证申领、换领、补领", 1],
  // Synonyms
  ["社保", "社会保障卡申领", 6],
  ["驾照", "机动车驾驶证有效期满换证", 1],
  ["低保", "最低生活保障审核确认", 1],
  ["准生证", "生育登记", 1],
  ["医保", "基本医疗保险参保人员异地就医备案", 3],
  ["退休", "企业职工基本养老保险待遇申领（退休）", 1],
  ["房产证", "国有建设用地使用权及房屋所有权转移登记", 1],
  ["上户口", "出生登记（新生儿落户）", 3],
  ["公租房", "公共租赁住房保障资格申请", 1],
  // One wrong or missing character
  ["营业执找", "企业设立登记", 3],
  ["营业执", "企业设立登记", 3],
  ["住房公积金提耿", "住房公积金提取", 1],
  ["社会保障卡申", "社会保障卡申领", 1],
  ["社会障卡申领", "社会保障卡申领", 1],
  ["结婚登计", "内地居民结婚登记", 1],
  ["居民身分证", "居民身份证申领、换领、补领", 1],
  ["失业保险金申岭", "失业保险金申领", 1],
  // Materials, departments, English
  ["出生医学证明", "出生医学证明签发", 1],
  ["户口簿", "户口迁入（市外迁入）", 20],
  ["住房公积金管理中心", "住房公积金提取", 1],
  ["公安局", "居民身份证申领、换领、补领", 20],
  ["marriage", "内地居民结婚登记", 1],
];

describe("catalogue search: query → item", () => {
  it("indexed every active item", async () => {
    const active = await db().serviceItem.count({ where: { status: "ACTIVE" } });
    expect(indexTiming.indexed).toBe(active);
    expect(active).toBeGreaterThan(200);
    console.info(`search index: ${indexTiming.indexed} items in ${indexTiming.milliseconds} ms`);
  });

  it.each(CASES)("%s → %s (top %i)", async (q, expected, within) => {
    const names = await distinctNames(q);
    const position = names.indexOf(expected);
    expect(position, `${q}: ${names.slice(0, 8).join(" | ")}`).toBeGreaterThanOrEqual(0);
    expect(position, `${q}: ${names.slice(0, 8).join(" | ")}`).toBeLessThan(within);
  });
});

describe("catalogue search: facets, filters, pages, highlights", () => {
  it("counts facets that add up to the total and agree with the filters", async () => {
    const all = await searchCatalogue(db(), { q: "登记", page: 1, pageSize: 20, record: false });
    expect(all.total).toBeGreaterThan(20);
    const sum = (list: { count: number }[]) => list.reduce((total, facet) => total + facet.count, 0);
    expect(sum(all.facets.department)).toBe(all.total);
    expect(sum(all.facets.region)).toBe(all.total);
    expect(all.facets.department.every((facet) => facet.label)).toBe(true);
    expect(all.facets.region.every((facet) => facet.label)).toBe(true);
    expect(all.facets.theme.length).toBeGreaterThan(0);
    expect(all.facets.audience.map((facet) => facet.code)).toContain("NATURAL_PERSON");
    expect(all.facets.onlineDepth.length).toBeGreaterThan(0);

    const department = first(all.facets.department);
    const byDepartment = await searchCatalogue(db(), { q: "登记", department: department.code, page: 1, pageSize: 100, record: false });
    expect(byDepartment.total).toBe(department.count);
    expect(byDepartment.items.every((item) => item.department.code === department.code)).toBe(true);
    // The chosen facet keeps the other departments' counts.
    expect(byDepartment.facets.department).toEqual(all.facets.department);
    expect(sum(byDepartment.facets.region)).toBe(byDepartment.total);

    const theme = first(all.facets.theme);
    const byTheme = await searchCatalogue(db(), { q: "登记", theme: theme.code, page: 1, pageSize: 20, record: false });
    expect(byTheme.total).toBe(theme.count);

    const audience = await searchCatalogue(db(), { q: "登记", audience: "ENTERPRISE", page: 1, pageSize: 100, record: false });
    expect(audience.total).toBe(all.facets.audience.find((facet) => facet.code === "ENTERPRISE")?.count ?? 0);
    expect(audience.items.every((item) => item.audiences.includes("ENTERPRISE"))).toBe(true);

    const depth = await searchCatalogue(db(), { q: "登记", onlineDepth: "HANDLE", page: 1, pageSize: 100, record: false });
    expect(depth.items.every((item) => item.onlineDepth.includes("HANDLE"))).toBe(true);
  });

  it("scopes a city filter to the city and its counties", async () => {
    const city = await searchCatalogue(db(), { q: "身份证", region: "511600000000", page: 1, pageSize: 100, record: false });
    expect(city.total).toBeGreaterThan(0);
    expect(city.items.every((item) => item.region.code.startsWith("5116"))).toBe(true);
    const county = await searchCatalogue(db(), { q: "身份证", region: "511602000000", page: 1, pageSize: 100, record: false });
    expect(county.total).toBeLessThan(city.total);
    expect(county.items.every((item) => item.region.code === "511602000000")).toBe(true);
  });

  it("pages without overlap and browses everything for an empty query", async () => {
    const first = await searchCatalogue(db(), { q: "申领", page: 1, pageSize: 5, record: false });
    const second = await searchCatalogue(db(), { q: "申领", page: 2, pageSize: 5, record: false });
    expect(first.items).toHaveLength(5);
    expect(second.total).toBe(first.total);
    const codes = new Set(first.items.map((item) => item.implementationCode));
    expect(second.items.some((item) => codes.has(item.implementationCode))).toBe(false);
    const beyond = await searchCatalogue(db(), { q: "申领", page: 400, pageSize: 5, record: false });
    expect(beyond.items).toHaveLength(0);
    const browse = await searchCatalogue(db(), { q: "", page: 1, pageSize: 10, record: false });
    expect(browse.total).toBe(await db().serviceItem.count({ where: { status: "ACTIVE" } }));
  });

  it("highlights Chinese, synonym and pinyin matches in names and materials", async () => {
    const byWord = await searchCatalogue(db(), { q: "身份证", page: 1, pageSize: 5, record: false });
    const top = first(byWord.items);
    const marked = (segments: { text: string; match: boolean }[]) => segments.filter((segment) => segment.match).map((segment) => segment.text);
    // The synonym group 身份证 ↔ 居民身份证 widens the mark to the whole official name.
    expect(marked(byWord.highlights[top.implementationCode]?.name ?? [])).toEqual(["居民身份证"]);
    expect((byWord.highlights[top.implementationCode]?.name ?? []).map((segment) => segment.text).join("")).toBe(top.name);

    const byInitials = await searchCatalogue(db(), { q: "sfz", page: 1, pageSize: 5, record: false });
    expect(marked(byInitials.highlights[first(byInitials.items).implementationCode]?.name ?? [])).toEqual(["身份证"]);

    const bySynonym = await searchCatalogue(db(), { q: "公租房", page: 1, pageSize: 5, record: false });
    expect(marked(bySynonym.highlights[first(bySynonym.items).implementationCode]?.name ?? [])).toEqual(["公共租赁住房"]);

    const byMaterial = await searchCatalogue(db(), { q: "户口簿", page: 1, pageSize: 20, record: false });
    const withMaterial = Object.values(byMaterial.highlights).find((entry) => entry.materials.length > 0);
    // 户口簿 ↔ 居民户口簿 are synonyms, so the official material name is marked whole.
    expect(withMaterial?.materials[0]?.some((segment) => segment.match && segment.text.includes("户口簿"))).toBe(true);
  });

  it("finds only active items", async () => {
    const item = await db().serviceItem.findFirstOrThrow({ where: { name: "临时救助", status: "ACTIVE" }, orderBy: { implementationCode: "asc" } });
    const before = await searchCatalogue(db(), { q: "临时救助", page: 1, pageSize: 100, record: false });
    expect(before.items.map((found) => found.implementationCode)).toContain(item.implementationCode);
    await db().serviceItem.update({ where: { id: item.id }, data: { status: "SUSPENDED" } });
    try {
      // Not shown even before the index is told (the page is read with status ACTIVE); then the index drops it.
      const stale = await searchCatalogue(db(), { q: "临时救助", page: 1, pageSize: 100, record: false });
      expect(stale.items.map((found) => found.implementationCode)).not.toContain(item.implementationCode);
      expect(await indexServiceItem(db(), item.id)).toBe("removed");
      const hidden = await searchCatalogue(db(), { q: "临时救助", page: 1, pageSize: 100, record: false });
      expect(hidden.total).toBe(before.total - 1);
    } finally {
      await db().serviceItem.update({ where: { id: item.id }, data: { status: "ACTIVE" } });
      expect(await indexServiceItem(db(), item.id)).toBe("indexed");
    }
    const after = await searchCatalogue(db(), { q: "临时救助", page: 1, pageSize: 100, record: false });
    expect(after.total).toBe(before.total);
  });
});

describe("catalogue search: hostile input, zero results, suggestions, synonyms", () => {
  it("never throws on hostile text or filters", async () => {
    const inputs = [
      "x".repeat(10_000),
      "字".repeat(10_000),
      "'; DROP TABLE service_item; --",
      "%' OR 1=1 --",
      "\\' & | ! :* <-> ()",
      "😀🔥👍",
      "\u0000\u0001身份证\u0000",
      "   ",
      "(((((((((",
      "ｓｆｚ＆＆＆",
    ];
    for (const q of inputs) {
      const result = await searchCatalogue(db(), { q, page: 1, pageSize: 5, record: false });
      expect(result.total).toBeGreaterThanOrEqual(0);
      expect(result.query.length).toBeLessThanOrEqual(60);
      await suggest(db(), q, 5);
    }
    expect((await searchCatalogue(db(), { q: "😀🔥", page: 1, pageSize: 5, record: false })).total).toBe(0);
    const nul = await searchCatalogue(db(), { q: "身份证", department: "\u0000'--", region: "x".repeat(500), page: Number.NaN, pageSize: 1e9, record: false });
    expect([nul.total, nul.page, nul.pageSize]).toEqual([0, 1, 100]);
    expect(await db().serviceItem.count()).toBeGreaterThan(200);
  });

  it("shows close matches and popular items when nothing matches, and records the query with its count", async () => {
    const q = "量子纠缠许可证明";
    const first = await searchCatalogue(db(), { q, page: 1, pageSize: 20 });
    expect([first.total, first.matchedBy, first.items.length]).toEqual([0, "none", 0]);
    expect(first.closeMatches.length).toBeGreaterThan(0);
    expect(first.popular.length).toBeGreaterThan(0);
    await searchCatalogue(db(), { q: `  ${q}！`, page: 1, pageSize: 20 });
    await searchCatalogue(db(), { q: "身份证", page: 1, pageSize: 20 });
    const zero = await listZeroResultQueries(db());
    expect(zero.find((row) => row.query === q)).toMatchObject({ searches: 2, zeroResults: 2, lastResultCount: 0 });
    expect(zero.some((row) => row.query === "身份证")).toBe(false);
    const logged = await db().searchQueryLog.findUniqueOrThrow({ where: { query: "身份证" } });
    expect(logged.zeroResults).toBe(0);
    expect(logged.lastResultCount).toBeGreaterThan(0);
  });

  it("says which name was meant when only the tolerant search found something", async () => {
    const result = await searchCatalogue(db(), { q: "住房公积金提耿", page: 1, pageSize: 5, record: false });
    expect(result.matchedBy).toBe("tolerant");
    expect(result.corrected).toBe("住房公积金提取");
  });

  it("suggests names while typing, by characters, pinyin and initials", async () => {
    const names = async (prefix: string) => (await suggest(db(), prefix, 8)).map((suggestion) => suggestion.text);
    expect(await names("居民身")).toContain("居民身份证申领、换领、补领");
    expect(await names("sfz")).toContain("居民身份证申领、换领、补领");
    expect(await names("shenf")).toContain("居民身份证申领、换领、补领");
    expect((await names("gjj"))[0]).toBe("住房公积金提取");
    expect((await names("住房"))[0]).toMatch(/^住房/);
    expect(new Set(await names("登记")).size).toBe((await names("登记")).length);
    expect(await names("")).toEqual([]);
    const suggestion = first(await suggest(db(), "gjj", 1));
    expect(suggestion.highlight.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(["公积金"]);
  });

  it("applies synonyms administrators add", async () => {
    expect(await distinctNames("娃娃上学")).not.toContain("义务教育阶段新生入学登记");
    const groups = await listSynonymGroups(db());
    expect(groups.length).toBeGreaterThanOrEqual(25);
    const saved = await saveSynonymGroup(db(), { terms: [" 娃娃上学 ", "新生入学", "新生入学"], note: "口语" });
    expect(saved.terms).toEqual(["娃娃上学", "新生入学"]);
    expect(await distinctNames("娃娃上学")).toContain("义务教育阶段新生入学登记");
    await expect(saveSynonymGroup(db(), { terms: ["只有一个"] })).rejects.toThrow(RangeError);
  });
});

describe("listing filters and sort orders in the ranked search", () => {
  it("filters by type, fully online, visits and fee, and sorts by popularity or promised time", async () => {
    const all = await searchCatalogue(db(), { q: "登记", pageSize: 100, record: false });
    expect(all.total).toBeGreaterThan(10);
    const codes = (result: { items: { implementationCode: string }[] }) => result.items.map((item) => item.implementationCode);
    const facts = new Map(
      (await db().serviceItem.findMany({ select: { implementationCode: true, itemType: true, visits: true, feeCharged: true, onlineDepth: true, popularity: true, promisedLimit: true } })).map((row) => [row.implementationCode, row]),
    );
    const factsOf = (result: { items: { implementationCode: string }[] }) => codes(result).map((code) => facts.get(code) ?? (() => { throw new Error(code); })());

    const licensing = await searchCatalogue(db(), { q: "登记", itemType: "T07_CONFIRMATION", pageSize: 100, record: false });
    expect(licensing.total).toBeGreaterThan(0);
    expect(factsOf(licensing).every((row) => row.itemType === "T07_CONFIRMATION")).toBe(true);

    const online = await searchCatalogue(db(), { q: "登记", fullyOnline: true, pageSize: 100, record: false });
    expect(factsOf(online).every((row) => row.visits === 0 && ["RECEIVE", "PRE_REVIEW", "ACCEPT", "HANDLE"].every((depth) => row.onlineDepth.includes(depth as never)))).toBe(true);

    const oneVisit = await searchCatalogue(db(), { q: "登记", visits: "1", pageSize: 100, record: false });
    expect(factsOf(oneVisit).every((row) => row.visits === 1)).toBe(true);

    const free = await searchCatalogue(db(), { q: "登记", fee: "free", pageSize: 100, record: false });
    const paid = await searchCatalogue(db(), { q: "登记", fee: "paid", pageSize: 100, record: false });
    expect(free.total + paid.total).toBe(all.total);
    expect(factsOf(paid).every((row) => row.feeCharged)).toBe(true);

    const byPopularity = factsOf(await searchCatalogue(db(), { q: "登记", sort: "popularity", pageSize: 100, record: false })).map((row) => row.popularity);
    expect(byPopularity).toEqual([...byPopularity].sort((a, b) => b - a));
    const byPromised = factsOf(await searchCatalogue(db(), { q: "登记", sort: "promised", pageSize: 100, record: false })).map((row) => row.promisedLimit);
    expect(byPromised).toEqual([...byPromised].sort((a, b) => a - b));
  });
});
