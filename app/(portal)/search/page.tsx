import { getTranslations } from "next-intl/server";
import { ItemList } from "@/components/catalogue/item-list";
import { Pagination } from "@/components/catalogue/pagination";
import { SearchBox } from "@/components/catalogue/search-box";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { MAX_QUERY_LENGTH } from "@/lib/catalogue/limits";
import { listPopularItems, searchItems } from "@/lib/catalogue/queries";
import { pageParam, textParam } from "@/lib/http/params";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("catalogue"))("resultsTitle") };
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = textParam(params.q, MAX_QUERY_LENGTH).trim();
  const page = pageParam(params.page);
  const t = await getTranslations();
  const result = query ? await searchItems(query, page) : null;
  const popular = !result || result.total === 0 ? await listPopularItems(6) : [];
  return (
    <>
      <Breadcrumbs items={[{ href: "/", label: t("nav.home") }, { label: t("catalogue.resultsTitle") }]} />
      <h1 className="mb-4 text-2xl font-bold">{t("catalogue.resultsTitle")}</h1>
      <SearchBox defaultValue={query} />
      <div className="mt-6" aria-live="polite">
        {!result && <p>{t("catalogue.emptyQuery")}</p>}
        {result && result.total > 0 && <p className="mb-2 font-semibold">{t("catalogue.resultsFor", { query, total: result.total })}</p>}
        {result && result.total === 0 && <p className="mb-2">{t("catalogue.noResults", { query })}</p>}
      </div>
      {result && result.total > 0 && (
        <>
          <ItemList items={result.items} />
          <Pagination page={result.page} total={result.total} pageSize={result.pageSize} hrefFor={(p) => `/search?q=${encodeURIComponent(query)}&page=${p}`} />
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
