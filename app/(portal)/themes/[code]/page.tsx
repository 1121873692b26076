import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ItemList } from "@/components/catalogue/item-list";
import { Pagination } from "@/components/catalogue/pagination";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { findTheme, listItems } from "@/lib/catalogue/queries";
import { CatalogueFilters } from "@/lib/catalogue/filters";
import { chosenRegion } from "@/app/_lib/region";
import { pageParam } from "@/lib/http/params";
import { localizedName } from "@/lib/i18n/localized";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const theme = await findTheme((await params).code);
  return theme ? { title: localizedName(await getLocale(), theme) } : {};
}

export default async function ThemePage({ params, searchParams }: Props) {
  const { code } = await params;
  const theme = await findTheme(code);
  if (!theme) notFound();
  const page = pageParam((await searchParams).page);
  const region = await chosenRegion();
  const result = await listItems(CatalogueFilters.parse({ theme: theme.code, page, ...(region ? { region } : {}) }));
  const t = await getTranslations();
  const name = localizedName(await getLocale(), theme);
  const audienceAnchor = theme.audience === "PERSONAL" ? "/#personal" : "/#corporate";
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/", label: t("nav.home") },
          { href: audienceAnchor, label: t(`catalogue.themeAudience${theme.audience}`) },
          { label: name },
        ]}
      />
      <h1 className="mb-2 text-2xl font-bold">{name}</h1>
      <p className="mb-4 font-semibold">{t("catalogue.total", { total: result.total })}</p>
      <ItemList items={result.items} />
      <Pagination
        page={result.page}
        total={result.total}
        pageSize={result.pageSize}
        hrefFor={(p) => `/themes/${code}?page=${p}`}
      />
    </>
  );
}
