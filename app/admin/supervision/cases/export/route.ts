import { figureCasesTable } from "@/lib/supervision/cases";
import { exportHandler } from "../../_components/export-route";

export const dynamic = "force-dynamic";

/** GET /admin/supervision/cases/export?figure=…&format=csv|xlsx&from&to&region&department — the drill-down list. */
export const GET = exportHandler("supervision-cases", (actor, params, locale) => figureCasesTable(actor, params, { locale }));
