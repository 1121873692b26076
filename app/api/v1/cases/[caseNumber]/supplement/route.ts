import { supplementCase } from "@/lib/api/applicant";
import { caseStateDto, isoOrNull } from "@/lib/api/dto";
import { apiRoute, json, parseBody, preflight, readJson } from "@/lib/api/http";
import { SupplementBody } from "@/lib/api/schemas";
import { getSupplementRequest } from "@/lib/applications/cases";

export const dynamic = "force-dynamic";

type Params = { caseNumber: string };

/** GET /api/v1/cases/{caseNumber}/supplement — the supplement list (一次性告知) and what may change. */
export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const request = await getSupplementRequest(actor, params.caseNumber);
  return json({
    caseNumber: request.caseNumber,
    version: request.version,
    list: request.list.map((entry) => ({
      materialCode: entry.materialCode ?? null,
      field: entry.field ?? null,
      note: entry.note,
    })),
    requestedAt: isoOrNull(request.requestedAt),
    reason: request.reason,
    editableFields: request.editableFields,
    editableMaterials: request.editableMaterials,
    answers: request.answers,
    files: request.files.map((file) => ({
      materialCode: file.materialCode,
      fileId: file.fileId,
      name: file.name,
      size: file.size,
      trust: file.trust,
    })),
  });
});

/**
 * POST /api/v1/cases/{caseNumber}/supplement {"expectedVersion", "answers"?, "files"?} → the new state. Only the
 * listed answers and materials may change (422 with per-field errors otherwise); 409 when the version is stale.
 */
export const POST = apiRoute<Params>(async ({ request, actor, params, ip, locale }) => {
  const body = parseBody(SupplementBody, await readJson(request, locale), locale);
  const row = await supplementCase(actor, params.caseNumber, body, ip);
  return json(caseStateDto(row));
});
export const OPTIONS = preflight("GET, POST");
