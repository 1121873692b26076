/**
 * The anonymous item page, kept in memory by proxy.ts (issue 3: item pages fast under peak traffic).
 *
 * An item page requested without a session, in the default language and display, is the same for everyone: it is
 * the statically regenerated rendering of app/(portal)/items/[code]/cached. Going through Next.js's routing for it
 * costs several times what sending the bytes costs, so the proxy answers it from this cache, filled by asking the
 * app for that rendering once per entry. Entries live ITEM_PAGE_CACHE_SECONDS at most; publishing, suspending and
 * resuming an item forget its entry on this instance at once (forgetItemPage), other instances catch up within
 * that time (the rendering underneath is revalidated through the shared cache).
 *
 * Because the HTML is known when it is stored, its inline scripts (Next.js's flight data) are hashed then, and
 * the page's Content-Security-Policy lists those hashes instead of 'unsafe-inline' (lib/security/csp.ts).
 *
 * State is on globalThis: the proxy and the server actions that forget entries are separate bundles of one
 * Node.js process.
 */
import { DEFAULT_LOCALE, DISPLAY_COOKIE, LOCALE_COOKIE } from "../i18n/config";
import { countPageCache } from "../metrics/signals";

export const ITEM_PAGE_CACHE_SECONDS = 10;
const MAX_ENTRIES = 500;

export type CachedItemPage = { html: string; scriptHashes: string[]; storedAt: number };
type CacheState = { entries: Map<string, CachedItemPage>; filling: Map<string, Promise<CachedItemPage | null>> };

const KEY = Symbol.for("onewindow.itemPageCache");

function state(): CacheState {
  const holder = globalThis as typeof globalThis & { [KEY]?: CacheState };
  holder[KEY] ??= { entries: new Map(), filling: new Map() };
  return holder[KEY];
}

/** The entry for an item code, or null when there is none or it is older than the cache's lifetime. */
export function cachedItemPage(code: string, now = Date.now()): CachedItemPage | null {
  const { entries } = state();
  const entry = entries.get(code);
  if (!entry) return null;
  if (now - entry.storedAt >= ITEM_PAGE_CACHE_SECONDS * 1000) {
    entries.delete(code);
    return null;
  }
  return entry;
}

/**
 * The entry for a code, filling it with `render` on a miss. Concurrent misses for one code share one render.
 * `render` answers the HTML, or null when the page is not a cacheable 200 (unknown code, error): nothing is stored.
 */
export async function itemPageThroughCache(code: string, render: () => Promise<string | null>, now = Date.now()): Promise<CachedItemPage | null> {
  const hit = cachedItemPage(code, now);
  // One count per request that could have been served from memory: lib/http/app-server.ts counts the hits it answers
  // itself; a request it passes on reaches this function through proxy.ts and is counted here, once.
  countPageCache("item_page", hit ? "hit" : "miss");
  if (hit) return hit;
  const { entries, filling } = state();
  const pending = filling.get(code);
  if (pending) return pending;
  const fill = (async () => {
    const html = await render();
    if (html === null) return null;
    const entry: CachedItemPage = { html, scriptHashes: await inlineScriptHashes(html), storedAt: now };
    // Oldest first out: Map keeps insertion order, and a refilled entry is inserted again at the end.
    entries.delete(code);
    entries.set(code, entry);
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    return entry;
  })().finally(() => filling.delete(code));
  filling.set(code, fill);
  return fill;
}

/** Forget an item's entry on this instance (publish, suspend, resume). */
export function forgetItemPage(code: string): void {
  state().entries.delete(code);
}

/** Forget every entry on this instance (a published FAQ answer, which the page of its item shows). */
export function forgetAllItemPages(): void {
  state().entries.clear();
}

const ITEM_PAGE = /^\/items\/([0-9A-Za-z_-]{1,64})\/?$/;
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * The item code when a request is for the page everyone gets alike: GET /items/{code} with no query, no session,
 * the default language and the standard display. Anything else (a signed-in visitor, English, 长辈模式, ?lang=…)
 * gets the live rendering. Used by proxy.ts and scripts/server.ts, so both decide the same way.
 */
export function anonymousItemPageCode(method: string, pathname: string, search: string, cookie: (name: string) => string | undefined): string | null {
  if (method !== "GET" || search !== "") return null;
  const match = ITEM_PAGE.exec(pathname);
  if (!match) return null;
  if (SESSION_COOKIES.some((name) => cookie(name) !== undefined)) return null;
  if ((cookie(LOCALE_COOKIE) ?? DEFAULT_LOCALE) !== DEFAULT_LOCALE) return null;
  if (cookie(DISPLAY_COOKIE) === "large") return null;
  return match[1]!;
}

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** CSP source expressions ('sha256-…') of every inline script in the HTML, in order, without repeats. */
export async function inlineScriptHashes(html: string): Promise<string[]> {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const body = match[1] ?? "";
    if (body === "") continue;
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
    hashes.add(`'sha256-${btoa(String.fromCharCode(...digest))}'`);
  }
  return [...hashes];
}
