import { exportHandler } from "@/app/admin/supervision/_components/export-route";
import { funnelTable, itemFunnelFor } from "@/lib/analytics/reports";
import type { Locale } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

/** GET /admin/statistics/items/{code}/export?format=csv|xlsx&from&to&region — one item's journey funnel. */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  const { code } = await params;
  return exportHandler("statistics.funnel", async (actor, query, locale) =>
    funnelTable((await itemFunnelFor(actor, code, query)).funnel, locale as Locale),
  )(request);
}
