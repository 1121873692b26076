import { iso } from "@/lib/api/dto";
import { apiRoute, json, preflight, readJson } from "@/lib/api/http";
import { rateCase } from "@/lib/evaluation/evaluations";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/cases/{caseNumber}/evaluation {"level": 1-5, "tags", "comment"} → 201 the rating (200 when it
 * changed an earlier one). 422 before the case is finished or after the rating window; 409 once it can no
 * longer be changed; 404 for a case that is not the caller's.
 */
export const POST = apiRoute<{ caseNumber: string }>(async ({ request, actor, params, ip, locale }) => {
  const result = await rateCase(actor, params.caseNumber, await readJson(request, locale), { ip });
  return json(
    {
      evaluationId: result.evaluationId,
      level: result.level,
      changeableUntil: iso(result.changeableUntil),
      created: result.created,
    },
    result.created ? 201 : 200,
  );
});
export const OPTIONS = preflight("POST");
