import "server-only";
import { db } from "../db/client";
import { searchCatalogue } from "../search/query";
import { type CatalogueFilters, ITEM_TYPE_CODES } from "./filters";

export type PublicSearchOptions = {
  /** One result per catalogue item (default), or every implementation as a row (the API's `implementations=all`). */
  grouped?: boolean;
  /** The region the visitor chose (cookie ow_region): see `preferredRegion`. */
  chosenRegion?: string | null;
  /**
   * Count the search in the search log (default). The portal's search page says false: its page may come from the
   * page cache, so the page itself reports the search (public/enhance.js), once per visitor either way.
   */
  record?: boolean;
};

/**
 * Whose implementation a result shows first: the visitor's chosen region when the search covers it (no region
 * filter, or a filter on a province or city that contains it); otherwise the filtered region, which is where the
 * visitor is looking now. Codes follow GB/T 2260, so "contains" is a prefix of the code.
 */
export function preferredRegion(
  chosen: string | null | undefined,
  filter: string | null | undefined,
): string | undefined {
  if (!chosen) return filter ?? undefined;
  if (!filter) return chosen;
  const scope = /^\d{2}0{10}$/.test(filter)
    ? filter.slice(0, 2)
    : /^\d{4}0{8}$/.test(filter)
      ? filter.slice(0, 4)
      : filter;
  return chosen.startsWith(scope) ? chosen : filter;
}

/**
 * The ranked catalogue search (segmentation, pinyin, synonyms, one-typo tolerance, facets) for the public: one
 * result per service, the visitor's region's implementation first (issue 17).
 */
export function searchPublicCatalogue(filters: CatalogueFilters, options: PublicSearchOptions = {}) {
  return searchCatalogue(db(), {
    q: filters.q,
    department: filters.department,
    region: filters.region,
    theme: filters.theme,
    audience: filters.audience,
    onlineDepth: filters.onlineDepth,
    itemType: filters.type ? ITEM_TYPE_CODES[filters.type] : undefined,
    fullyOnline: filters.online === "1",
    visits: filters.visits,
    fee: filters.fee,
    sort: filters.sort,
    page: filters.page,
    pageSize: filters.pageSize,
    grouped: options.grouped,
    record: options.record,
    preferRegion: preferredRegion(options.chosenRegion, filters.region),
  });
}
