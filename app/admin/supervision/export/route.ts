import { departmentBreakdown, resolveSlice } from "@/lib/supervision/dashboard";
import { exportHandler } from "../_components/export-route";

export const dynamic = "force-dynamic";

/** GET /admin/supervision/export?format=csv|xlsx&from&to&region — the dashboard's per-department table. */
export const GET = exportHandler("supervision-departments", async (actor, params, locale) => {
  const slice = await resolveSlice(actor, params);
  const rows = await departmentBreakdown(slice);
  return {
    columns: [
      "department",
      "departmentCode",
      "from",
      "to",
      "received",
      "completed",
      "onTimeRate",
      "averageWorkingDays",
      "dueSoon",
      "overdue",
    ],
    rows: rows.map((row) => [
      locale === "en" ? row.nameEn || row.name : row.name,
      row.code,
      slice.from,
      slice.to,
      row.received,
      row.completed,
      row.onTimeRate === null ? null : Math.round(row.onTimeRate * 1000) / 1000,
      row.averageWorkingDays === null ? null : Math.round(row.averageWorkingDays * 100) / 100,
      row.dueSoon,
      row.overdue,
    ]),
  };
});
