import { caseStateDto } from "@/lib/api/dto";
import { apiRoute, json, parseBody, preflight, readJson } from "@/lib/api/http";
import { WithdrawBody } from "@/lib/api/schemas";
import { withdrawCase } from "@/lib/applications/cases";

export const dynamic = "force-dynamic";

/** POST /api/v1/cases/{caseNumber}/withdraw {"expectedVersion", "reason"?} → the new state; 409 stale, 422 too late. */
export const POST = apiRoute<{ caseNumber: string }>(async ({ request, actor, params, ip, locale }) => {
  const body = parseBody(WithdrawBody, await readJson(request, locale), locale);
  const updated = await withdrawCase(actor, { caseNumber: params.caseNumber, ...body }, ip);
  return json(caseStateDto(updated));
});
export const OPTIONS = preflight("POST");
