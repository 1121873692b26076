import "server-only";
import { recordExportRead } from "@/lib/audit/read-log";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { stepUpRedirect } from "@/lib/http/step-up";
import { currentLocale } from "@/lib/i18n/request";
import { logger } from "@/lib/logger";
import { EXPORT_FORMATS, type ExportFormat, type Table, tableResponse } from "@/lib/statistics/export";
import type { Actor } from "@/lib/auth/policy";

/**
 * A GET handler that exports one table of the supervision and statistics pages. The lib function checks the
 * policy; refusals and bad filters answer with a status and a short text, never a 500. Every export that is
 * handed out is first logged as a read (`read.export`: the table's name, row count and filters; issue 15).
 */
export function exportHandler(
  name: string,
  build: (actor: Actor, params: Record<string, string>, locale: string) => Promise<Table>,
) {
  return async (request: Request): Promise<Response> => {
    const actor = await getActor();
    if (!actor) return new Response("Sign in first.", { status: 401 });
    // Exports are sensitive staff actions (issue 15): a second factor older than 15 minutes is asked for again.
    const stepUp = stepUpRedirect(actor, request);
    if (stepUp) return stepUp;
    const url = new URL(request.url);
    const params: Record<string, string> = {};
    for (const [key, value] of url.searchParams) if (!(key in params)) params[key] = value.slice(0, 200);
    const format: ExportFormat = (EXPORT_FORMATS as readonly string[]).includes(params.format ?? "")
      ? (params.format as ExportFormat)
      : "csv";
    const locale = await currentLocale();
    try {
      const table = await build(actor, params, locale);
      const filters = Object.fromEntries(Object.entries(params).filter(([key]) => key !== "format"));
      await recordExportRead({ actor, ip: clientIpFrom(request.headers), name, rowCount: table.rows.length, filters });
      return await tableResponse(table, format, name);
    } catch (error) {
      if (isAppError(error)) return new Response(error.messageKey, { status: error.httpStatus });
      logger.error({ err: error, url: request.url }, "export failed");
      return new Response("The export failed; try again later.", { status: 500 });
    }
  };
}
