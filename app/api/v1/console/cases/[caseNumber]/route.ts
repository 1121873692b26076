import { staffCaseDto } from "@/lib/api/dto";
import { apiRoute, json, preflight } from "@/lib/api/http";
import { assertCan } from "@/lib/auth/policy";
import { getStaffCase, staffCaseAnswers } from "@/lib/cases/detail";

export const dynamic = "force-dynamic";

/** GET /api/v1/console/cases/{caseNumber} — the staff view of a case of the caller's department (404 otherwise). */
export const GET = apiRoute<{ caseNumber: string }>(async ({ actor, params, locale, ip }) => {
  assertCan(actor, "console.access");
  const view = await getStaffCase(actor, params.caseNumber, { locale, ip, purpose: "api" });
  // getStaffCase checked the policy; the raw answers (decrypted) are what a departmental system stores.
  return json(staffCaseDto(view, await staffCaseAnswers(view.caseNumber)));
});
export const OPTIONS = preflight("GET");
