import { iso } from "@/lib/api/dto";
import { ApiAnswer, apiErrorResponse, apiRoute, json, parseBody, preflight, readJson } from "@/lib/api/http";
import { IdempotencyKeyHeader, SubmitBody } from "@/lib/api/schemas";
import { submitApplication } from "@/lib/applications/submit";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/applications/{id}/submit, header Idempotency-Key, body {"declaration": true} → 201 {"caseNumber",
 * "queryCode", "dueDate", …}. The same key answers the same case again (header Idempotent-Replayed: true);
 * the query code is stored only as a hash, so a replay answers `queryCode: null`. Incomplete answers or
 * materials: 422 with per-field errors.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, ip, locale }) => {
  const key = IdempotencyKeyHeader.safeParse(request.headers.get("idempotency-key") ?? undefined);
  if (!key.success)
    throw new ApiAnswer(
      apiErrorResponse(locale, 400, "VALIDATION", "applications.errors.idempotencyKey", {
        fields: { "Idempotency-Key": "applications.errors.idempotencyKey" },
      }),
    );
  const body = parseBody(SubmitBody, await readJson(request, locale), locale);
  const result = await submitApplication(
    actor,
    { applicationId: params.id, idempotencyKey: key.data, declaration: body.declaration },
    ip,
  );
  return json(
    {
      caseNumber: result.caseNumber,
      queryCode: result.queryCode,
      dueDate: result.estimatedDueDate,
      submittedAt: iso(result.submittedAt),
      replayed: result.replayed,
    },
    201,
    result.replayed ? { "Idempotent-Replayed": "true" } : {},
  );
});
export const OPTIONS = preflight("POST");
