import { toItemSummaryDto } from "@/lib/catalogue/api-dto";
import { CatalogueFilters, filtersInput } from "@/lib/catalogue/filters";
import { listItems } from "@/lib/catalogue/queries";
import { searchPublicCatalogue } from "@/lib/catalogue/search";
import { apiError, publicApi } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/items — the public catalogue: ranked search when `q` is given, filtered and paged. */
export const GET = publicApi(async (request) => {
  const parsed = CatalogueFilters.safeParse(filtersInput(new URL(request.url).searchParams));
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    return apiError(400, "VALIDATION", "Invalid query parameters.", fields);
  }
  const filters = parsed.data;
  if (filters.q) {
    const result = await searchPublicCatalogue(filters);
    return Response.json({ total: result.total, page: result.page, pageSize: result.pageSize, items: result.items.map(toItemSummaryDto), facets: result.facets });
  }
  const page = await listItems(filters);
  return Response.json({ total: page.total, page: page.page, pageSize: page.pageSize, items: page.items.map(toItemSummaryDto) });
});
