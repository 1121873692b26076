import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { listDepartmentsWithItems } from "@/lib/catalogue/queries";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("departments") };
}

export default async function DepartmentsPage() {
  const t = await getTranslations();
  const locale = await getLocale();
  const departments = await listDepartmentsWithItems();
  const byRegion = new Map<string, typeof departments>();
  for (const department of departments) {
    const key = localizedName(locale, department.region);
    byRegion.set(key, [...(byRegion.get(key) ?? []), department]);
  }
  return (
    <>
      <Breadcrumbs items={[{ href: "/", label: t("nav.home") }, { label: t("nav.departments") }]} />
      <h1 className="mb-6 text-2xl font-bold">{t("nav.departments")}</h1>
      {[...byRegion.entries()].map(([region, list]) => (
        <section key={region} aria-labelledby={`region-${list[0]?.region.code}`} className="mb-8">
          <h2 id={`region-${list[0]?.region.code}`} className="mb-2 text-xl font-semibold">
            {region}
          </h2>
          <ul className="grid grid-cols-1 gap-1 sm:grid-cols-2 lg:grid-cols-3">
            {list.map((department) => (
              <li key={department.code}>
                <Link
                  href={`/departments/${department.code}`}
                  className="block min-h-11 rounded px-2 py-2 text-brand-700 underline underline-offset-4 hover:bg-surface"
                >
                  {localizedName(locale, department)}
                  <span className="ml-2 text-sm text-ink-muted no-underline">
                    {t("portal.itemCount", { count: department._count.serviceItems })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
