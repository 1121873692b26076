import { exportCatalogue } from "@/lib/catalogue/export";
import { apiRoute } from "@/lib/api/http";

export const dynamic = "force-dynamic";

/** GET /api/v1/export/items.json — the public catalogue as open data. */
export const GET = apiRoute(
  async () => {
    const items = await exportCatalogue();
    return Response.json(
      { total: items.length, items },
      { headers: { "Content-Disposition": 'attachment; filename="onewindow-catalogue.json"' } },
    );
  },
  { access: "public" },
);
