import { type NextRequest, NextResponse } from "next/server";
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALE_HEADER, localeFromParam, ONE_YEAR_SECONDS } from "./lib/i18n/config";
import { isOwnRenderRequest, RENDER_HEADER } from "./lib/cache/page-render";
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
  // The page cache's rendering of an anonymous public page (lib/cache/page-render.ts) is served to many with the
  // hashes of its inline scripts in its policy, so it gets no nonce; every other page renders with a fresh one:
  // Next.js reads it from the request's policy header.
  const shared = isOwnRenderRequest(request.headers.get(RENDER_HEADER));
  const nonce = shared ? undefined : newNonce();
  const policy = contentSecurityPolicy({ nonce, development });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  if (nonce) requestHeaders.set("x-nonce", nonce);
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

export const config = {
  // /files/ is left out so that answers serving uploads never set a cookie (lib/files/serve.ts).
  matcher: ["/((?!api|files/|_next/static|_next/image|favicon.ico|robots.txt|enhance.js).*)"],
};
