import { uploadMaterial } from "@/lib/applications/files";
import { handleMaterialUpload } from "@/lib/applications/upload-request";
import { getActor } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/http/client-ip";
import { currentLocale } from "@/lib/i18n/request";

export const dynamic = "force-dynamic";

/**
 * POST /api/applications/{id}/files — the applicant uploads one file (multipart `materialCode`, `file`) for a
 * material of their draft: checked by content, hashed, stored, attached at trust C. 201 `{fileId, name, size,
 * contentType, sha256, revision, trust}`; 404 for another person's draft.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ip = clientIpFrom(request.headers);
  return handleMaterialUpload({
    request,
    actor: await getActor(),
    locale: await currentLocale(),
    store: (actor, input) => uploadMaterial(actor, { applicationId: id, ...input }, ip),
  });
}
