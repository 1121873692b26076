import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { documentTerms, normalize, tsvectorLiteral } from "./analyze";

/**
 * Writes the search index (table search_document). Call `indexServiceItem` in the same transaction that
 * publishes, suspends or cancels an item; `rebuildSearchIndex` after a bulk import, a seed, or a change to
 * the analyzer. Not `server-only`: the seed and scripts call it with their own client.
 *
 * The index holds ACTIVE items only, and the search (lib/search/query.ts) relies on it without looking at
 * service_item again. A document is written only while its item's row is ACTIVE and locked against a
 * concurrent status change (FOR SHARE, below); an item that leaves ACTIVE loses its document in the same
 * statement, whoever changes it (trigger service_item_leaves_search, migration
 * 20261207061431_search_document_catalog_item).
 */

/** Any client or transaction: only these parts are used. */
export type SearchIndexDb = Pick<PrismaClient | Prisma.TransactionClient, "$executeRaw" | "serviceItem">;

const BATCH = 500;

const indexedItemSelect = {
  id: true,
  status: true,
  name: true,
  nameEn: true,
  resultName: true,
  regionCode: true,
  popularity: true,
  itemType: true,
  visits: true,
  feeCharged: true,
  promisedLimit: true,
  audiences: true,
  onlineDepth: true,
  acceptanceConditions: true,
  catalogItem: { select: { name: true, nameEn: true } },
  department: { select: { code: true, name: true } },
  region: { select: { name: true } },
  themes: { select: { code: true, name: true } },
  materials: { select: { name: true, condition: true }, orderBy: { sortOrder: "asc" } },
  situations: { select: { name: true }, orderBy: { sortOrder: "asc" } },
  faqs: { select: { question: true }, orderBy: { sortOrder: "asc" } },
} satisfies Prisma.ServiceItemSelect;

type IndexedItem = Prisma.ServiceItemGetPayload<{ select: typeof indexedItemSelect }>;

type DocumentRow = {
  id: string;
  name: string;
  name_key: string;
  department_code: string;
  region_code: string;
  theme_codes: string[];
  audiences: string[];
  online_depth: string[];
  popularity: number;
  item_type: string;
  visits: number;
  fee_charged: boolean;
  promised_limit: number;
  terms: string[];
  title: string;
};

function documentRow(item: IndexedItem): DocumentRow {
  const { terms, title } = documentTerms({
    name: item.name,
    titles: [item.resultName, item.catalogItem.name !== item.name ? item.catalogItem.name : null],
    english: [item.nameEn, item.catalogItem.nameEn !== item.nameEn ? item.catalogItem.nameEn : null],
    related: [
      item.department.name,
      item.region.name,
      ...item.themes.map((theme) => theme.name),
      ...item.materials.map((material) => material.name),
      ...item.situations.map((situation) => situation.name),
    ],
    text: [
      item.acceptanceConditions,
      ...item.materials.map((material) => material.condition),
      ...item.faqs.map((faq) => faq.question),
    ],
  });
  return {
    id: item.id,
    name: item.name,
    name_key: normalize(item.name),
    department_code: item.department.code,
    region_code: item.regionCode,
    theme_codes: item.themes.map((theme) => theme.code),
    audiences: [...item.audiences],
    online_depth: [...item.onlineDepth],
    popularity: item.popularity,
    item_type: item.itemType,
    visits: item.visits,
    fee_charged: item.feeCharged,
    promised_limit: item.promisedLimit,
    terms,
    title: tsvectorLiteral(title),
  };
}

/**
 * One statement per batch: rows travel as one JSON parameter, so no SQL is built from item text. Only rows whose
 * item is ACTIVE are written, under a share lock on the item until the transaction ends: a status change in
 * another transaction waits for this one (and then the trigger removes the document), or this one waits for it
 * and finds the item no longer ACTIVE. The catalogue item comes from the same locked row. Returns the rows written.
 */
async function upsertDocuments(db: SearchIndexDb, rows: DocumentRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.$executeRaw`
    INSERT INTO search_document (service_item_id, catalog_item_id, name, name_key, department_code, region_code, theme_codes, audiences, online_depth,
                                 popularity, item_type, visits, fee_charged, promised_limit, terms, title, indexed_at)
    SELECT r.id, s.catalog_item_id, r.name, r.name_key, r.department_code, r.region_code, r.theme_codes, r.audiences, r.online_depth,
           r.popularity, r.item_type, r.visits, r.fee_charged, r.promised_limit, array_to_tsvector(r.terms), r.title::tsvector, now()
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(
        id uuid, name text, name_key text, department_code text, region_code text,
        theme_codes text[], audiences text[], online_depth text[], popularity int,
        item_type text, visits int, fee_charged boolean, promised_limit int, terms text[], title text)
      JOIN service_item s ON s.id = r.id AND s.status = 'ACTIVE'
       FOR SHARE OF s
    ON CONFLICT (service_item_id) DO UPDATE SET
      catalog_item_id = EXCLUDED.catalog_item_id, name = EXCLUDED.name, name_key = EXCLUDED.name_key, department_code = EXCLUDED.department_code,
      region_code = EXCLUDED.region_code, theme_codes = EXCLUDED.theme_codes, audiences = EXCLUDED.audiences,
      online_depth = EXCLUDED.online_depth, popularity = EXCLUDED.popularity, item_type = EXCLUDED.item_type,
      visits = EXCLUDED.visits, fee_charged = EXCLUDED.fee_charged, promised_limit = EXCLUDED.promised_limit,
      terms = EXCLUDED.terms, title = EXCLUDED.title, indexed_at = EXCLUDED.indexed_at`;
}

/** (Re)indexes one item; an item that is not ACTIVE (or no longer exists) leaves the index. */
export async function indexServiceItem(db: SearchIndexDb, serviceItemId: string): Promise<"indexed" | "removed"> {
  const item = await db.serviceItem.findUnique({ where: { id: serviceItemId }, select: indexedItemSelect });
  if (!item || item.status !== "ACTIVE") {
    await db.$executeRaw`DELETE FROM search_document WHERE service_item_id = ${serviceItemId}::uuid`;
    return "removed";
  }
  // Nothing written: the item left ACTIVE in a transaction that committed after the read above.
  if ((await upsertDocuments(db, [documentRow(item)])) === 0) return "removed";
  return "indexed";
}

/** Indexes every ACTIVE item in batches and drops entries of items that are no longer public. */
export async function rebuildSearchIndex(
  db: SearchIndexDb,
): Promise<{ indexed: number; removed: number; milliseconds: number }> {
  const started = performance.now();
  let indexed = 0;
  let cursor: string | undefined;
  for (;;) {
    const items: IndexedItem[] = await db.serviceItem.findMany({
      where: { status: "ACTIVE" },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: indexedItemSelect,
    });
    if (items.length === 0) break;
    indexed += await upsertDocuments(db, items.map(documentRow));
    cursor = items[items.length - 1]?.id;
    if (items.length < BATCH) break;
  }
  const removed = await db.$executeRaw`
    DELETE FROM search_document d
     WHERE NOT EXISTS (SELECT 1 FROM service_item s WHERE s.id = d.service_item_id AND s.status = 'ACTIVE')`;
  return { indexed, removed, milliseconds: Math.round(performance.now() - started) };
}
