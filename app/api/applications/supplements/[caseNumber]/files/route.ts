import { uploadSupplementFile } from "@/lib/applications/cases";
import { handleMaterialUpload } from "@/lib/applications/upload-request";
import { getActor } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/http/client-ip";
import { currentLocale } from "@/lib/i18n/request";

export const dynamic = "force-dynamic";

/**
 * POST /api/applications/supplements/{caseNumber}/files — a file for a material the supplement list names
 * (multipart `materialCode`, `file`); it joins the case when the applicant resubmits. 404 for another's case.
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ caseNumber: string }> },
): Promise<Response> {
  const { caseNumber } = await params;
  const ip = clientIpFrom(request.headers);
  return handleMaterialUpload({
    request,
    actor: await getActor(),
    locale: await currentLocale(),
    store: (actor, input) => uploadSupplementFile(actor, { caseNumber, ...input }, ip),
  });
}
