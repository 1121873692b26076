import { exportHandler } from "@/app/admin/supervision/_components/export-route";
import { AppError } from "@/lib/errors";
import { statisticsTables, TABLE_IDS } from "@/lib/statistics/analysis";
import { resolveSlice } from "@/lib/supervision/dashboard";

export const dynamic = "force-dynamic";

/** GET /admin/statistics/export?table=byDay&format=csv|xlsx&from&to&region&department — one statistics table. */
export const GET = exportHandler("statistics", async (actor, params, locale) => {
  const id = params.table;
  if (!(TABLE_IDS as readonly string[]).includes(id ?? ""))
    throw new AppError("VALIDATION", "supervision.errors.figure");
  const slice = await resolveSlice(actor, params);
  const table = (await statisticsTables(slice, locale)).find((candidate) => candidate.id === id);
  if (!table) throw new AppError("NOT_FOUND", "supervision.errors.figure");
  return { columns: table.columns, rows: table.rows };
});
