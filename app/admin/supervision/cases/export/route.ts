import { figureCasesTable, figureRectificationsTable } from "@/lib/supervision/cases";
import { exportHandler } from "../../_components/export-route";

export const dynamic = "force-dynamic";

const cases = exportHandler("supervision-cases", (actor, params, locale) =>
  figureCasesTable(actor, params, { locale }),
);
// A rectification figure's list is rectifications, not cases (lib/supervision/rectification-figures.ts), and so is its export.
const rectifications = exportHandler("supervision-rectifications", (actor, params, locale) =>
  figureRectificationsTable(actor, params, { locale }),
);

/** GET /admin/supervision/cases/export?figure=…&status=…&format=csv|xlsx&from&to&region&department — the drill-down list. */
export async function GET(request: Request): Promise<Response> {
  return new URL(request.url).searchParams.get("figure") === "rectification" ? rectifications(request) : cases(request);
}
