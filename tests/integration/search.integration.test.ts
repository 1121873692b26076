import { beforeAll, describe, expect, it } from "vitest";
import { CatalogueFilters } from "../../lib/catalogue/filters";
import { searchPublicCatalogue } from "../../lib/catalogue/search";
import { flushUsage } from "../../lib/analytics/usage";
import { chinaToday, isoToDateColumn } from "../../lib/calendar/china-time";
import { db } from "../../lib/db/client";
import { indexServiceItem, rebuildSearchIndex } from "../../lib/search/index";
import {
  listSynonymGroups,
  listZeroResultQueries,
  MAX_OTHER_IMPLEMENTATIONS,
  saveSynonymGroup,
  searchCatalogue,
  suggest,
} from "../../lib/search/query";
import { seedSynonyms } from "../../prisma/seed/synonyms";
import { apiClient, ok, raw } from "./api-support";

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
  it("counts facets that agree with the filters (and add up to the total when not grouped)", async () => {
    const all = await searchCatalogue(db(), { q: "登记", page: 1, pageSize: 20, record: false });
    expect(all.total).toBeGreaterThan(20);
    const sum = (list: { count: number }[]) => list.reduce((total, facet) => total + facet.count, 0);
    // Grouped, a service implemented in five regions counts once in each region: the counts add up to more.
    expect(sum(all.facets.department)).toBeGreaterThan(all.total);
    expect(sum(all.facets.region)).toBeGreaterThan(all.total);
    const rows = await searchCatalogue(db(), { q: "登记", page: 1, pageSize: 20, record: false, grouped: false });
    expect(rows.total).toBeGreaterThan(all.total);
    expect(sum(rows.facets.department)).toBe(rows.total);
    expect(sum(rows.facets.region)).toBe(rows.total);
    expect(all.facets.department.every((facet) => facet.label)).toBe(true);
    expect(all.facets.region.every((facet) => facet.label)).toBe(true);
    expect(all.facets.theme.length).toBeGreaterThan(0);
    expect(all.facets.audience.map((facet) => facet.code)).toContain("NATURAL_PERSON");
    expect(all.facets.onlineDepth.length).toBeGreaterThan(0);

    const department = first(all.facets.department);
    const byDepartment = await searchCatalogue(db(), {
      q: "登记",
      department: department.code,
      page: 1,
      pageSize: 100,
      record: false,
    });
    expect(byDepartment.total).toBe(department.count);
    expect(byDepartment.items.every((item) => item.department.code === department.code)).toBe(true);
    // The chosen facet keeps the other departments' counts.
    expect(byDepartment.facets.department).toEqual(all.facets.department);
    expect(sum(byDepartment.facets.region)).toBe(byDepartment.total);

    const theme = first(all.facets.theme);
    const byTheme = await searchCatalogue(db(), { q: "登记", theme: theme.code, page: 1, pageSize: 20, record: false });
    expect(byTheme.total).toBe(theme.count);
    const region = first(all.facets.region);
    const byRegion = await searchCatalogue(db(), {
      q: "登记",
      region: region.code,
      page: 1,
      pageSize: 20,
      record: false,
    });
    expect(byRegion.total).toBe(region.count);
    const depth = first(all.facets.onlineDepth);
    expect(
      (await searchCatalogue(db(), { q: "登记", onlineDepth: depth.code, page: 1, pageSize: 20, record: false })).total,
    ).toBe(depth.count);

    const audience = await searchCatalogue(db(), {
      q: "登记",
      audience: "ENTERPRISE",
      page: 1,
      pageSize: 100,
      record: false,
    });
    expect(audience.total).toBe(all.facets.audience.find((facet) => facet.code === "ENTERPRISE")?.count ?? 0);
    expect(audience.items.every((item) => item.audiences.includes("ENTERPRISE"))).toBe(true);

    const handle = await searchCatalogue(db(), {
      q: "登记",
      onlineDepth: "HANDLE",
      page: 1,
      pageSize: 100,
      record: false,
    });
    expect(handle.items.every((item) => item.onlineDepth.includes("HANDLE"))).toBe(true);
  });

  it("scopes a city filter to the city and its counties", async () => {
    const city = await searchCatalogue(db(), {
      q: "身份证",
      region: "511600000000",
      page: 1,
      pageSize: 100,
      record: false,
    });
    expect(city.total).toBeGreaterThan(0);
    expect(city.items.every((item) => item.region.code.startsWith("5116"))).toBe(true);
    const county = await searchCatalogue(db(), {
      q: "身份证",
      region: "511602000000",
      page: 1,
      pageSize: 100,
      record: false,
    });
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
    const services = await db().serviceItem.groupBy({ by: ["catalogItemId"], where: { status: "ACTIVE" } });
    expect(browse.total).toBe(services.length);
    const browseRows = await searchCatalogue(db(), { q: "", page: 1, pageSize: 10, record: false, grouped: false });
    expect(browseRows.total).toBe(await db().serviceItem.count({ where: { status: "ACTIVE" } }));
  });

  it("highlights Chinese, synonym and pinyin matches in names and materials", async () => {
    const byWord = await searchCatalogue(db(), { q: "身份证", page: 1, pageSize: 5, record: false });
    const top = first(byWord.items);
    const marked = (segments: { text: string; match: boolean }[]) =>
      segments.filter((segment) => segment.match).map((segment) => segment.text);
    // The synonym group 身份证 ↔ 居民身份证 widens the mark to the whole official name.
    expect(marked(byWord.highlights[top.implementationCode]?.name ?? [])).toEqual(["居民身份证"]);
    expect((byWord.highlights[top.implementationCode]?.name ?? []).map((segment) => segment.text).join("")).toBe(
      top.name,
    );

    const byInitials = await searchCatalogue(db(), { q: "sfz", page: 1, pageSize: 5, record: false });
    expect(marked(byInitials.highlights[first(byInitials.items).implementationCode]?.name ?? [])).toEqual(["身份证"]);

    const bySynonym = await searchCatalogue(db(), { q: "公租房", page: 1, pageSize: 5, record: false });
    expect(marked(bySynonym.highlights[first(bySynonym.items).implementationCode]?.name ?? [])).toEqual([
      "公共租赁住房",
    ]);

    const byMaterial = await searchCatalogue(db(), { q: "户口簿", page: 1, pageSize: 20, record: false });
    const withMaterial = Object.values(byMaterial.highlights).find((entry) => entry.materials.length > 0);
    // 户口簿 ↔ 居民户口簿 are synonyms, so the official material name is marked whole.
    expect(withMaterial?.materials[0]?.some((segment) => segment.match && segment.text.includes("户口簿"))).toBe(true);
  });

  it("finds only active items", async () => {
    const item = await db().serviceItem.findFirstOrThrow({
      where: { name: "临时救助", status: "ACTIVE" },
      orderBy: { implementationCode: "asc" },
    });
    const rows = { q: "临时救助", page: 1, pageSize: 100, record: false, grouped: false } as const;
    /** Implementations of 临时救助 the grouped search knows: the one shown and the others. */
    const implementationsOf = async () => {
      const grouped = await searchCatalogue(db(), { ...rows, grouped: true });
      const service = grouped.items.find((found) => found.name === "临时救助");
      return service
        ? [service.implementationCode, ...service.otherImplementations.map((other) => other.implementationCode)].sort()
        : [];
    };
    const before = await searchCatalogue(db(), rows);
    expect(before.items.map((found) => found.implementationCode)).toContain(item.implementationCode);
    const groupedBefore = await implementationsOf();
    expect(groupedBefore).toContain(item.implementationCode);
    // Changed behind the indexer's back: the trigger service_item_leaves_search drops the document in the same
    // statement, so the search (which reads search_document alone) neither shows nor counts it, grouped or not.
    await db().serviceItem.update({ where: { id: item.id }, data: { status: "SUSPENDED" } });
    try {
      expect(await documentCount(item.id)).toBe(0);
      const hidden = await searchCatalogue(db(), rows);
      expect(hidden.items.map((found) => found.implementationCode)).not.toContain(item.implementationCode);
      expect(hidden.total).toBe(before.total - 1);
      expect(await implementationsOf()).toEqual(groupedBefore.filter((code) => code !== item.implementationCode));
      expect(await indexServiceItem(db(), item.id)).toBe("removed");
    } finally {
      await db().serviceItem.update({ where: { id: item.id }, data: { status: "ACTIVE" } });
      expect(await indexServiceItem(db(), item.id)).toBe("indexed");
    }
    const after = await searchCatalogue(db(), rows);
    expect(after.total).toBe(before.total);
  });

  it("never indexes an item whose status changes while it is being indexed", async () => {
    const item = await db().serviceItem.findFirstOrThrow({
      where: { name: "临时救助", status: "ACTIVE" },
      orderBy: { implementationCode: "desc" },
    });
    /** Waits until another session of this database waits for a row lock. */
    const someoneWaits = async () => {
      for (let tries = 0; tries < 200; tries++) {
        const [row] = await db().$queryRaw<{ waiting: number }[]>`
          SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if ((row?.waiting ?? 0) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error("no session waited for the lock");
    };
    try {
      // Indexing first: the suspension waits for the indexing transaction, then its trigger drops the document.
      let suspended: Promise<unknown> = Promise.resolve();
      await db().$transaction(async (tx) => {
        expect(await indexServiceItem(tx, item.id)).toBe("indexed");
        // Prisma's queries are lazy: then() sends it now, on a connection of its own.
        suspended = db()
          .serviceItem.update({ where: { id: item.id }, data: { status: "SUSPENDED" } })
          .then(() => undefined);
        await someoneWaits();
      });
      await suspended;
      expect(await documentCount(item.id)).toBe(0);

      // Suspension first (not yet committed): the indexer read ACTIVE, waits at the lock, then writes nothing.
      await db().serviceItem.update({ where: { id: item.id }, data: { status: "ACTIVE" } });
      expect(await indexServiceItem(db(), item.id)).toBe("indexed");
      let indexing: Promise<string> = Promise.resolve("");
      await db().$transaction(async (tx) => {
        await tx.serviceItem.update({ where: { id: item.id }, data: { status: "SUSPENDED" } });
        indexing = db()
          .$transaction(async (other) => {
            // The read sees the committed ACTIVE row; the document write then waits for this transaction.
            expect(
              (await other.serviceItem.findUniqueOrThrow({ where: { id: item.id }, select: { status: true } })).status,
            ).toBe("ACTIVE");
            return indexServiceItem(other, item.id);
          })
          .then((outcome) => outcome);
        await someoneWaits();
      });
      expect(await indexing).toBe("removed");
      expect(await documentCount(item.id)).toBe(0);
    } finally {
      await db().serviceItem.update({ where: { id: item.id }, data: { status: "ACTIVE" } });
      expect(await indexServiceItem(db(), item.id)).toBe("indexed");
    }
  });

  it("copies each item's catalogue item into its document, for ACTIVE items only", async () => {
    const [row] = await db().$queryRaw<{ documents: number; active: number; wrong: number }[]>`
      SELECT (SELECT count(*)::int FROM search_document) AS documents,
             (SELECT count(*)::int FROM service_item WHERE status = 'ACTIVE') AS active,
             (SELECT count(*)::int FROM search_document d JOIN service_item s ON s.id = d.service_item_id
               WHERE d.catalog_item_id <> s.catalog_item_id OR s.status <> 'ACTIVE') AS wrong`;
    expect(row?.documents).toBeGreaterThan(0);
    expect(row).toEqual({ documents: row?.active, active: row?.active, wrong: 0 });
  });
});

async function documentCount(serviceItemId: string): Promise<number> {
  const [row] = await db().$queryRaw<
    { count: number }[]
  >`SELECT count(*)::int AS count FROM search_document WHERE service_item_id = ${serviceItemId}::uuid`;
  return row?.count ?? 0;
}

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
    const nul = await searchCatalogue(db(), {
      q: "身份证",
      department: "\u0000'--",
      region: "x".repeat(500),
      page: Number.NaN,
      pageSize: 1e9,
      record: false,
    });
    expect([nul.total, nul.page, nul.pageSize]).toEqual([0, 1, 100]);
    expect(await db().serviceItem.count()).toBeGreaterThan(200);
  });

  it("shows close matches and popular items when nothing matches, and records the query with its count", async () => {
    const q = "量子纠缠许可证明";
    const first = await searchCatalogue(db(), { q, page: 1, pageSize: 20 });
    expect([first.total, first.matchedBy, first.items.length]).toEqual([0, "none", 0]);
    expect(first.closeMatches.length).toBeGreaterThan(0);
    expect(first.popular.length).toBeGreaterThan(0);
    // Five searches of each: reports show no search text searched fewer than ANALYTICS_MIN_COUNT times.
    for (const typed of [`  ${q}！`, q, `${q} `, `！${q}`])
      await searchCatalogue(db(), { q: typed, page: 1, pageSize: 20 });
    for (let i = 0; i < 5; i++) await searchCatalogue(db(), { q: "身份证", page: 1, pageSize: 20 });
    await flushUsage();
    const zero = await listZeroResultQueries(db());
    expect(zero.find((row) => row.query === q)).toMatchObject({ searches: 5, zeroResults: 5 });
    expect(zero.some((row) => row.query === "身份证")).toBe(false);
    const logged = await db().searchQueryDaily.findUniqueOrThrow({
      where: { day_query: { day: isoToDateColumn(chinaToday()), query: "身份证" } },
    });
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
    const codes = (result: { items: { implementationCode: string }[] }) =>
      result.items.map((item) => item.implementationCode);
    const facts = new Map(
      (
        await db().serviceItem.findMany({
          select: {
            implementationCode: true,
            itemType: true,
            visits: true,
            feeCharged: true,
            onlineDepth: true,
            popularity: true,
            promisedLimit: true,
          },
        })
      ).map((row) => [row.implementationCode, row]),
    );
    const factsOf = (result: { items: { implementationCode: string }[] }) =>
      codes(result).map(
        (code) =>
          facts.get(code) ??
          (() => {
            throw new Error(code);
          })(),
      );

    const licensing = await searchCatalogue(db(), {
      q: "登记",
      itemType: "T07_CONFIRMATION",
      pageSize: 100,
      record: false,
    });
    expect(licensing.total).toBeGreaterThan(0);
    expect(factsOf(licensing).every((row) => row.itemType === "T07_CONFIRMATION")).toBe(true);

    const online = await searchCatalogue(db(), { q: "登记", fullyOnline: true, pageSize: 100, record: false });
    expect(
      factsOf(online).every(
        (row) =>
          row.visits === 0 &&
          ["RECEIVE", "PRE_REVIEW", "ACCEPT", "HANDLE"].every((depth) => row.onlineDepth.includes(depth as never)),
      ),
    ).toBe(true);

    const oneVisit = await searchCatalogue(db(), { q: "登记", visits: "1", pageSize: 100, record: false });
    expect(factsOf(oneVisit).every((row) => row.visits === 1)).toBe(true);

    const free = await searchCatalogue(db(), { q: "登记", fee: "free", pageSize: 100, record: false });
    const paid = await searchCatalogue(db(), { q: "登记", fee: "paid", pageSize: 100, record: false });
    // Grouped, a service free in one region and paid in another would be in both; as rows they split the total.
    expect(free.total + paid.total).toBeGreaterThanOrEqual(all.total);
    expect(factsOf(paid).every((row) => row.feeCharged)).toBe(true);
    const asRows = { q: "登记", pageSize: 1, record: false, grouped: false } as const;
    const [allRows, freeRows, paidRows] = await Promise.all([
      searchCatalogue(db(), asRows),
      searchCatalogue(db(), { ...asRows, fee: "free" }),
      searchCatalogue(db(), { ...asRows, fee: "paid" }),
    ]);
    expect(freeRows.total + paidRows.total).toBe(allRows.total);

    const byPopularity = factsOf(
      await searchCatalogue(db(), { q: "登记", sort: "popularity", pageSize: 100, record: false }),
    ).map((row) => row.popularity);
    expect(byPopularity).toEqual([...byPopularity].sort((a, b) => b - a));
    const byPromised = factsOf(
      await searchCatalogue(db(), { q: "登记", sort: "promised", pageSize: 100, record: false }),
    ).map((row) => row.promisedLimit);
    expect(byPromised).toEqual([...byPromised].sort((a, b) => a - b));
  });
});

// ───────────────────────────── Issue 17: results are services, not rows ─────────────────────────────

/** A service of our own, implemented by five regions (a city and a county of two cities), so the counts are known. */
const SERVICE = { code: "TEST17000001", name: "蜂王浆采集点备案", nameEn: "Royal jelly collection point filing" };
/** Region → popularity: 岳池县 is the most used, so it leads when no region is preferred. */
const IMPLEMENTATIONS: Record<string, number> = {
  "510100000000": 300,
  "510104000000": 200,
  "511600000000": 100,
  "511602000000": 50,
  "511621000000": 900,
};
/** A second service with more implementations than a result lists. */
const CROWDED = { code: "TEST17000002", name: "蜜蜂转地放蜂证明", nameEn: "Migratory beekeeping certificate" };

/** Creates a catalogue item and its implementations (copies of a seeded guide) and indexes them. */
async function seedService(
  service: typeof SERVICE,
  places: { regionCode: string; departmentId: string; popularity: number }[],
) {
  const template = await db().serviceItem.findFirstOrThrow({
    where: { status: "ACTIVE" },
    orderBy: { implementationCode: "asc" },
  });
  const {
    id: _id,
    implementationCode: _code,
    catalogItemId: _catalog,
    departmentId: _department,
    regionCode: _region,
    createdAt: _created,
    updatedAt: _updated,
    ...guide
  } = template;
  void [_id, _code, _catalog, _department, _region, _created, _updated];
  const catalogItem = await db().catalogItem.create({
    data: {
      code: service.code,
      name: service.name,
      nameEn: service.nameEn,
      itemType: template.itemType,
      exerciseLevels: [3, 4],
      audiences: template.audiences,
    },
  });
  const codes: string[] = [];
  for (const [index, place] of places.entries()) {
    const implementationCode = `${service.code}-${String(index).padStart(2, "0")}`;
    const item = await db().serviceItem.create({
      data: {
        ...guide,
        implementationCode,
        catalogItemId: catalogItem.id,
        departmentId: place.departmentId,
        regionCode: place.regionCode,
        name: service.name,
        nameEn: service.nameEn,
        popularity: place.popularity,
        status: "ACTIVE",
      },
    });
    expect(await indexServiceItem(db(), item.id)).toBe("indexed");
    codes.push(implementationCode);
  }
  return codes;
}

describe("results are services, not rows (issue 17)", () => {
  /** Implementation code by region code. */
  const codeIn = new Map<string, string>();

  beforeAll(async () => {
    const places = await Promise.all(
      Object.entries(IMPLEMENTATIONS).map(async ([regionCode, popularity]) => ({
        regionCode,
        popularity,
        departmentId: (
          await db().department.findFirstOrThrow({
            where: { regionCode },
            orderBy: { code: "asc" },
            select: { id: true },
          })
        ).id,
      })),
    );
    const codes = await seedService(SERVICE, places);
    for (const [index, place] of places.entries()) codeIn.set(place.regionCode, codes[index]!);
    // More implementations than a result lists: one per department of the seeded regions.
    const departments = await db().department.findMany({
      orderBy: { code: "asc" },
      take: MAX_OTHER_IMPLEMENTATIONS + 3,
      select: { id: true, regionCode: true },
    });
    expect(departments.length).toBe(MAX_OTHER_IMPLEMENTATIONS + 3);
    await seedService(
      CROWDED,
      departments.map((department, index) => ({
        regionCode: department.regionCode,
        departmentId: department.id,
        popularity: index,
      })),
    );
  });

  const search = (options: Parameters<typeof searchCatalogue>[1] = {}) =>
    searchCatalogue(db(), { q: SERVICE.name, page: 1, pageSize: 20, record: false, ...options });

  it("shows a service once, the others listed behind it by region code", async () => {
    const result = await search();
    expect([result.total, result.items.length, result.grouped]).toEqual([1, 1, true]);
    const service = first(result.items);
    expect(service.catalogCode).toBe(SERVICE.code);
    // No region preferred: the best ranked (all names equal, so the most used) leads.
    expect(service.region.code).toBe("511621000000");
    expect(service.otherImplementationCount).toBe(4);
    expect(service.otherImplementations.map((other) => other.region.code)).toEqual([
      "510100000000",
      "510104000000",
      "511600000000",
      "511602000000",
    ]);
    expect(service.otherImplementations.map((other) => other.implementationCode)).toEqual(
      ["510100000000", "510104000000", "511600000000", "511602000000"].map((region) => codeIn.get(region)),
    );
    expect(service.otherImplementations.every((other) => other.department.name && other.region.name)).toBe(true);
    expect(result.highlights[service.implementationCode]?.name.some((segment) => segment.match)).toBe(true);
  });

  it("puts the chosen region's implementation first, else the one of the county, city or province above it", async () => {
    const lead = async (preferRegion: string) => first((await search({ preferRegion })).items);
    expect((await lead("511602000000")).region.code).toBe("511602000000");
    expect((await lead("511602000000")).otherImplementations.map((other) => other.region.code)).toContain(
      "511621000000",
    );
    expect((await lead("511600000000")).region.code).toBe("511600000000");
    // 青羊区 has no implementation of its own: 成都市's serves it.
    expect((await lead("510105000000")).region.code).toBe("510100000000");
    // 绵阳市 implements nothing and is above none of them: back to the best ranked.
    expect((await lead("510700000000")).region.code).toBe("511621000000");
    // Anything but a region code is no preference.
    expect((await lead("'; DROP TABLE region; --")).region.code).toBe("511621000000");
  });

  it("prefers the region filter when no region is chosen, and the chosen region inside the filter", async () => {
    const inCity = await search({ region: "511600000000" });
    expect(inCity.total).toBe(1);
    const service = first(inCity.items);
    expect(service.region.code).toBe("511600000000");
    expect(service.otherImplementations.map((other) => other.region.code)).toEqual(["511602000000", "511621000000"]);

    const filters = CatalogueFilters.parse({ q: SERVICE.name, region: "511600000000" });
    const chosenInside = await searchPublicCatalogue(filters, { chosenRegion: "511602000000" });
    expect(first(chosenInside.items).region.code).toBe("511602000000");
    const chosenElsewhere = await searchPublicCatalogue(filters, { chosenRegion: "510104000000" });
    expect(first(chosenElsewhere.items).region.code).toBe("511600000000");
    const chosenOnly = await searchPublicCatalogue(CatalogueFilters.parse({ q: SERVICE.name }), {
      chosenRegion: "510104000000",
    });
    expect([chosenOnly.total, first(chosenOnly.items).region.code]).toEqual([1, "510104000000"]);
  });

  it("lists every implementation as a row when not grouped", async () => {
    const rows = await search({ grouped: false });
    expect([rows.total, rows.grouped]).toEqual([5, false]);
    expect(rows.items.map((item) => item.region.code).sort()).toEqual(Object.keys(IMPLEMENTATIONS).sort());
    expect(
      rows.items.every(
        (item) =>
          item.catalogCode === SERVICE.code &&
          item.otherImplementationCount === 0 &&
          item.otherImplementations.length === 0,
      ),
    ).toBe(true);
    expect(rows.facets.region.map((facet) => facet.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it("counts services in the total, the facets and the pages", async () => {
    const one = await search();
    // One service in five regions: one result, and each region's facet counts it once.
    expect(one.facets.region.map((facet) => [facet.code, facet.count]).sort()).toEqual(
      Object.keys(IMPLEMENTATIONS)
        .sort()
        .map((code) => [code, 1]),
    );
    expect((await search({ region: "511602000000" })).total).toBe(1);

    const rows = await searchCatalogue(db(), { q: "登记", page: 1, pageSize: 100, record: false, grouped: false });
    const allRows = [...rows.items];
    for (let page = 2; allRows.length < rows.total; page++)
      allRows.push(
        ...(await searchCatalogue(db(), { q: "登记", page, pageSize: 100, record: false, grouped: false })).items,
      );
    const services = new Set(allRows.map((item) => item.catalogCode));
    const grouped = await searchCatalogue(db(), { q: "登记", page: 1, pageSize: 7, record: false });
    expect(grouped.total).toBe(services.size);
    expect(grouped.total).toBeLessThan(rows.total);

    // Paging through the groups: each service once, and with its others every implementation once.
    const seen: string[] = [];
    let implementations = 0;
    for (let page = 1; (page - 1) * 7 < grouped.total; page++) {
      const result = await searchCatalogue(db(), { q: "登记", page, pageSize: 7, record: false });
      expect(result.total).toBe(grouped.total);
      seen.push(...result.items.map((item) => item.catalogCode));
      implementations += result.items.reduce((sum, item) => sum + 1 + item.otherImplementationCount, 0);
    }
    expect(seen.length).toBe(grouped.total);
    expect(new Set(seen)).toEqual(services);
    expect(implementations).toBe(rows.total);
  });

  it("lists at most MAX_OTHER_IMPLEMENTATIONS others and counts them all", async () => {
    const result = await searchCatalogue(db(), { q: CROWDED.name, page: 1, pageSize: 20, record: false });
    expect(result.total).toBe(1);
    const service = first(result.items);
    expect(service.otherImplementationCount).toBe(MAX_OTHER_IMPLEMENTATIONS + 2);
    expect(service.otherImplementations).toHaveLength(MAX_OTHER_IMPLEMENTATIONS);
    const regions = service.otherImplementations.map((other) => other.region.code);
    expect(regions).toEqual([...regions].sort());
  });

  it("answers grouped on the API by default, and every implementation with implementations=all", async () => {
    const client = apiClient({ ip: "198.51.100.17" });
    const grouped = ok(
      await client.GET("/api/v1/items", { params: { query: { q: SERVICE.name, region: "511600000000" } } }),
    );
    expect([grouped.total, grouped.implementations, grouped.items.length]).toEqual([1, "grouped", 1]);
    const service = first(grouped.items);
    expect([service.code, service.catalogCode, service.region.code, service.otherImplementationCount]).toEqual([
      codeIn.get("511600000000"),
      SERVICE.code,
      "511600000000",
      2,
    ]);
    expect(service.otherImplementations?.map((other) => other.code)).toEqual([
      codeIn.get("511602000000"),
      codeIn.get("511621000000"),
    ]);

    const all = ok(
      await client.GET("/api/v1/items", { params: { query: { q: SERVICE.name, implementations: "all" } } }),
    );
    expect([all.total, all.implementations, all.items.length]).toEqual([5, "all", 5]);
    expect(all.items.map((item) => item.code).sort()).toEqual([...codeIn.values()].sort());
    expect(all.items.every((item) => item.catalogCode === SERVICE.code && !("otherImplementations" in item))).toBe(
      true,
    );

    const refusedAnswer = await raw("GET", `/api/v1/items?q=${encodeURIComponent(SERVICE.name)}&implementations=rows`, {
      ip: "198.51.100.18",
    });
    expect(refusedAnswer.status).toBe(400);
    expect(
      Object.keys(((await refusedAnswer.json()) as { error: { fields: Record<string, string> } }).error.fields),
    ).toEqual(["implementations"]);
  });
});
