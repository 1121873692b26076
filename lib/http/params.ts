import { isSafeText } from "../validation/text";

/** A positive page number from a query parameter; anything else is page 1. */
export function pageParam(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

/**
 * A text query parameter for a page: its first value cut to `maxLength`, or "" when absent or when it holds control
 * or invisible formatting characters (lib/validation/text.ts). A page answers such a value as if it were not given
 * (an empty search, the default return path), never with an error page; the open API validates the same
 * parameters with `text()` and answers 400.
 */
export function textParam(value: string | string[] | undefined, maxLength: number): string {
  const raw = Array.isArray(value) ? value[0] : value;
  const cut = (raw ?? "").slice(0, maxLength);
  return isSafeText(cut) ? cut : "";
}

/**
 * A dynamic path segment of a page, decoded: null when it does not decode (the page answers notFound()). Next.js
 * 16 hands pages their segments percent-encoded ("上" arrives as "%E4%B8%8A", "a b" as "a%20b"; route handlers get
 * them decoded), and `decodeURIComponent` throws on a sequence that is not UTF-8 ("%25ff" arrives as "%25ff",
 * decodes to "%ff" — fine — but a page that decoded twice, or a future Next.js that passes "%ff" through, would
 * throw a 500). Identifiers never contain "%", so decoding a segment that Next.js already decoded changes nothing.
 */
export function pathSegment(value: string): string | null {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * Shapes of the identifiers that appear in page and API paths. A segment is checked for its shape before any query
 * and one of the wrong shape is answered like an unknown one (notFound(), 404): PostgreSQL refuses NUL in text and
 * non-UUIDs in uuid columns, and either used to surface as a 500.
 */
export const ID_SHAPES = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /** 办件编号: twenty digits. */
  caseNumber: /^\d{20}$/,
  /** Implementation code of a service item (lib/catalogue/guide-content.ts). */
  itemCode: /^[0-9A-Za-z-]{1,64}$/,
  /** A department's unified social credit code, as stored (lib/reference/schemas.ts). */
  departmentCode: /^[0-9A-Za-z-]{1,32}$/,
  /** A theme's slug (lib/reference/schemas.ts). */
  themeCode: /^[a-z][a-z0-9-]{1,39}$/,
  /** 行政区划代码: twelve digits. */
  regionCode: /^\d{12}$/,
} as const;

export type IdShape = keyof typeof ID_SHAPES;

/**
 * False when the path of a request target (`/items/%ff?x=1`, as in `IncomingMessage.url`) holds a percent-encoding
 * that does not decode to UTF-8 (`%ff`, a truncated `%E4%B8`, a stray `%zz`). Next.js 16 means to answer those 400
 * (its route matcher throws a DecodeError), but the error page it then renders exists only in the pages router, so
 * in this app-router-only build it answers a bare 500 "Internal Server Error" for every dynamic route (pages, /api,
 * /files) before any of our code runs. The HTTP server (scripts/server.ts) asks this first and answers 400 itself.
 * The query string is not checked: pages and handlers read it through URLSearchParams, which never throws.
 */
export function isWellFormedPath(target: string): boolean {
  const queryAt = target.search(/[?#]/);
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  if (!path.includes("%")) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** True when `value` has the shape of this kind of identifier (see ID_SHAPES). */
export function isId(shape: IdShape, value: unknown): value is string {
  return typeof value === "string" && ID_SHAPES[shape].test(value);
}
