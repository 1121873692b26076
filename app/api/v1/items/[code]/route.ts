import { mayCount } from "@/lib/analytics/beacon";
import { countUsage } from "@/lib/analytics/usage";
import { apiErrorResponse, apiRoute } from "@/lib/api/http";
import { toGuideDto } from "@/lib/api/catalogue-dto";
import { findItemGuide } from "@/lib/catalogue/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/items/{code} — the whole published guide of one item (counted as a view unless DNT or Sec-GPC says no). */
export const GET = apiRoute<{ code: string }>(
  async ({ request, params, locale }) => {
    const { code } = params;
    // Letters, digits and . _ - only: a NUL or other control character would be refused by PostgreSQL as a 500.
    const guide = /^[\p{L}\p{N}._-]{1,64}$/u.test(code) ? await findItemGuide(code) : null;
    if (!guide) return apiErrorResponse(locale, 404, "NOT_FOUND", "api.errors.itemNotFound");
    // Apps show guides through this call: counted as API views, in memory and without anything about the caller.
    if (mayCount(request.headers)) countUsage("GUIDE_VIEW", guide.implementationCode, { channel: "API" });
    return Response.json(toGuideDto(guide));
  },
  { access: "public" },
);
