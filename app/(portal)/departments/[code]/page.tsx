import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ItemList } from "@/components/catalogue/item-list";
import { Pagination } from "@/components/catalogue/pagination";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { findDepartment, listItems } from "@/lib/catalogue/queries";
import { CatalogueFilters } from "@/lib/catalogue/filters";
import { pageParam } from "@/lib/http/params";
import { localizedName } from "@/lib/i18n/localized";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const department = await findDepartment((await params).code);
  return department ? { title: localizedName(await getLocale(), department) } : {};
}

export default async function DepartmentPage({ params, searchParams }: Props) {
  const { code } = await params;
  const department = await findDepartment(code);
  if (!department) notFound();
  const page = pageParam((await searchParams).page);
  const result = await listItems(CatalogueFilters.parse({ department: department.code, page }));
  const t = await getTranslations();
  const locale = await getLocale();
  const name = localizedName(locale, department);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/", label: t("nav.home") },
          { href: "/departments", label: t("nav.departments") },
          { label: name },
        ]}
      />
      <h1 className="mb-2 text-2xl font-bold">{name}</h1>
      <p className="mb-6 text-ink-muted">
        {t("catalogue.departmentContact", {
          address: department.address ?? "—",
          phone: department.phone ?? "—",
          hours: department.officeHours ?? "—",
        })}
      </p>
      <p className="mb-2 font-semibold">{t("catalogue.total", { total: result.total })}</p>
      <ItemList items={result.items} />
      <Pagination
        page={result.page}
        total={result.total}
        pageSize={result.pageSize}
        hrefFor={(p) => `/departments/${code}?page=${p}`}
      />
    </>
  );
}
