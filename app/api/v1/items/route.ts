import { mayCount } from "@/lib/analytics/beacon";
import { apiRoute, parseQuery } from "@/lib/api/http";
import { type ItemPageDto, ItemsApiQuery, toItemSummaryDto, toSearchItemDto } from "@/lib/api/catalogue-dto";
import { filtersInput } from "@/lib/catalogue/filters";
import { listItems } from "@/lib/catalogue/queries";
import { searchPublicCatalogue } from "@/lib/catalogue/search";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/items — the public catalogue: ranked search when `q` is given, filtered and paged. The search
 * answers one result per service (`implementations=grouped`, the default; the region filter's implementation
 * first) or every implementation as a row (`implementations=all`); see ItemsApiQuery.
 */
export const GET = apiRoute(
  async ({ request, locale }) => {
    const params = new URL(request.url).searchParams;
    const implementations = params.get("implementations");
    const parsed = parseQuery(
      ItemsApiQuery,
      { ...filtersInput(params), ...(implementations ? { implementations } : {}) },
      locale,
    );
    const { implementations: listing, ...filters } = parsed;
    if (filters.q) {
      const grouped = listing === "grouped";
      // Counted in the search log unless the caller sends Do-Not-Track or Global Privacy Control.
      const result = await searchPublicCatalogue(filters, { grouped, record: mayCount(request.headers) });
      return Response.json({
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
        implementations: listing,
        items: result.items.map((item) => toSearchItemDto(item, grouped)),
        facets: result.facets,
      } satisfies ItemPageDto);
    }
    const page = await listItems(filters);
    return Response.json({
      total: page.total,
      page: page.page,
      pageSize: page.pageSize,
      items: page.items.map(toItemSummaryDto),
    } satisfies ItemPageDto);
  },
  { access: "public" },
);
