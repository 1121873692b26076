import { staffCaseDto } from "@/lib/api/dto";
import { apiRoute, json, preflight } from "@/lib/api/http";
import { assertCan } from "@/lib/auth/policy";
import { getStaffCase } from "@/lib/cases/detail";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** GET /api/v1/console/cases/{caseNumber} — the staff view of a case of the caller's department (404 otherwise). */
export const GET = apiRoute<{ caseNumber: string }>(async ({ actor, params, locale }) => {
  assertCan(actor, "console.access");
  const view = await getStaffCase(actor, params.caseNumber, { locale });
  // getStaffCase checked the policy; the raw answers are what a departmental system stores.
  const row = await db().case.findUniqueOrThrow({ where: { caseNumber: view.caseNumber }, select: { answers: true } });
  return json(staffCaseDto(view, (row.answers ?? {}) as Record<string, unknown>));
});
export const OPTIONS = preflight("GET");
