import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DepartmentLinks } from "@/components/catalogue/department-links";
import { ItemList } from "@/components/catalogue/item-list";
import { Pagination } from "@/components/catalogue/pagination";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { CatalogueFilters } from "@/lib/catalogue/filters";
import { findRegion, listDepartmentsWithItems, listItems } from "@/lib/catalogue/queries";
import { pageParam } from "@/lib/http/params";
import { localizedName } from "@/lib/i18n/localized";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const region = await findRegion((await params).code);
  return region ? { title: localizedName(await getLocale(), region) } : {};
}

/** A region's page: the areas within it, its departments, and every item implemented in its scope. */
export default async function RegionPage({ params, searchParams }: Props) {
  const { code } = await params;
  const region = /^\d{12}$/.test(code) ? await findRegion(code) : null;
  if (!region) notFound();
  const page = pageParam((await searchParams).page);
  const [result, departments] = await Promise.all([
    listItems(CatalogueFilters.parse({ region: code, page })),
    listDepartmentsWithItems(code),
  ]);
  const t = await getTranslations();
  const locale = await getLocale();
  const name = localizedName(locale, region);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/", label: t("nav.home") },
          ...(region.parent
            ? [{ href: `/regions/${region.parent.code}`, label: localizedName(locale, region.parent) }]
            : []),
          { label: name },
        ]}
      />
      <h1 className="mb-4 text-2xl font-bold">{name}</h1>
      {region.children.length > 0 && (
        <section aria-labelledby="sub-regions" className="mb-6">
          <h2 id="sub-regions" className="mb-2 text-xl font-semibold">
            {t("region.subRegions")}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {region.children.map((child) => (
              <li key={child.code}>
                <Link
                  href={`/regions/${child.code}`}
                  className="inline-block min-h-11 rounded border border-line px-4 py-2.5 text-brand-700 hover:bg-surface"
                >
                  {localizedName(locale, child)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="region-departments" className="mb-6">
        <h2 id="region-departments" className="mb-2 text-xl font-semibold">
          {t("region.departments")}
        </h2>
        <DepartmentLinks departments={departments} />
      </section>
      <section aria-labelledby="region-items">
        <h2 id="region-items" className="mb-2 text-xl font-semibold">
          {t("region.items")}
        </h2>
        <p className="mb-2 font-semibold">{t("catalogue.total", { total: result.total })}</p>
        <ItemList items={result.items} />
        <Pagination
          page={result.page}
          total={result.total}
          pageSize={result.pageSize}
          hrefFor={(p) => `/regions/${code}?page=${p}`}
        />
      </section>
    </>
  );
}
