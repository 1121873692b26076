import { apiRoute, json, preflight, readMaterialUpload } from "@/lib/api/http";
import { uploadMaterial } from "@/lib/applications/files";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/applications/{id}/files (multipart: materialCode, file) → 201 {"fileId", "sha256", "size",
 * "contentType", …}. The type is found from the content; refused files answer 400 (413 when too large).
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, ip, locale }) => {
  const upload = await readMaterialUpload(request, locale);
  const stored = await uploadMaterial(actor, { applicationId: params.id, ...upload }, ip);
  return json(
    {
      fileId: stored.fileId,
      sha256: stored.sha256,
      size: stored.size,
      contentType: stored.contentType,
      name: stored.name,
      materialCode: upload.materialCode,
      revision: stored.revision,
    },
    201,
  );
});
export const OPTIONS = preflight("POST");
