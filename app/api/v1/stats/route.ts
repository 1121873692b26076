import { apiRoute } from "@/lib/api/http";
import { publicFigures } from "@/lib/statistics/public";

export const dynamic = "force-dynamic";

/** GET /api/v1/stats?region=&from=&to= — public aggregate figures per department and item (small counts suppressed). */
export const GET = apiRoute(
  async ({ request }) => {
    const params = new URL(request.url).searchParams;
    const figures = await publicFigures({
      region: params.get("region") ?? undefined,
      from: params.get("from") ?? undefined,
      to: params.get("to") ?? undefined,
    });
    return Response.json(figures, { headers: { "Cache-Control": "public, max-age=300" } });
  },
  { access: "public" },
);
