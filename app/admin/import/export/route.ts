import { getActor } from "@/lib/auth/session";
import { chinaToday } from "@/lib/calendar/china-time";
import { exportForAdmin, isExportFormat } from "@/lib/catalogue/import/admin";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { stepUpRedirect } from "@/lib/http/step-up";

const TYPES = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** The full-fidelity export of every item's content (platform administrators), for the import page's links. */
export async function GET(request: Request): Promise<Response> {
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (!isExportFormat(format))
    return Response.json(
      { error: { code: "VALIDATION", message: "format must be json, csv or xlsx" } },
      { status: 400 },
    );
  const actor = await getActor();
  const stepUp = actor ? stepUpRedirect(actor, request) : null;
  if (stepUp) return stepUp;
  try {
    const { body } = await exportForAdmin(actor, { format });
    const date = chinaToday();
    return new Response(typeof body === "string" ? body : new Uint8Array(body), {
      headers: {
        "Content-Type": TYPES[format],
        "Content-Disposition": `attachment; filename="catalogue-${date}.${format}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (isAppError(error))
      return Response.json({ error: { code: error.code, message: error.messageKey } }, { status: error.httpStatus });
    logger.error({ err: error }, "catalogue export failed");
    return Response.json({ error: { code: "UNEXPECTED", message: "errors.unexpected" } }, { status: 500 });
  }
}
