import { z } from "zod";
import { MAX_QUERY_LENGTH } from "./limits";
import { text } from "../validation/text";

/**
 * Catalogue filters, one schema for the open API (invalid → 400) and the portal lists (invalid → ignored
 * with a notice). Codes are checked for shape here and for existence by the query.
 */
export const AUDIENCES = [
  "NATURAL_PERSON",
  "ENTERPRISE",
  "PUBLIC_INSTITUTION",
  "SOCIAL_ORGANISATION",
  "NON_LEGAL_ENTERPRISE",
  "GOVERNMENT_BODY",
  "OTHER_ORGANISATION",
] as const;

export const ITEM_TYPE_CODES = {
  "01": "T01_LICENSING",
  "02": "T02_PENALTY",
  "03": "T03_ENFORCEMENT",
  "04": "T04_LEVY",
  "05": "T05_BENEFIT",
  "06": "T06_INSPECTION",
  "07": "T07_CONFIRMATION",
  "08": "T08_REWARD",
  "09": "T09_ADJUDICATION",
  "10": "T10_OTHER_POWER",
  "20": "T20_PUBLIC_SERVICE",
} as const;
export type ItemTypeCode = keyof typeof ITEM_TYPE_CODES;

export function itemTypeCode(itemType: string): ItemTypeCode {
  const found = (Object.entries(ITEM_TYPE_CODES) as [ItemTypeCode, string][]).find(([, name]) => name === itemType);
  return found ? found[0] : "10";
}

export const MAX_PAGE_SIZE = 100;

const code = (max: number) =>
  text()
    .max(max, "errors.tooLong")
    .regex(/^[0-9A-Za-z-]+$/, "errors.filter.code");

export const CatalogueFilters = z.object({
  // Any length is accepted and cut: a long query is a person's mistake, not an attack worth an error.
  q: text({ trim: false })
    .optional()
    .transform(
      (value) =>
        value
          ?.slice(0, MAX_QUERY_LENGTH * 4)
          .trim()
          .slice(0, MAX_QUERY_LENGTH) || undefined,
    ),
  department: code(32).optional(),
  region: text()
    .regex(/^\d{12}$/, "errors.filter.region")
    .optional(),
  theme: text()
    .regex(/^[a-z-]{2,40}$/, "errors.filter.code")
    .optional(),
  audience: z.enum(AUDIENCES, { message: "errors.filter.audience" }).optional(),
  onlineDepth: z
    .enum(["CONSULT", "RECEIVE", "PRE_REVIEW", "ACCEPT", "HANDLE", "RESULT_FEEDBACK", "LICENCE_FEEDBACK"], {
      message: "errors.filter.onlineDepth",
    })
    .optional(),
  type: z
    .enum(Object.keys(ITEM_TYPE_CODES) as [ItemTypeCode, ...ItemTypeCode[]], { message: "errors.filter.type" })
    .optional(),
  /** 全程网办 only. */
  online: z.enum(["1"], { message: "errors.filter.flag" }).optional(),
  visits: z.enum(["0", "1", "2+"], { message: "errors.filter.visits" }).optional(),
  fee: z.enum(["free", "paid"], { message: "errors.filter.fee" }).optional(),
  sort: z.enum(["relevance", "popularity", "promised"], { message: "errors.filter.sort" }).optional(),
  page: z.coerce
    .number({ message: "errors.filter.page" })
    .int("errors.filter.page")
    .min(1, "errors.filter.page")
    .max(10_000, "errors.filter.page")
    .default(1),
  pageSize: z.coerce
    .number({ message: "errors.filter.pageSize" })
    .int("errors.filter.pageSize")
    .min(1, "errors.filter.pageSize")
    .max(MAX_PAGE_SIZE, "errors.filter.pageSize")
    .default(20),
});
export type CatalogueFilters = z.infer<typeof CatalogueFilters>;

/** Query parameters as a plain record: the first value of each known key, empty strings dropped. */
export function filtersInput(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((key) => [key, params.get(key) ?? ""] as const)
      : Object.entries(params).map(([key, value]) => [key, (Array.isArray(value) ? value[0] : value) ?? ""] as const);
  return Object.fromEntries(entries.filter(([key, value]) => value !== "" && key in CatalogueFilters.shape));
}

/**
 * For pages: keeps every valid filter and drops the invalid ones, reporting which were dropped so the page
 * can say so instead of failing.
 */
export function lenientFilters(input: Record<string, string>): { filters: CatalogueFilters; ignored: string[] } {
  const ignored: string[] = [];
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    const single = CatalogueFilters.shape[key as keyof typeof CatalogueFilters.shape].safeParse(value);
    if (single.success) kept[key] = value;
    else ignored.push(key);
  }
  return { filters: CatalogueFilters.parse(kept), ignored };
}
