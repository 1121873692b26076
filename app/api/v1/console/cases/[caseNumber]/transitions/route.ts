import { caseStateDto } from "@/lib/api/dto";
import { apiRoute, json, parseBody, preflight, readJson } from "@/lib/api/http";
import { TransitionBody } from "@/lib/api/schemas";
import { assertCan } from "@/lib/auth/policy";
import { assertStaffSeesCase, takeCaseAction } from "@/lib/cases/take-action";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/console/cases/{caseNumber}/transitions {"action", "reason"?, "legalBasis"?, "supplementList"?,
 * "opinion"?, "expectedVersion", …} → the new state. The item's workflow decides who may take the step: 403
 * `cases.errors.notYourDuty` or `cases.errors.separationOfDuties`, 422 `cases.errors.signOffsPending`. 409 with `current` when expectedVersion is stale; 422 when the state
 * does not allow the action; 400 when a required field is missing. Completing an approved case issues the
 * certificate and licence; 不予受理 and 不予许可 produce the written notice (lib/cases/take-action.ts).
 */
export const POST = apiRoute<{ caseNumber: string }>(async ({ request, actor, params, ip, locale }) => {
  assertCan(actor, "console.access");
  const body = parseBody(TransitionBody, await readJson(request, locale), locale);
  // Another department's case is answered exactly like a missing one.
  await assertStaffSeesCase(actor, params.caseNumber);
  const updated = await takeCaseAction(actor, params.caseNumber, body, { ip });
  return json(caseStateDto(updated));
});
export const OPTIONS = preflight("POST");
