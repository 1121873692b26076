import { getActor } from "@/lib/auth/session";
import { handleUploadRequest } from "@/lib/files/upload-request";
import { clientIpFrom } from "@/lib/http/client-ip";
import { currentLocale } from "@/lib/i18n/request";

export const dynamic = "force-dynamic";

/**
 * POST /api/admin/files — an administrator uploads a material's blank form (空白表格) or sample (示例样表):
 * multipart `file` + `purpose`. Same-origin only; policy `file.upload`; checked by content; audited.
 */
export async function POST(request: Request): Promise<Response> {
  return handleUploadRequest({
    request,
    actor: await getActor(),
    locale: await currentLocale(),
    ip: clientIpFrom(request.headers),
    purposes: ["MATERIAL_BLANK_FORM", "MATERIAL_SAMPLE"],
  });
}
