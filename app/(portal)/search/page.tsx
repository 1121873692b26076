import { getTranslations } from "next-intl/server";
import { FacetList } from "@/components/catalogue/facet-list";
import { FilterForm } from "@/components/catalogue/filter-form";
import { ItemList } from "@/components/catalogue/item-list";
import { Pagination } from "@/components/catalogue/pagination";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { filtersInput, lenientFilters } from "@/lib/catalogue/filters";
import { listItems, listPopularItems, listRegionOptions, listThemes } from "@/lib/catalogue/queries";
import { searchPublicCatalogue } from "@/lib/catalogue/search";
import { chosenRegion } from "@/app/_lib/region";
import { OtherImplementations } from "./_components/other-implementations";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("catalogue"))("resultsTitle") };
}

/**
 * Search and browse. Text goes through the ranked search (facets, highlights, "did you mean", close matches),
 * one result per service with the chosen region's implementation first and the others folded behind it;
 * filters alone list the catalogue. Invalid filters are ignored with a notice, never an error page.
 */
export default async function SearchPage({ searchParams }: Props) {
  const fromUrl = filtersInput(await searchParams);
  // The region chosen with the switcher scopes the search unless the address names one.
  const region = await chosenRegion();
  const input = region && !("region" in fromUrl) ? { ...fromUrl, region } : fromUrl;
  const { filters, ignored } = lenientFilters(input);
  const t = await getTranslations();
  const [regions, themes] = await Promise.all([listRegionOptions(), listThemes()]);
  const hasCriteria = Object.keys(fromUrl).some(
    (key) => !["page", "pageSize", "sort"].includes(key) && !ignored.includes(key),
  );
  const ranked = filters.q ? await searchPublicCatalogue(filters, { chosenRegion: region, record: false }) : null;
  const listed = !ranked && hasCriteria ? await listItems(filters) : null;
  const page = ranked ?? listed;
  const popular = ranked ? ranked.popular : !page || page.total === 0 ? await listPopularItems(6) : [];
  const query = filters.q ?? "";
  const kept = Object.fromEntries(Object.entries(input).filter(([key]) => key !== "page" && !ignored.includes(key)));
  return (
    <>
      <Breadcrumbs items={[{ href: "/", label: t("nav.home") }, { label: t("catalogue.resultsTitle") }]} />
      <h1 className="mb-4 text-2xl font-bold">{t("catalogue.resultsTitle")}</h1>
      <FilterForm filters={filters} regions={regions} themes={themes} />
      {/* Journey counting (public/enhance.js): the search on its first page, and which result is opened. */}
      <div
        {...(ranked
          ? {
              "data-usage-query": query,
              ...(ranked.page === 1 ? { "data-usage-results": String(ranked.total) } : {}),
            }
          : {})}
      >
        <div className="mt-6" aria-live="polite">
          {ignored.length > 0 && (
            <p role="status" className="mb-3 rounded border-2 border-accent-600 p-3">
              {t("filters.ignored", { names: ignored.join(", ") })}
            </p>
          )}
          {!page && <p>{t("catalogue.emptyQuery")}</p>}
          {page && page.total > 0 && (
            <p className="mb-2 font-semibold">
              {query
                ? t("catalogue.resultsFor", { query, total: page.total })
                : t("catalogue.total", { total: page.total })}
            </p>
          )}
          {ranked?.matchedBy === "tolerant" && ranked.corrected && (
            <p className="mb-2">{t("catalogue.didYouMean", { query, corrected: ranked.corrected })}</p>
          )}
          {page && page.total === 0 && (
            <p className="mb-2">{query ? t("catalogue.noResults", { query }) : t("catalogue.noResultsFiltered")}</p>
          )}
        </div>
        {page && page.total > 0 && (
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_16rem]">
            <div>
              <ItemList
                items={page.items}
                firstPosition={(page.page - 1) * page.pageSize + 1}
                highlights={ranked?.highlights}
                extras={
                  ranked
                    ? Object.fromEntries(
                        ranked.items.map((item) => [
                          item.implementationCode,
                          <OtherImplementations key={item.implementationCode} item={item} />,
                        ]),
                      )
                    : undefined
                }
              />
              <Pagination
                page={page.page}
                total={page.total}
                pageSize={page.pageSize}
                hrefFor={(number) => `/search?${new URLSearchParams({ ...kept, page: String(number) }).toString()}`}
              />
            </div>
            {ranked && <FacetList facets={ranked.facets} params={kept} />}
          </div>
        )}
        {ranked && ranked.closeMatches.length > 0 && (
          <section aria-labelledby="close" className="mt-8">
            <h2 id="close" className="mb-3 text-xl font-bold">
              {t("catalogue.closeMatches")}
            </h2>
            <ItemList items={ranked.closeMatches} />
          </section>
        )}
        {popular.length > 0 && (
          <section aria-labelledby="popular" className="mt-8">
            <h2 id="popular" className="mb-3 text-xl font-bold">
              {t("portal.popularTitle")}
            </h2>
            <ItemList items={popular} />
          </section>
        )}
      </div>
    </>
  );
}
