import { apiErrorResponse, apiRoute } from "@/lib/api/http";
import { isAppError } from "@/lib/errors";
import { lookupCaseStatus } from "@/lib/tracking/lookup";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/cases/{caseNumber}/status?code=… — public status of one case (no personal data):
 * {"caseNumber","item","department","status","statusLabel","submittedAt","acceptedAt","dueDate","completedAt"}.
 * An unknown number, a wrong code and a malformed number or code all get the same 404. `lang=en` for English names
 * and messages.
 */
export const GET = apiRoute<{ caseNumber: string }>(
  async ({ request, params, ip, locale }) => {
    const notFound = () => apiErrorResponse(locale, 404, "NOT_FOUND", "api.errors.caseNotFound");
    const url = new URL(request.url);
    try {
      const view = await lookupCaseStatus(
        { caseNumber: params.caseNumber.slice(0, 40), code: (url.searchParams.get("code") ?? "").slice(0, 40) },
        { ip, locale },
      );
      if (!view) return notFound();
      return Response.json(view, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      // A malformed number or code answers as an unknown one: the lookup tells no more than "not this pair".
      if (isAppError(error) && error.code === "VALIDATION") return notFound();
      throw error;
    }
  },
  { access: "public" },
);
