import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Pagination } from "@/components/catalogue/pagination";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { DataTable } from "@/components/ui/data-table";
import { CATALOGUE_PAGE_SIZE, listCatalogItems } from "@/lib/catalogue/basic-catalogue";
import { pageParam, textParam } from "@/lib/http/params";
import { localizedName } from "@/lib/i18n/localized";
import { CatalogItemForm } from "./catalog-item-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("catalogueAdmin.basic"))("title") };
}

/** The basic catalogue: find, add and edit entries (platform administrators). */
export default async function BasicCataloguePage({ searchParams }: Props) {
  const actor = await requirePermission("catalogue.basic.manage", "/admin/catalogue");
  const params = await searchParams;
  const page = pageParam(params.page);
  const q = textParam(params.q, 50);
  const editing = typeof params.edit === "string" ? params.edit : null;
  const { total, items } = await listCatalogItems(actor, { page, q });
  const t = await getTranslations();
  const locale = await getLocale();
  const current = editing ? (items.find((item) => item.id === editing) ?? null) : null;
  const href = (extra: Record<string, string>) =>
    `/admin/catalogue?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page), ...extra })}`;
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="mb-2 text-2xl font-bold">{t("catalogueAdmin.basic.title")}</h1>
        <p className="text-ink-muted">{t("catalogueAdmin.basic.intro")}</p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <div className="flex flex-col gap-1">
          <label htmlFor="catalogue-q" className="font-semibold">
            {t("catalogueAdmin.basic.search")}
          </label>
          <Input id="catalogue-q" name="q" defaultValue={q} maxLength={50} />
        </div>
        <Button type="submit" variant="secondary">
          {t("catalogueAdmin.basic.searchButton")}
        </Button>
      </form>
      {current ? (
        <>
          <CatalogItemForm initial={{ ...current, nameEn: current.nameEn }} />
          <Link href={href({})} className="text-brand-700 underline underline-offset-4">
            {t("catalogueAdmin.basic.cancel")}
          </Link>
        </>
      ) : (
        <CatalogItemForm initial={null} />
      )}
      <DataTable
        caption={t("catalogueAdmin.basic.total", { total })}
        columns={[
          t("catalogueAdmin.basic.code"),
          t("catalogueAdmin.basic.name"),
          t("catalogueAdmin.basic.itemType"),
          t("catalogueAdmin.basic.levels"),
          t("catalogueAdmin.basic.implementations"),
          t("admin.columns.action"),
        ]}
        rows={items.map((item) => [
          item.code,
          localizedName(locale, item),
          t(`catalogue.itemTypes.${item.itemType}`),
          item.exerciseLevels.map((level) => t(`guide.levels.${level}`)).join("、"),
          String(item._count.implementations),
          <Link key="edit" href={href({ edit: item.id })} className="text-brand-700 underline underline-offset-4">
            {t("catalogueAdmin.basic.edit")}
            <span className="sr-only">：{localizedName(locale, item)}</span>
          </Link>,
        ])}
      />
      <Pagination
        page={page}
        total={total}
        pageSize={CATALOGUE_PAGE_SIZE}
        hrefFor={(number) => href({ page: String(number) })}
      />
    </div>
  );
}
