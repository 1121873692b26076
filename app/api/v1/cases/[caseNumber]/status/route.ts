import { isAppError } from "@/lib/errors";
import { apiError, publicApi } from "@/lib/http/api";
import { clientIpFrom } from "@/lib/http/client-ip";
import { localeFromParam } from "@/lib/i18n/config";
import { lookupCaseStatus } from "@/lib/tracking/lookup";

export const dynamic = "force-dynamic";

const NOT_FOUND_MESSAGE = "No case with this number and query code.";

/**
 * GET /api/v1/cases/{caseNumber}/status?code=… — public status of one case (no personal data):
 * {"caseNumber","item","department","status","statusLabel","submittedAt","acceptedAt","dueDate","completedAt"}.
 * An unknown number, a wrong code and a malformed number or code all get the same 404. `lang=en` for English names.
 */
export const GET = publicApi<{ params: Promise<{ caseNumber: string }> }>(async (request, { params }) => {
  const { caseNumber } = await params;
  const url = new URL(request.url);
  const locale = localeFromParam(url.searchParams.get("lang")) ?? "zh-CN";
  try {
    const view = await lookupCaseStatus(
      { caseNumber: caseNumber.slice(0, 40), code: (url.searchParams.get("code") ?? "").slice(0, 40) },
      { ip: clientIpFrom(request.headers), locale },
    );
    if (!view) return apiError(404, "NOT_FOUND", NOT_FOUND_MESSAGE);
    return Response.json(view, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isAppError(error) && error.code === "VALIDATION") return apiError(404, "NOT_FOUND", NOT_FOUND_MESSAGE);
    if (isAppError(error) && error.code === "THROTTLED")
      return apiError(429, "RATE_LIMITED", "Too many requests; retry later.", undefined, {
        "Retry-After": String(error.details.retryAfterSeconds ?? 60),
      });
    throw error;
  }
});
