import { apiRoute, json, preflight } from "@/lib/api/http";
import { licencesOfCaseApplicant } from "@/lib/results/sharing";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/console/cases/{caseNumber}/licences?type= — the valid e-licences of the case's applicant (证照共享),
 * for staff who may see the case; every lookup is in the applicant's read log (lib/results/sharing.ts).
 */
export const GET = apiRoute<{ caseNumber: string }>(async ({ actor, params, request, ip }) => {
  const type = new URL(request.url).searchParams.get("type") ?? undefined;
  return json({ licences: await licencesOfCaseApplicant(actor, params.caseNumber, { type }, { ip, purpose: "api" }) });
});
export const OPTIONS = preflight("GET");
