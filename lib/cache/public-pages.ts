/**
 * The anonymous public pages, rendered once and served many times (issue 17): one mechanism for every page an
 * anonymous visitor gets alike — home, search results, departments, themes, regions, item guides, statistics,
 * satisfaction, the sign-in, registration, tracking and verification forms, and their 404s.
 *
 * Which requests: `publicPageRequest` below. A GET of a listed route whose query the route accepts, carrying no
 * cookie but the visitor's preferences (language, 长辈模式 display, chosen region) and next-auth's pre-sign-in
 * cookies, which no page reads. A session cookie or any other cookie (so a flash or a half-finished form), `?lang=`
 * (it sets a cookie), the router's flight-data requests and a database outage all go to Next.js as before.
 *
 * The key: host, language, display, region, path and the sorted query. The preferences are cookies rather than an
 * address prefix (`/en/…`): addresses stay the same in both languages and shareable (proxy.ts's `?lang=`), and a
 * key on three short cookie values costs nothing (README: "Language and display in the page cache").
 *
 * How: `PublicPageCache` holds entries in this process (PUBLIC_PAGE_SECONDS at most, tag-invalidated through
 * lib/cache/public-cache.ts) and, behind that, in the store shared by every instance (Next.js's cache store,
 * keyed by build so a deploy never serves an old build's pages). A miss renders the page through Next.js as an
 * anonymous visitor with those preferences (scripts/server.ts asks its own port, marked so it is not served from
 * here), once however many visitors wait for it. A rendering is kept only when it is a 200 or 404 HTML page that
 * sets no cookie; otherwise the key is marked for Next.js for the same lifetime.
 *
 * A cached page is sent with a Content-Security-Policy listing the SHA-256 hashes of its inline scripts (known
 * once the HTML is), so it needs no per-response nonce (lib/security/csp.ts).
 */
import { createHash } from "node:crypto";
import { gzip } from "node:zlib";
import { promisify } from "node:util";
import { DEFAULT_LOCALE, DISPLAY_COOKIE, isLocale, LOCALE_COOKIE, REGION_COOKIE } from "../i18n/config";
import SharedCacheHandler from "./next-cache-handler.mjs";
import { PUBLIC_TAGS, type PublicTag, stillCurrent } from "./public-cache";

const gzipAsync = promisify(gzip);

/** Lifetime of a cached page on an instance and in the shared store; invalidation normally ends it sooner. */
export const PUBLIC_PAGE_SECONDS = 60;
/** Memory this process gives cached pages (HTML and its gzip), oldest out first. */
const MAX_BYTES = 96 * 1024 * 1024;
const MAX_URL_LENGTH = 1024;

type QueryRule = "none" | "any" | readonly string[];
/**
 * `scriptless`: the page has no client component, so it is kept as plain HTML without the React runtime (its
 * scripts and flight data are dropped; public/enhance.js stays): a fifth of the bytes, no JavaScript to run on a
 * weak phone, and readable and searchable with JavaScript off. Signed-in visitors get the live page as before.
 */
type PublicRoute = {
  path: RegExp;
  tags: readonly PublicTag[];
  query: QueryRule;
  only404?: boolean;
  scriptless?: boolean;
};

const { catalogue, statistics, forms } = PUBLIC_TAGS;
const SEGMENT = "[0-9A-Za-z_.-]{1,64}";

/** Every page an anonymous visitor gets alike. A page that shows one visitor's data must never be listed here. */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { path: /^\/$/, tags: [catalogue], query: "none", scriptless: true },
  { path: /^\/search$/, tags: [catalogue], query: "any", scriptless: true },
  { path: /^\/departments$/, tags: [catalogue], query: "any", scriptless: true },
  { path: new RegExp(`^/departments/${SEGMENT}$`), tags: [catalogue], query: "any", scriptless: true },
  { path: /^\/themes$/, tags: [catalogue], query: "any", scriptless: true },
  { path: new RegExp(`^/themes/${SEGMENT}$`), tags: [catalogue], query: "any", scriptless: true },
  { path: new RegExp(`^/regions/${SEGMENT}$`), tags: [catalogue], query: "any", scriptless: true },
  { path: new RegExp(`^/items/${SEGMENT}$`), tags: [catalogue], query: "none", scriptless: true },
  { path: /^\/stats$/, tags: [statistics, catalogue], query: "any", scriptless: true },
  { path: /^\/satisfaction$/, tags: [statistics, catalogue], query: "any", scriptless: true },
  // The sign-in page's notices (?passwordReset=1, ?registered=1, ?error=…) are not cached: only the return address is.
  // The forms keep their client components (validation as you type, the sign-in flow).
  { path: /^\/login$/, tags: [forms], query: ["callbackUrl"] },
  { path: /^\/login\/forgot-password$/, tags: [forms], query: "none" },
  { path: /^\/register$/, tags: [forms], query: "none" },
  { path: /^\/track$/, tags: [forms], query: "none" },
  // Verification is a plain GET form with no client component.
  { path: /^\/verify$/, tags: [forms], query: "none", scriptless: true },
];

/**
 * An address no route of the app serves (lib/metrics/routes.ts labels it so) gets the portal's 404 page: kept per
 * address, and only when it is a 404 (a file of public/ is not a route either, and is answered by Next.js).
 */
const UNKNOWN_ADDRESS: PublicRoute = {
  path: /^\/(?!_next\/|api\/|files\/)(?:[^/.?]+\/)*[^/.?]+$/,
  tags: [catalogue],
  query: "none",
  only404: true,
  scriptless: true,
};

/** Cookies that decide how a public page looks; they are part of the key. */
const PREFERENCE_COOKIES = [LOCALE_COOKIE, DISPLAY_COOKIE, REGION_COOKIE] as const;
/** next-auth's cookies of a visitor not signed in (CSRF token, return address): no page reads them. */
const IGNORED_COOKIES = new Set([
  "next-auth.csrf-token",
  "__Host-next-auth.csrf-token",
  "next-auth.callback-url",
  "__Secure-next-auth.callback-url",
]);
/** Headers of the App Router's own requests (flight data, prefetches, server actions): never a cached page. */
const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
  "next-url",
];

export type PublicPageRequest = {
  /** The cache key. */
  key: string;
  tags: readonly PublicTag[];
  /** Path and normalised query to render. */
  url: string;
  host: string;
  /** The preference cookies, as a Cookie header for the rendering. */
  cookie: string;
  /** Kept only when the rendering is a 404 (an address no route serves). */
  only404: boolean;
  /** Kept without the React runtime (PublicRoute.scriptless). */
  scriptless: boolean;
};

type Headers = Record<string, string | string[] | undefined>;

/**
 * The public page a request asks for, when it may be answered from the cache; null sends it to Next.js.
 * `unknownRoute`: no route of the app serves the path (its 404 page is then cached per address).
 */
export function publicPageRequest(
  method: string | undefined,
  rawUrl: string | undefined,
  headers: Headers,
  { unknownRoute = false } = {},
): PublicPageRequest | null {
  if (method !== "GET" || !rawUrl || rawUrl.length > MAX_URL_LENGTH) return null;
  if (ROUTER_HEADERS.some((name) => headers[name] !== undefined)) return null;
  const queryAt = rawUrl.indexOf("?");
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const route =
    PUBLIC_ROUTES.find((candidate) => candidate.path.test(path)) ??
    (unknownRoute && UNKNOWN_ADDRESS.path.test(path) ? UNKNOWN_ADDRESS : undefined);
  if (!route) return null;
  const query = normalisedQuery(queryAt === -1 ? "" : rawUrl.slice(queryAt + 1), route.query);
  if (query === null) return null;
  const preferences = preferenceCookies(typeof headers.cookie === "string" ? headers.cookie : undefined);
  if (!preferences) return null;
  const host = typeof headers.host === "string" ? headers.host.toLowerCase() : "";
  const url = query === "" ? path : `${path}?${query}`;
  const locale = isLocale(preferences.get(LOCALE_COOKIE)) ? preferences.get(LOCALE_COOKIE)! : DEFAULT_LOCALE;
  const display = preferences.get(DISPLAY_COOKIE) === "large" ? "large" : "standard";
  const region = preferences.get(REGION_COOKIE) ?? "";
  const cookie = [...preferences].map(([name, value]) => `${name}=${value}`).join("; ");
  return {
    key: [host, locale, display, region, url].join("\n"),
    tags: route.tags,
    url,
    host,
    cookie,
    only404: route.only404 === true,
    scriptless: route.scriptless === true,
  };
}

/** The query sorted by name (so `?a=1&b=2` and `?b=2&a=1` share an entry), or null when the route does not take it. */
function normalisedQuery(raw: string, rule: QueryRule): string | null {
  if (raw === "") return "";
  if (rule === "none") return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(raw);
  } catch {
    return null;
  }
  const names = [...new Set(params.keys())];
  // ?lang= renders in a language and sets its cookie (proxy.ts); _rsc is the router's flight data.
  if (names.some((name) => name === "lang" || name === "_rsc")) return null;
  if (rule !== "any" && names.some((name) => !rule.includes(name))) return null;
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(sorted).toString();
}

/** The preference cookies, or null when the request carries any other cookie (a session, a flash, a form's state). */
function preferenceCookies(header: string | undefined): Map<string, string> | null {
  const found = new Map<string, string>();
  if (!header) return found;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    const name = (index === -1 ? part : part.slice(0, index)).trim();
    if (name === "") continue;
    const value = index === -1 ? "" : part.slice(index + 1).trim();
    if ((PREFERENCE_COOKIES as readonly string[]).includes(name)) {
      // A preference cookie too long to be one of ours is not made into a key.
      if (value.length > 32) return null;
      found.set(name, value);
    } else if (!IGNORED_COOKIES.has(name)) return null;
  }
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What a rendering through Next.js answered. */
export type Rendering = { status: number; contentType: string | undefined; setsCookie: boolean; html: string };

/** A cached page, with the bytes to send. */
export type PublicPage = {
  status: 200 | 404;
  html: string;
  scriptHashes: string[];
  startedAt: number;
  plain: Buffer;
  gzip: Buffer;
};
type Entry = PublicPage | { passThrough: true; startedAt: number };

/** The part of a page kept in the shared store (bytes are made again on reading). */
type StoredPage = { status: 200 | 404; html: string; scriptHashes: string[]; startedAt: number };
/** The store every instance shares (lib/cache/next-cache-handler.mjs), seen through get/set with tags. */
export type SharedPageStore = {
  get(key: string): Promise<StoredPage | null>;
  set(key: string, page: StoredPage, tags: readonly string[]): Promise<void>;
};

/**
 * Renderings shared by every instance, in the store Next.js's cache uses (lib/cache/next-cache-handler.mjs: one
 * round trip checks the entry and its tags); null when there is no store (a build without a database).
 */
export function sharedPageStore(handler = new SharedCacheHandler()): SharedPageStore | null {
  if (!handler.store) return null;
  return {
    async get(key) {
      const entry = await handler.get(key);
      const value = entry?.value as { kind?: string; page?: StoredPage } | null | undefined;
      return value?.kind === "ONEWINDOW_PAGE" && value.page ? value.page : null;
    },
    async set(key, page, tags) {
      await handler.set(key, { kind: "ONEWINDOW_PAGE", page }, { tags: [...tags] });
    },
  };
}

export type PageLookup =
  { kind: "page"; page: PublicPage; fromMemory: boolean } | { kind: "next"; fromMemory: boolean };

/**
 * Anonymous public pages of this process, filled from the shared store or by rendering. `render` asks Next.js for
 * the page as an anonymous visitor with the request's preferences; `shared` is null without a store.
 */
export class PublicPageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly filling = new Map<string, Promise<Entry>>();
  private bytes = 0;

  constructor(
    private readonly render: (request: PublicPageRequest) => Promise<Rendering | null>,
    private readonly shared: SharedPageStore | null,
    private readonly buildId: string,
  ) {}

  /** The entry held in memory, if still valid: a page, or the mark that this key goes to Next.js. */
  held(request: PublicPageRequest, now = Date.now()): Entry | null {
    const entry = this.entries.get(request.key);
    if (!entry) return null;
    if (now - entry.startedAt < PUBLIC_PAGE_SECONDS * 1000 && stillCurrent(request.tags, entry.startedAt)) return entry;
    this.forget(request.key);
    return null;
  }

  /** The page for a request: from memory, from the shared store, or rendered now; or "next" when Next.js must answer. */
  async lookup(request: PublicPageRequest, now = Date.now()): Promise<PageLookup> {
    const held = this.held(request, now);
    if (held)
      return "passThrough" in held
        ? { kind: "next", fromMemory: true }
        : { kind: "page", page: held, fromMemory: true };
    let pending = this.filling.get(request.key);
    if (!pending) {
      pending = this.fill(request, now).finally(() => this.filling.delete(request.key));
      this.filling.set(request.key, pending);
    }
    const entry = await pending;
    return "passThrough" in entry
      ? { kind: "next", fromMemory: false }
      : { kind: "page", page: entry, fromMemory: false };
  }

  /** Forget every entry of this process (tests; other instances follow tags). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private async fill(request: PublicPageRequest, now: number): Promise<Entry> {
    const sharedKey = `onewindow-page:${this.buildId}:${request.key}`;
    const stored = await this.shared?.get(sharedKey).catch(() => null);
    if (stored && now - stored.startedAt < PUBLIC_PAGE_SECONDS * 1000 && stillCurrent(request.tags, stored.startedAt)) {
      return this.keep(request.key, await withBytes(stored));
    }
    // The time the rendering starts: a change that lands while it runs makes it stale, not fresh.
    const startedAt = Date.now();
    const rendering = await this.render(request).catch(() => null);
    if (!rendering || !cacheable(rendering) || (request.only404 && rendering.status !== 404))
      return this.keep(request.key, { passThrough: true, startedAt });
    const html = request.scriptless ? withoutRuntime(rendering.html) : rendering.html;
    const page: StoredPage = {
      status: rendering.status as 200 | 404,
      html,
      scriptHashes: inlineScriptHashes(html),
      startedAt,
    };
    await this.shared?.set(sharedKey, page, request.tags).catch(() => undefined);
    return this.keep(request.key, await withBytes(page));
  }

  private keep(key: string, entry: Entry): Entry {
    this.forget(key);
    this.entries.set(key, entry);
    this.bytes += sizeOf(entry);
    // Oldest first out: Map keeps insertion order, and a refilled entry is inserted again at the end.
    while (this.bytes > MAX_BYTES && this.entries.size > 1) this.forget(this.entries.keys().next().value as string);
    return entry;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(entry);
  }
}

function sizeOf(entry: Entry): number {
  return "passThrough" in entry ? 64 : entry.plain.length + entry.gzip.length + entry.html.length;
}

async function withBytes(page: StoredPage): Promise<PublicPage> {
  const plain = Buffer.from(page.html, "utf8");
  return { ...page, plain, gzip: await gzipAsync(plain) };
}

/** A rendering everyone may be given: a 200 or 404 HTML page that sets no cookie. */
function cacheable(rendering: Rendering): boolean {
  return (
    (rendering.status === 200 || rendering.status === 404) &&
    !rendering.setsCookie &&
    (rendering.contentType ?? "").startsWith("text/html")
  );
}

/** Page enhancements that work without React (public/enhance.js): kept in a scriptless page. */
const ENHANCEMENT_SCRIPT = "/enhance.js";
const ANY_SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script>/gi;
const SCRIPT_HINT =
  /<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*\bas="script"[^>]*\/?>|<link\b[^>]*\bas="script"[^>]*\brel="(?:modulepreload|preload)"[^>]*\/?>/gi;

/** Data blocks, not scripts (schema.org structured data for search engines): kept, and no policy applies to them. */
const DATA_BLOCK = /^<script\b[^>]*\btype="application\/(?:ld\+)?json"/i;

/** The page as plain HTML: every script and script preload dropped but the enhancement script and data blocks. */
export function withoutRuntime(html: string): string {
  return html
    .replace(ANY_SCRIPT, (tag) => (tag.includes(`src="${ENHANCEMENT_SCRIPT}"`) || DATA_BLOCK.test(tag) ? tag : ""))
    .replace(SCRIPT_HINT, "");
}

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** CSP source expressions ('sha256-…') of every inline script in the HTML, in order, without repeats. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    if (DATA_BLOCK.test(match[0])) continue;
    const body = match[1] ?? "";
    if (body === "") continue;
    hashes.add(`'sha256-${createHashBase64(body)}'`);
  }
  return [...hashes];
}

function createHashBase64(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}
