import "server-only";
import { itemSummarySelect, type ItemSummary } from "../catalogue/queries";
import { type Db, db } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { countSearch } from "../analytics/usage";
import { chinaToday, dateColumnToIso, isoToDateColumn } from "../calendar/china-time";
import { addDays } from "../calendar/working-days";
import { env } from "../env";
import {
  analyzeQuery,
  buildSynonymIndex,
  highlight,
  normalizeSynonymGroup,
  type HighlightSegment,
  type QueryNode,
  type SynonymIndex,
  toTsQuery,
} from "./analyze";

/**
 * The catalogue search: one statement for the total, all facet counts and the ranked page, on the GIN
 * indexes of search_document. The app does per-row work only for the page it shows (highlights).
 * Only ACTIVE items are found: the index holds only them (indexServiceItem runs on every publish and status
 * change, and a trigger drops the document of an item that leaves ACTIVE however it leaves; see
 * lib/search/index.ts), so the statements read search_document alone. The pages are read with status ACTIVE too.
 *
 * Results are services, not rows (issue 17): one catalogue item (社会保障卡申领) is implemented by every
 * region, so by default the statement groups the matching implementations by their catalogue item, shows one
 * per group (the visitor's region's, else the best ranked) and lists the others behind it. Totals, facets and
 * pages count groups. `grouped: false` lists every implementation as its own row (the API's
 * `implementations=all`).
 */

export type SearchDb = Pick<
  Db,
  "$queryRaw" | "$executeRaw" | "$transaction" | "serviceItem" | "synonymGroup" | "searchQueryDaily"
>;
/** Synonym and query-log helpers also run inside a caller's transaction. */
export type SearchAdminDb = Pick<Db, "$executeRaw" | "$transaction" | "synonymGroup" | "searchQueryDaily">;

export const SEARCH_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 500;
const CLOSE_MATCHES = 5;
const POPULAR_FALLBACK = 6;
/**
 * Other implementations listed behind a result, at most: a province has some 200 regions, and a page of 20
 * services must not read 4,000 rows. The count of all of them is given beside the list. (The API document says
 * "up to 20" in lib/api/openapi.ts.)
 */
export const MAX_OTHER_IMPLEMENTATIONS = 20;
/** Synonyms change rarely and by hand; a short cache keeps them off the hot path. */
const SYNONYM_CACHE_MS = 30_000;
/** ts_rank weights {D, C, B, A}: the item name counts most, then result and catalogue names. */
const RANK_WEIGHTS = "{0.05,0.2,0.5,1.0}";

export type SearchFacetName = "department" | "region" | "theme" | "audience" | "onlineDepth";

export type SearchOptions = {
  q?: string | null;
  department?: string | null;
  region?: string | null;
  theme?: string | null;
  audience?: string | null;
  onlineDepth?: string | null;
  /** Listing filters (not facets): item type enum name, fully online only, visits, fee. */
  itemType?: string | null;
  fullyOnline?: boolean;
  visits?: "0" | "1" | "2+" | null;
  fee?: "free" | "paid" | null;
  /** relevance (default), popularity, or promised (shortest promised time first). */
  sort?: "relevance" | "popularity" | "promised" | null;
  page?: number;
  pageSize?: number;
  /** Count this search in the query log (page 1 only). Default true. */
  record?: boolean;
  /**
   * One result per catalogue item (default), the other implementations listed behind it; false: every
   * implementation is a result of its own, as before issue 17 (for machines that want rows).
   */
  grouped?: boolean;
  /**
   * The visitor's region (12 digits): in each group its implementation comes first, then that of the county,
   * city or province above it, then one inside it. Default: the region filter.
   */
  preferRegion?: string | null;
};

export type FacetCount = { code: string; label?: string; count: number };

export type ItemHighlight = { name: HighlightSegment[]; materials: HighlightSegment[][] };

type Named = { code: string; name: string; nameEn: string };

/** Another implementation of a found service (same catalogue item): where it is handled, and by whom. */
export type OtherImplementation = { implementationCode: string; region: Named; department: Named };

/** One result: the implementation shown, and the other implementations of its catalogue item that match too. */
export type SearchItem = ItemSummary & {
  /** 基本编码 of the catalogue item: what groups implementations. */
  catalogCode: string;
  /**
   * Up to MAX_OTHER_IMPLEMENTATIONS, the ones nearest the preferred region first (then in result order), listed by
   * region code; empty when the search is not grouped.
   */
  otherImplementations: OtherImplementation[];
  /** All of them, listed or not. */
  otherImplementationCount: number;
};

export type SearchResult = {
  query: string;
  /** Results: catalogue items when grouped (the default), implementations otherwise. */
  total: number;
  page: number;
  pageSize: number;
  items: SearchItem[];
  /** One result per catalogue item (SearchOptions.grouped). */
  grouped: boolean;
  /** Keyed by implementation code. */
  highlights: Record<string, ItemHighlight>;
  /** Counted like `total`: how many results each filter value would leave. */
  facets: Record<SearchFacetName, FacetCount[]>;
  /** exact: as typed (with synonyms, pinyin); tolerant: one character allowed wrong; none: nothing found. */
  matchedBy: "exact" | "tolerant" | "none";
  /** "Did you mean": the best item name when only the tolerant search found something. */
  corrected?: string;
  /** When nothing matched: items sharing some words with the query, and the most used items. */
  closeMatches: ItemSummary[];
  popular: ItemSummary[];
};

// ───────────────────────────── Synonyms ─────────────────────────────

let synonymCache = new WeakMap<object, { loadedAt: number; index: SynonymIndex }>();

/** A change through any client (or transaction) drops every cached copy in this process. */
function forgetSynonyms() {
  synonymCache = new WeakMap();
}

async function synonymsOf(db: SearchDb): Promise<SynonymIndex> {
  const cached = synonymCache.get(db);
  if (cached && Date.now() - cached.loadedAt < SYNONYM_CACHE_MS) return cached.index;
  const groups = await db.synonymGroup.findMany({ select: { terms: true } });
  const index = buildSynonymIndex(groups.map((group) => group.terms));
  synonymCache.set(db, { loadedAt: Date.now(), index });
  return index;
}

export type SynonymGroupView = { id: string; terms: string[]; note: string | null; updatedAt: Date };

export async function listSynonymGroups(db: SearchAdminDb): Promise<SynonymGroupView[]> {
  return db.synonymGroup.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, terms: true, note: true, updatedAt: true },
  });
}

/** Creates (no id) or replaces a group. Terms are normalised; a group needs two distinct terms. */
export async function saveSynonymGroup(
  db: SearchAdminDb,
  input: { id?: string; terms: readonly string[]; note?: string | null },
): Promise<SynonymGroupView> {
  const terms = normalizeSynonymGroup(input.terms.slice(0, 20));
  if (terms.length < 2) throw new RangeError("a synonym group needs at least two distinct terms");
  const note = input.note?.trim().slice(0, 200) || null;
  const select = { id: true, terms: true, note: true, updatedAt: true } as const;
  const saved = input.id
    ? await db.synonymGroup.update({ where: { id: input.id }, data: { terms, note }, select })
    : await db.synonymGroup.create({ data: { terms, note }, select });
  forgetSynonyms();
  return saved;
}

export async function deleteSynonymGroup(db: SearchAdminDb, id: string): Promise<void> {
  await db.synonymGroup.deleteMany({ where: { id } });
  forgetSynonyms();
}

// ───────────────────────────── Query log ─────────────────────────────

/**
 * Queries that found nothing in the last `days` China days, most frequent first: the gaps administrators should
 * fill (synonyms, items). Text is stored masked (lib/analytics/mask.ts), and only texts searched at least
 * ANALYTICS_MIN_COUNT times are listed.
 */
export async function listZeroResultQueries(db: SearchAdminDb, take = 50, days = 30) {
  const since = isoToDateColumn(addDays(chinaToday(), -(Math.max(1, Math.min(days, 366)) - 1)));
  const rows = await db.searchQueryDaily.groupBy({
    by: ["query"],
    where: { day: { gte: since } },
    _sum: { searches: true, zeroResults: true },
    _max: { day: true },
    // A text searched fewer times than the reports' threshold is not shown: it may be someone's name.
    having: { zeroResults: { _sum: { gt: 0 } }, searches: { _sum: { gte: env().ANALYTICS_MIN_COUNT } } },
    orderBy: [{ _sum: { zeroResults: "desc" } }, { query: "asc" }],
    take: Math.max(1, Math.min(take, 500)),
  });
  return rows.map((row) => ({
    query: row.query,
    searches: row._sum.searches ?? 0,
    zeroResults: row._sum.zeroResults ?? 0,
    lastSearchedOn: row._max.day ? dateColumnToIso(row._max.day) : null,
  }));
}

// ───────────────────────────── Search ─────────────────────────────

type Filters = Partial<Record<SearchFacetName, string>> & {
  itemType?: string;
  fullyOnline?: boolean;
  visits?: "0" | "1" | "2+";
  fee?: "free" | "paid";
};

/** The online depths that together mean 全程网办 (with no visit), as lib/catalogue/online.ts defines it. */
const FULLY_ONLINE = ["RECEIVE", "PRE_REVIEW", "ACCEPT", "HANDLE"];

/** Filter values are bounded and must look like codes; anything else simply matches nothing. */
function cleanFilter(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  // Codes are [0-9A-Za-z_-]; anything else (NUL bytes included, which PostgreSQL refuses) becomes a code no row has.
  return /^[0-9A-Za-z_-]{1,64}$/.test(trimmed) ? trimmed : NO_SUCH_CODE;
}

const NO_SUCH_CODE = "!";

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const number = typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : fallback;
  return Math.max(min, Math.min(max, number));
}

/** Region scope by GB/T 2260 structure, as the catalogue lists do: a province covers 51…, a city 5116…. */
function regionCondition(code: string): Prisma.Sql {
  if (/^\d{2}0{10}$/.test(code)) return Prisma.sql`d.region_code LIKE ${`${code.slice(0, 2)}%`}`;
  if (/^\d{4}0{8}$/.test(code)) return Prisma.sql`d.region_code LIKE ${`${code.slice(0, 4)}%`}`;
  return Prisma.sql`d.region_code = ${code}`;
}

function filterConditions(filters: Filters, except?: SearchFacetName): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filters.department && except !== "department")
    conditions.push(Prisma.sql`d.department_code = ${filters.department}`);
  if (filters.region && except !== "region") conditions.push(regionCondition(filters.region));
  if (filters.theme && except !== "theme") conditions.push(Prisma.sql`${filters.theme} = ANY (d.theme_codes)`);
  if (filters.audience && except !== "audience") conditions.push(Prisma.sql`${filters.audience} = ANY (d.audiences)`);
  if (filters.onlineDepth && except !== "onlineDepth")
    conditions.push(Prisma.sql`${filters.onlineDepth} = ANY (d.online_depth)`);
  if (filters.itemType) conditions.push(Prisma.sql`d.item_type = ${filters.itemType}`);
  if (filters.fullyOnline) conditions.push(Prisma.sql`d.visits = 0 AND d.online_depth @> ${FULLY_ONLINE}::text[]`);
  if (filters.visits === "0" || filters.visits === "1")
    conditions.push(Prisma.sql`d.visits = ${Number(filters.visits)}`);
  if (filters.visits === "2+") conditions.push(Prisma.sql`d.visits >= 2`);
  if (filters.fee) conditions.push(Prisma.sql`d.fee_charged = ${filters.fee === "paid"}`);
  return Prisma.join(conditions, " AND ");
}

/**
 * How much a row's region suits the visitor's region P: P itself most, then the county, city and province above
 * P (their implementation serves P too), then a region inside P, then any other. 0 for every row without P.
 */
function regionPreference(preferred: string | undefined): Prisma.Sql {
  if (!preferred || !/^\d{12}$/.test(preferred)) return Prisma.sql`0::int`;
  const above = [
    `${preferred.slice(0, 6)}000000`,
    `${preferred.slice(0, 4)}00000000`,
    `${preferred.slice(0, 2)}0000000000`,
  ].filter((code, index, list) => code !== preferred && list.indexOf(code) === index);
  // The weights are this function's own small integers, not input: written into the statement.
  const steps = [preferred, ...above].map(
    (code, index) => Prisma.sql`WHEN d.region_code = ${code} THEN ${Prisma.raw(String(above.length + 2 - index))}`,
  );
  return Prisma.sql`CASE ${Prisma.join(steps, " ")} WHEN ${regionCondition(preferred)} THEN 1 ELSE 0 END`;
}

/**
 * kind item: code = representative id, count = position, extra = its group's other implementations;
 * kind other: code = id, count = position of its group, extra = its place in the group (2…);
 * total and facets: code = value, count.
 */
type SearchRow = {
  kind: "item" | "other" | "total" | SearchFacetName;
  code: string | null;
  count: number;
  extra: number | null;
};

type RunOptions = {
  limit: number;
  offset: number;
  sort: SearchOptions["sort"];
  grouped: boolean;
  preferRegion?: string;
};

/**
 * Total, facet counts and one ranked page in one statement. Each facet is counted under every filter except
 * its own, so a chosen department still shows the other departments' counts; with no filter on a facet its
 * counts add up to the total when not grouped (audience, theme and online depth are multi-valued and may add up
 * to more). Grouped, a facet counts the catalogue items with at least one matching implementation under that
 * value (what choosing it would leave), so a service implemented in five regions counts once in each.
 *
 * Ranking: items whose title (name, result, catalogue name) matches come first by weighted ts_rank, an exact
 * name above all; items that match only in materials or guide text follow, most used first. The title
 * index answers the first part, so ts_rank runs only on title matches, never on the whole match set.
 *
 * Grouping happens here, not in the app: a window over the filtered rows numbers each catalogue item's
 * implementations (the preferred region first, then by the sort order), the page ranks the first of each by the
 * same order, and the others of the page's groups come along (at most MAX_OTHER_IMPLEMENTATIONS each). The
 * catalogue item is a column of search_document, so grouping reads no other table. Joining service_item for it
 * (under enable_seqscan = off, a walk of service_item's whole primary key for a broad query) made the grouped
 * statement about twice as slow at 100,000 implementations.
 */
async function runSearch(
  db: SearchDb,
  node: QueryNode | null,
  normalized: string,
  filters: Filters,
  { limit, offset, sort, grouped, preferRegion }: RunOptions,
) {
  const tsquery = node ? toTsQuery(node) : null;
  const termsMatch = tsquery === null ? Prisma.sql`TRUE` : Prisma.sql`d.terms @@ ${tsquery}::tsquery`;
  const titleHits =
    tsquery === null
      ? Prisma.sql`SELECT NULL::uuid AS service_item_id, 0::float4 AS rank WHERE FALSE`
      : Prisma.sql`SELECT d.service_item_id, ts_rank(${RANK_WEIGHTS}::float4[], d.title, ${tsquery}::tsquery) AS rank
                     FROM search_document d WHERE d.title @@ ${tsquery}::tsquery`;
  const score = Prisma.sql`(coalesce(t.rank, 0) + CASE WHEN d.name_key = ${normalized} THEN 10
                             WHEN ${normalized} <> '' AND starts_with(d.name_key, ${normalized}) THEN 1 ELSE 0 END)`;
  // The result order, on the columns of `scored` (alias c): used for the members of a group and for the groups.
  const order =
    sort === "popularity"
      ? Prisma.sql`c.popularity DESC, c.service_item_id`
      : sort === "promised"
        ? Prisma.sql`c.promised_limit ASC, c.popularity DESC, c.service_item_id`
        : Prisma.sql`c.score DESC, c.popularity DESC, c.service_item_id`;
  const membership = grouped
    ? Prisma.sql`row_number() OVER (PARTITION BY c.group_id ORDER BY c.preference DESC, ${order}) AS member,
                 count(*) OVER (PARTITION BY c.group_id) AS size`
    : Prisma.sql`1::bigint AS member, 1::bigint AS size`;
  // Grouped, a facet counts distinct (value, catalogue item) pairs. They are made distinct before they are counted
  // (hash aggregates) instead of count(DISTINCT …), which sorts every row; array facets are first made distinct per
  // (item, array), since the implementations of one item mostly carry the same array, and only then unnested.
  const facet = (name: SearchFacetName, column: Prisma.Sql, multi: boolean) => {
    const where = filterConditions(filters, name);
    const kind = Prisma.raw(`'${name}'`); // one of five fixed names, not input
    if (!grouped && !multi)
      return Prisma.sql`SELECT ${kind}, ${column}, count(*)::int, NULL FROM matched d WHERE ${where} GROUP BY 2`;
    if (!grouped)
      return Prisma.sql`SELECT ${kind}, v, count(*)::int, NULL FROM matched d CROSS JOIN LATERAL unnest(${column}) v WHERE ${where} GROUP BY 2`;
    const pairs = multi
      ? Prisma.sql`SELECT DISTINCT v, x.group_id FROM (SELECT DISTINCT d.group_id, ${column} AS vs FROM matched d WHERE ${where}) x CROSS JOIN LATERAL unnest(x.vs) v`
      : Prisma.sql`SELECT DISTINCT ${column} AS v, d.group_id FROM matched d WHERE ${where}`;
    return Prisma.sql`SELECT ${kind}, y.v, count(*)::int, NULL FROM (${pairs}) y GROUP BY 2`;
  };
  // Not grouped, every implementation is a group of its own.
  const groupId = grouped ? Prisma.sql`d.catalog_item_id` : Prisma.sql`d.service_item_id`;
  const statement = Prisma.sql`
    WITH matched AS MATERIALIZED (
      SELECT d.service_item_id, ${groupId} AS group_id, d.name_key, d.popularity, d.department_code, d.region_code, d.theme_codes, d.audiences,
             d.online_depth, d.item_type, d.visits, d.fee_charged, d.promised_limit
        FROM search_document d WHERE ${termsMatch}
    ),
    title_hits AS MATERIALIZED (${titleHits}),
    scored AS (
      SELECT d.service_item_id, d.group_id, d.popularity, d.promised_limit, ${score} AS score, ${regionPreference(preferRegion)} AS preference
        FROM matched d LEFT JOIN title_hits t ON t.service_item_id = d.service_item_id
       WHERE ${filterConditions(filters)}
    ),
    members AS MATERIALIZED (
      SELECT c.service_item_id, c.group_id, c.popularity, c.promised_limit, c.score, ${membership} FROM scored c
    ),
    page AS (
      SELECT c.service_item_id, c.group_id, c.size, row_number() OVER (ORDER BY ${order}) AS position
        FROM members c WHERE c.member = 1
       ORDER BY position LIMIT ${limit} OFFSET ${offset}
    )
    SELECT 'item' AS kind, p.service_item_id::text AS code, p.position::int AS count, (p.size - 1)::int AS extra FROM page p
    UNION ALL
    SELECT 'other', m.service_item_id::text, p.position::int, m.member::int
      FROM page p JOIN members m ON m.group_id = p.group_id AND m.member BETWEEN 2 AND ${1 + MAX_OTHER_IMPLEMENTATIONS}
    UNION ALL
    SELECT 'total', NULL, count(*)::int, NULL FROM members c WHERE c.member = 1
    UNION ALL
    ${facet("department", Prisma.sql`d.department_code`, false)}
    UNION ALL
    ${facet("region", Prisma.sql`d.region_code`, false)}
    UNION ALL
    ${facet("theme", Prisma.sql`d.theme_codes`, true)}
    UNION ALL
    ${facet("audience", Prisma.sql`d.audiences`, true)}
    UNION ALL
    ${facet("onlineDepth", Prisma.sql`d.online_depth`, true)}`;
  // A broad query ("身份证" is a material of most items) matches most rows, so the planner picks a sequential
  // scan; that decompresses every row's tsvector (~30 ms at 10,000 items) where the GIN bitmap needs no
  // recheck (~4 ms). The planner does not cost the decompression, hence the hint, scoped to this transaction.
  const [, rows] = await db.$transaction([
    db.$executeRaw`SET LOCAL enable_seqscan = off`,
    db.$queryRaw<SearchRow[]>(statement),
  ]);
  const facets: Record<SearchFacetName, FacetCount[]> = {
    department: [],
    region: [],
    theme: [],
    audience: [],
    onlineDepth: [],
  };
  const page: { id: string; position: number; others: number }[] = [];
  const others: { id: string; position: number; member: number }[] = [];
  let total = 0;
  for (const row of rows) {
    if (row.kind === "total") total = Number(row.count);
    else if (row.kind === "item")
      page.push({ id: row.code ?? "", position: Number(row.count), others: Number(row.extra ?? 0) });
    else if (row.kind === "other")
      others.push({ id: row.code ?? "", position: Number(row.count), member: Number(row.extra ?? 0) });
    else if (row.code !== null) facets[row.kind].push({ code: row.code, count: Number(row.count) });
  }
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  page.sort((a, b) => a.position - b.position);
  others.sort((a, b) => a.position - b.position || a.member - b.member);
  const positions = new Map(page.map((entry) => [entry.position, entry.id]));
  const othersOf = new Map<string, string[]>();
  for (const other of others) {
    const representative = positions.get(other.position);
    if (representative === undefined) continue;
    othersOf.set(representative, [...(othersOf.get(representative) ?? []), other.id]);
  }
  return {
    total,
    facets,
    ids: page.map((entry) => entry.id),
    others: new Map(page.map((entry) => [entry.id, { count: entry.others, ids: othersOf.get(entry.id) ?? [] }])),
  };
}

/**
 * Close matches rank names sharing any word or character with the query (title index only), one implementation
 * per catalogue item (the preferred region's) like the results.
 */
async function closeMatchIds(
  db: SearchDb,
  any: QueryNode | null,
  limit: number,
  preferRegion: string | undefined,
): Promise<string[]> {
  if (!any) return [];
  const tsquery = toTsQuery(any);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT best.id FROM (
      SELECT DISTINCT ON (d.catalog_item_id) d.service_item_id::text AS id, d.popularity,
             ts_rank(${RANK_WEIGHTS}::float4[], d.title, ${tsquery}::tsquery) AS rank
        FROM search_document d
       WHERE d.title @@ ${tsquery}::tsquery
       ORDER BY d.catalog_item_id, ${regionPreference(preferRegion)} DESC, rank DESC, d.popularity DESC, d.service_item_id
    ) best
     ORDER BY best.rank DESC, best.popularity DESC, best.id
     LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

const summaryWithMaterials = {
  id: true,
  ...itemSummarySelect,
  catalogItem: { select: { code: true } },
  materials: { select: { name: true }, orderBy: { sortOrder: "asc" } },
} satisfies Prisma.ServiceItemSelect;

async function summariesInOrder(db: SearchDb, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.serviceItem.findMany({
    where: { id: { in: ids }, status: "ACTIVE" },
    select: summaryWithMaterials,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
}

function toSummary(row: Awaited<ReturnType<typeof summariesInOrder>>[number]): ItemSummary {
  const { id: _id, materials: _materials, catalogItem: _catalogItem, ...summary } = row;
  void _id;
  void _materials;
  void _catalogItem;
  return summary;
}

const named = { select: { code: true, name: true, nameEn: true } } as const;

/** Where and by whom the other implementations of the page's results are handled, by region code. */
async function otherImplementations(db: SearchDb, ids: string[]): Promise<Map<string, OtherImplementation>> {
  if (ids.length === 0) return new Map();
  const rows = await db.serviceItem.findMany({
    where: { id: { in: ids }, status: "ACTIVE" },
    select: { id: true, implementationCode: true, region: named, department: named },
  });
  return new Map(rows.map(({ id, ...other }) => [id, other]));
}

/** The most used items, one implementation per catalogue item; read through the popularity index. */
async function popularItems(db: SearchDb, take: number): Promise<ItemSummary[]> {
  const candidates = await db.serviceItem.findMany({
    where: { status: "ACTIVE" },
    orderBy: [{ popularity: "desc" }, { implementationCode: "asc" }],
    take: take * 12,
    select: { id: true, catalogItemId: true },
  });
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.catalogItemId)) continue;
    seen.add(candidate.catalogItemId);
    ids.push(candidate.id);
    if (ids.length === take) break;
  }
  return (await summariesInOrder(db, ids)).map(toSummary);
}

async function labelFacets(db: SearchDb, facets: Record<SearchFacetName, FacetCount[]>) {
  const [departments, regions, themes] = await Promise.all([
    facets.department.length
      ? db.$queryRaw<
          { code: string; name: string }[]
        >`SELECT code, name FROM department WHERE code = ANY (${facets.department.map((facet) => facet.code)}::text[])`
      : [],
    facets.region.length
      ? db.$queryRaw<
          { code: string; name: string }[]
        >`SELECT code, name FROM region WHERE code = ANY (${facets.region.map((facet) => facet.code)}::text[])`
      : [],
    facets.theme.length
      ? db.$queryRaw<
          { code: string; name: string }[]
        >`SELECT code, name FROM theme WHERE code = ANY (${facets.theme.map((facet) => facet.code)}::text[])`
      : [],
  ]);
  const label = (list: FacetCount[], rows: { code: string; name: string }[]) => {
    const names = new Map(rows.map((row) => [row.code, row.name]));
    for (const facet of list) facet.label = names.get(facet.code);
  };
  label(facets.department, departments);
  label(facets.region, regions);
  label(facets.theme, themes);
}

/** Searches the public catalogue. Never throws on user text: anything unsearchable is an empty query. */
export async function searchCatalogue(db: SearchDb, options: SearchOptions): Promise<SearchResult> {
  const page = clampInt(options.page, 1, MAX_PAGE, 1);
  const pageSize = clampInt(options.pageSize, 1, MAX_PAGE_SIZE, SEARCH_PAGE_SIZE);
  const filters: Filters = {
    department: cleanFilter(options.department),
    region: cleanFilter(options.region),
    theme: cleanFilter(options.theme),
    audience: cleanFilter(options.audience),
    onlineDepth: cleanFilter(options.onlineDepth),
    itemType: cleanFilter(options.itemType),
    fullyOnline: options.fullyOnline === true,
    visits: options.visits === "0" || options.visits === "1" || options.visits === "2+" ? options.visits : undefined,
    fee: options.fee === "free" || options.fee === "paid" ? options.fee : undefined,
  };
  const synonyms = await synonymsOf(db);
  const analyzed = analyzeQuery(options.q ?? "", synonyms);
  const typedSomething = typeof options.q === "string" && options.q.trim() !== "";
  // Text that normalises to nothing (only punctuation or emoji) finds nothing rather than everything.
  const unsearchable = typedSomething && analyzed.exact === null;

  const sort = options.sort === "popularity" || options.sort === "promised" ? options.sort : "relevance";
  const grouped = options.grouped !== false;
  // Only a well-formed code is a preference; anything else is no preference (not "a region no row has").
  const preferred = cleanFilter(options.preferRegion);
  const preferRegion = preferred && /^\d{12}$/.test(preferred) ? preferred : filters.region;
  const attempt = (node: QueryNode | null) =>
    runSearch(db, node, analyzed.normalized, filters, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
      sort,
      grouped,
      preferRegion,
    });

  let matchedBy: SearchResult["matchedBy"] = "exact";
  let result = unsearchable ? null : await attempt(analyzed.exact);
  if (
    result &&
    result.total === 0 &&
    analyzed.tolerant &&
    analyzed.exact &&
    toTsQuery(analyzed.tolerant) !== toTsQuery(analyzed.exact)
  ) {
    const tolerant = await attempt(analyzed.tolerant);
    if (tolerant.total > 0) {
      result = tolerant;
      matchedBy = "tolerant";
    }
  }
  const empty = { department: [], region: [], theme: [], audience: [], onlineDepth: [] };
  const total = result?.total ?? 0;
  const facets = result?.facets ?? empty;
  if (total === 0) matchedBy = "none";

  // Counted in memory and written in batches (lib/analytics/usage.ts): a search never waits for its own count.
  if (options.record !== false && page === 1 && analyzed.normalized) countSearch(options.q ?? "", total);
  const [rows, others, closeRows, popular] = await Promise.all([
    summariesInOrder(db, result?.ids ?? []),
    otherImplementations(
      db,
      [...(result?.others.values() ?? [])].flatMap((group) => group.ids),
    ),
    total === 0
      ? closeMatchIds(db, analyzed.any, CLOSE_MATCHES, preferRegion).then((ids) => summariesInOrder(db, ids))
      : Promise.resolve([]),
    total === 0 ? popularItems(db, POPULAR_FALLBACK) : Promise.resolve([]),
    labelFacets(db, facets),
  ]);

  const highlights: Record<string, ItemHighlight> = {};
  for (const row of rows) {
    const materials = row.materials
      .map((material) => highlight(material.name, analyzed.highlightTerms))
      .filter((segments) => segments.some((segment) => segment.match))
      .slice(0, 3);
    highlights[row.implementationCode] = { name: highlight(row.name, analyzed.highlightTerms), materials };
  }

  return {
    query: analyzed.normalized,
    total,
    page,
    pageSize,
    items: rows.map((row) => {
      const group = result?.others.get(row.id);
      const listed = (group?.ids ?? []).map((id) => others.get(id)).filter((other) => other !== undefined);
      listed.sort(
        (a, b) =>
          a.region.code.localeCompare(b.region.code) || a.implementationCode.localeCompare(b.implementationCode),
      );
      return {
        ...toSummary(row),
        catalogCode: row.catalogItem.code,
        otherImplementations: listed,
        otherImplementationCount: group?.count ?? 0,
      };
    }),
    grouped,
    highlights,
    facets,
    matchedBy,
    corrected: matchedBy === "tolerant" ? rows[0]?.name : undefined,
    closeMatches: closeRows.map(toSummary),
    popular,
  };
}

export type Suggestion = { text: string; highlight: HighlightSegment[] };

/** Type-ahead: distinct item names matching what was typed so far (characters, pinyin or initials). */
export async function suggest(db: SearchDb, prefix: string, limit = 8): Promise<Suggestion[]> {
  const analyzed = analyzeQuery(prefix, await synonymsOf(db));
  if (!analyzed.exact) return [];
  const tsquery = toTsQuery(analyzed.exact);
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT d.name
      FROM search_document d
     WHERE d.title @@ ${tsquery}::tsquery
     GROUP BY d.name
     ORDER BY bool_or(starts_with(d.name_key, ${analyzed.normalized})) DESC,
              max(ts_rank(${RANK_WEIGHTS}::float4[], d.title, ${tsquery}::tsquery)) DESC,
              max(d.popularity) DESC, d.name
     LIMIT ${clampInt(limit, 1, 20, 8)}`;
  return rows.map((row) => ({ text: row.name, highlight: highlight(row.name, analyzed.highlightTerms) }));
}

/** Item names for the public type-ahead (`GET /api/v1/suggest`): none for a blank query. */
export async function suggestItemNames(query: string, limit = 8): Promise<string[]> {
  if (!query.trim()) return [];
  return (await suggest(db(), query, limit)).map((suggestion) => suggestion.text);
}
