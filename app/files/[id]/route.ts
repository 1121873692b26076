import { getActor } from "@/lib/auth/session";
import { fileResponse } from "@/lib/files/serve";
import { clientIpFrom } from "@/lib/http/client-ip";
import { currentLocale } from "@/lib/i18n/request";

export const dynamic = "force-dynamic";

/**
 * GET /files/{id}[?inline=1] — a stored file, after the policy check (lib/auth/policy.ts `canReadFile`).
 * Served from its own path prefix with a sandboxing CSP, nosniff and no cookies set; see lib/files/serve.ts.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return fileResponse({
    actor: await getActor(),
    fileId: id,
    inline: new URL(request.url).searchParams.get("inline") === "1",
    rangeHeader: request.headers.get("range"),
    ifNoneMatch: request.headers.get("if-none-match"),
    locale: await currentLocale(),
    ip: clientIpFrom(request.headers),
  });
}
