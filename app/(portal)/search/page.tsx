import { getTranslations } from "next-intl/server";
import { FilterForm } from "@/components/catalogue/filter-form";
import { ItemList } from "@/components/catalogue/item-list";
import { Pagination } from "@/components/catalogue/pagination";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { filtersInput, lenientFilters } from "@/lib/catalogue/filters";
import { listItems, listPopularItems, listRegionOptions, listThemes } from "@/lib/catalogue/queries";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("catalogue"))("resultsTitle") };
}

/** Search and browse with filters; invalid filters are ignored with a notice, never an error page. */
export default async function SearchPage({ searchParams }: Props) {
  const input = filtersInput(await searchParams);
  const { filters, ignored } = lenientFilters(input);
  const t = await getTranslations();
  const [regions, themes] = await Promise.all([listRegionOptions(), listThemes()]);
  const hasCriteria = Object.keys(input).some((key) => key !== "page" && key !== "pageSize" && key !== "sort" && !ignored.includes(key));
  const result = hasCriteria ? await listItems(filters) : null;
  const popular = !result || result.total === 0 ? await listPopularItems(6) : [];
  const query = filters.q ?? "";
  const keep = new URLSearchParams(Object.entries(input).filter(([key]) => key !== "page" && !ignored.includes(key)));
  return (
    <>
      <Breadcrumbs items={[{ href: "/", label: t("nav.home") }, { label: t("catalogue.resultsTitle") }]} />
      <h1 className="mb-4 text-2xl font-bold">{t("catalogue.resultsTitle")}</h1>
      <FilterForm filters={filters} regions={regions} themes={themes} />
      <div className="mt-6" aria-live="polite">
        {ignored.length > 0 && (
          <p role="status" className="mb-3 rounded border-2 border-accent-600 p-3">
            {t("filters.ignored", { names: ignored.join(", ") })}
          </p>
        )}
        {!result && <p>{t("catalogue.emptyQuery")}</p>}
        {result && result.total > 0 && (
          <p className="mb-2 font-semibold">{query ? t("catalogue.resultsFor", { query, total: result.total }) : t("catalogue.total", { total: result.total })}</p>
        )}
        {result && result.total === 0 && <p className="mb-2">{query ? t("catalogue.noResults", { query }) : t("catalogue.noResultsFiltered")}</p>}
      </div>
      {result && result.total > 0 && (
        <>
          <ItemList items={result.items} />
          <Pagination
            page={result.page}
            total={result.total}
            pageSize={result.pageSize}
            hrefFor={(page) => {
              const params = new URLSearchParams(keep);
              params.set("page", String(page));
              return `/search?${params.toString()}`;
            }}
          />
        </>
      )}
      {popular.length > 0 && (
        <section aria-labelledby="popular" className="mt-8">
          <h2 id="popular" className="mb-3 text-xl font-bold">
            {t("portal.popularTitle")}
          </h2>
          <ItemList items={popular} />
        </section>
      )}
    </>
  );
}
