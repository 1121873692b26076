import { type NextRequest, NextResponse } from "next/server";
import { LOCALE_COOKIE, LOCALE_HEADER, localeFromParam, ONE_YEAR_SECONDS } from "./lib/i18n/config";

/**
 * Only one job: `?lang=en` (or `zh`) on any URL renders that request in the language and remembers it, so
 * addresses are the same in both languages and shareable. Authorization is never decided here.
 */
export function proxy(request: NextRequest) {
  const locale = localeFromParam(request.nextUrl.searchParams.get("lang"));
  if (!locale) return NextResponse.next();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(LOCALE_HEADER, locale);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.cookies.set(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR_SECONDS, sameSite: "lax" });
  return response;
}

export const config = {
  // /files/ is left out so that answers serving uploads never set a cookie (lib/files/serve.ts).
  matcher: ["/((?!api|files/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
