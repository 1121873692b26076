import { catalogueCsv, exportCatalogue } from "@/lib/catalogue/export";
import { apiRoute } from "@/lib/api/http";

export const dynamic = "force-dynamic";

/** GET /api/v1/export/items.csv — the public catalogue as open data. */
export const GET = apiRoute(
  async () =>
    new Response(catalogueCsv(await exportCatalogue()), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="onewindow-catalogue.csv"',
      },
    }),
  { access: "public" },
);
