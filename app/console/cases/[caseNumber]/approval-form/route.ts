import { getActor } from "@/lib/auth/session";
import { approvalFormPdf } from "@/lib/cases/approval-form";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";

export const dynamic = "force-dynamic";

/**
 * GET /console/cases/{caseNumber}/approval-form — the case's 审批表 as a PDF attachment (lib/cases/approval-form.ts),
 * for staff who may read the case; anyone else gets the same 404 as for an unknown case. Served like stored files:
 * an attachment under a sandboxing CSP, never cached.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ caseNumber: string }> },
): Promise<Response> {
  const { caseNumber } = await params;
  const notFound = () =>
    new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  const actor = await getActor();
  if (!actor || !/^\d{20}$/.test(caseNumber)) return notFound();
  try {
    const pdf = await approvalFormPdf(actor, caseNumber, { ip: clientIpFrom(request.headers) });
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="approval-${caseNumber}.pdf"; filename*=UTF-8''${encodeURIComponent(`审批表-${caseNumber}.pdf`)}`,
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) return notFound();
    throw error;
  }
}
