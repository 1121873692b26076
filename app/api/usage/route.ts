import { countBeacon, mayCount, UsageBeacon } from "@/lib/analytics/beacon";
import { ApiAnswer, apiErrorResponse, localeOf, parseBody, readJson } from "@/lib/api/http";
import { isSameOriginRequest } from "@/lib/files/upload-request";
import { clientIpFrom } from "@/lib/http/client-ip";

export const dynamic = "force-dynamic";

/**
 * POST /api/usage {"event": "view", "item"} or {"event": "click", "item", "q", "position"} — the portal's pages
 * report a guide shown or a search result opened (lib/analytics/beacon.ts). 204 whether counted or not: a visitor
 * with Do-Not-Track or Global Privacy Control, or an address over its budget, is simply not counted. Only this
 * site's pages may report (403 otherwise); a malformed report is 400 with the field.
 */
export async function POST(request: Request): Promise<Response> {
  const locale = localeOf(request);
  if (!isSameOriginRequest(request.headers))
    return apiErrorResponse(locale, 403, "CROSS_SITE", "files.errors.crossSite");
  if (!mayCount(request.headers)) return new Response(null, { status: 204 });
  try {
    const beacon = parseBody(UsageBeacon, await readJson(request, locale), locale);
    await countBeacon(beacon, clientIpFrom(request.headers));
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof ApiAnswer) return error.response;
    throw error;
  }
}
