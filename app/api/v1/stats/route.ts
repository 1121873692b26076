import { apiError, publicApi } from "@/lib/http/api";
import { isAppError } from "@/lib/errors";
import { publicFigures } from "@/lib/statistics/public";

export const dynamic = "force-dynamic";

/** GET /api/v1/stats?region=&from=&to= — public aggregate figures per department and item (small counts suppressed). */
export const GET = publicApi(async (request) => {
  const params = new URL(request.url).searchParams;
  try {
    const figures = await publicFigures({
      region: params.get("region") ?? undefined,
      from: params.get("from") ?? undefined,
      to: params.get("to") ?? undefined,
    });
    return Response.json(figures, { headers: { "Cache-Control": "public, max-age=300" } });
  } catch (error) {
    if (isAppError(error) && error.code === "VALIDATION")
      return apiError(400, "VALIDATION", "Invalid query parameters.", error.details.fieldErrors);
    throw error;
  }
});
