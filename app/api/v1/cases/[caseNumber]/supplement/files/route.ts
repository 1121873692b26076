import { apiRoute, json, preflight, readMaterialUpload } from "@/lib/api/http";
import { uploadSupplementFile } from "@/lib/applications/cases";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/cases/{caseNumber}/supplement/files (multipart: materialCode, file) → 201 the stored file, for a
 * material the supplement list names; name it in `files` of POST …/supplement.
 */
export const POST = apiRoute<{ caseNumber: string }>(async ({ request, actor, params, ip, locale }) => {
  const upload = await readMaterialUpload(request, locale);
  const stored = await uploadSupplementFile(actor, { caseNumber: params.caseNumber, ...upload }, ip);
  return json(
    {
      fileId: stored.fileId,
      sha256: stored.sha256,
      size: stored.size,
      contentType: stored.contentType,
      name: stored.name,
      materialCode: upload.materialCode,
      revision: null,
    },
    201,
  );
});
export const OPTIONS = preflight("POST");
