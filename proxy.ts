import { type NextRequest, NextResponse } from "next/server";
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALE_HEADER, localeFromParam, ONE_YEAR_SECONDS } from "./lib/i18n/config";
import { anonymousItemPageCode, itemPageThroughCache } from "./lib/catalogue/item-page-cache";
import { databaseStillUnavailable, outageResponse } from "./lib/db/outage";
import outageEn from "./lib/i18n/messages/outage.en.json";
import outageZhCN from "./lib/i18n/messages/outage.zh-CN.json";
import { contentSecurityPolicy, newNonce } from "./lib/security/csp";

/**
 * `?lang=en` (or `zh`) on any URL renders that request in the language and remembers it, so addresses are the
 * same in both languages and shareable; and every page gets its Content-Security-Policy with a per-request nonce
 * (lib/security/csp.ts). Authorization is never decided here.
 */
export async function proxy(request: NextRequest) {
  const development = process.env.NODE_ENV === "development";
  const locale = localeFromParam(request.nextUrl.searchParams.get("lang"));
  // During a database outage pages answer 503 with a plain outage page, until the app's health route sees the
  // database again (lib/db/outage.ts).
  if (await databaseStillUnavailable(probeHealth)) {
    const outageLocale = locale ?? (request.cookies.get(LOCALE_COOKIE)?.value === "en" ? "en" : DEFAULT_LOCALE);
    const text = (outageLocale === "en" ? outageEn : outageZhCN).outage;
    return outageResponse(text, outageLocale, request.nextUrl.pathname + request.nextUrl.search);
  }
  if (!locale) {
    const cached = await servesCachedItemPage(request, development);
    if (cached) return cached;
  }
  // Every other page renders per request with a fresh nonce: Next.js reads it from the request's policy header.
  const nonce = newNonce();
  const policy = contentSecurityPolicy({ nonce, development });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set("x-nonce", nonce);
  if (locale) requestHeaders.set(LOCALE_HEADER, locale);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (locale) response.cookies.set(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR_SECONDS, sameSite: "lax" });
  return response;
}

/** The app's own health route, which clears the outage mark when the database answers. */
function probeHealth(): Promise<Response> {
  return fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/api/health`, { cache: "no-store" });
}

/**
 * Also: an item page requested by an anonymous visitor in the default language and display is the same for
 * everyone, so it is served from memory (lib/catalogue/item-page-cache.ts), filled from the cached rendering
 * (app/(portal)/items/[code]/cached). The address stays `/items/{code}`; everyone else gets the live page. This
 * chooses a rendering, it grants nothing.
 */
async function servesCachedItemPage(request: NextRequest, development: boolean): Promise<NextResponse | null> {
  const code = anonymousItemPageCode(request.method, request.nextUrl.pathname, request.nextUrl.search, (name) => request.cookies.get(name)?.value);
  if (!code) return null;
  const entry = await itemPageThroughCache(code, () => renderCachedItemPage(code));
  if (entry) {
    return new NextResponse(entry.html, {
      status: 200,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": contentSecurityPolicy({ scriptHashes: entry.scriptHashes, development }),
        "Cache-Control": "public, max-age=0, must-revalidate",
        Vary: "Cookie, Accept-Encoding",
      },
    });
  }
  // Not cacheable (unknown code, suspended, an error): the cached rendering answers as it would, 404 included.
  const url = request.nextUrl.clone();
  url.pathname = `/items/${code}/cached`;
  const rewrite = NextResponse.rewrite(url);
  // The shared static rendering cannot carry a nonce (lib/security/csp.ts explains its policy).
  rewrite.headers.set("Content-Security-Policy", contentSecurityPolicy({ development }));
  return rewrite;
}

/** The cached rendering, asked of this same server; null unless it is a 200 HTML page. */
async function renderCachedItemPage(code: string): Promise<string | null> {
  const response = await fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/items/${encodeURIComponent(code)}/cached`, { cache: "no-store" }).catch(() => null);
  if (!response || response.status !== 200 || !response.headers.get("content-type")?.startsWith("text/html")) return null;
  return response.text();
}

export const config = {
  // /files/ is left out so that answers serving uploads never set a cookie (lib/files/serve.ts).
  matcher: ["/((?!api|files/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
