import "server-only";
import { db } from "../db/client";
import { searchCatalogue } from "../search/query";
import { type CatalogueFilters, ITEM_TYPE_CODES } from "./filters";

/** The ranked catalogue search (segmentation, pinyin, synonyms, one-typo tolerance, facets) for the public. */
export function searchPublicCatalogue(filters: CatalogueFilters) {
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
  });
}
