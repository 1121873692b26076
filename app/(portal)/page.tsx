import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ItemList } from "@/components/catalogue/item-list";
import { ThemeTiles, themeGroups } from "@/components/catalogue/theme-tiles";
import { SearchBox } from "@/components/catalogue/search-box";
import { DepartmentLinks } from "@/components/catalogue/department-links";
import { RegionSwitcher } from "@/components/catalogue/region-switcher";
import { listDepartmentsWithItems, listPopularItems, listRegionOptions, listThemes } from "@/lib/catalogue/queries";
import { chosenRegion } from "@/app/_lib/region";

export default async function PortalHome() {
  const t = await getTranslations("portal");
  const tSite = await getTranslations("site");
  const region = await chosenRegion();
  const [popular, themes, departments, regions] = await Promise.all([
    listPopularItems(8, region),
    listThemes(region),
    listDepartmentsWithItems(region),
    listRegionOptions(),
  ]);
  // The chosen themes only: an imported catalogue brings a hundred more, listed on /themes.
  const groups = await themeGroups(themes.filter((theme) => theme.featured));
  // Without a chosen region, city-level bureaus first; the full list is one click away.
  const cityDepartments = region
    ? departments
    : departments.filter((department) => department.region.code.slice(4, 6) === "00");
  return (
    <>
      <section className="rounded bg-brand-50 px-4 py-8 sm:px-8">
        <h1 className="mb-2 text-2xl font-bold text-brand-900 sm:text-3xl">{tSite("name")}</h1>
        <p className="mb-5 text-ink-muted">{tSite("tagline")}</p>
        <SearchBox large />
        <div className="mt-5">
          <RegionSwitcher regions={regions} current={region} />
        </div>
      </section>

      <section aria-labelledby="popular" className="mt-10">
        <h2 id="popular" className="mb-3 text-xl font-bold">
          {t("popularTitle")}
        </h2>
        <ItemList items={popular} />
      </section>

      {groups.map((group) => (
        <section key={group.id} id={group.id} aria-labelledby={`${group.id}-title`} className="mt-10 scroll-mt-4">
          <h2 id={`${group.id}-title`} className="mb-3 text-xl font-bold">
            {group.title}
          </h2>
          <ThemeTiles themes={group.themes} />
        </section>
      ))}
      <p className="mt-3">
        <Link href="/themes" className="font-semibold text-brand-700 underline underline-offset-4">
          {t("allThemes")}
        </Link>
      </p>

      <section aria-labelledby="departments-title" className="mt-10">
        <h2 id="departments-title" className="mb-3 text-xl font-bold">
          {t("departmentsTitle")}
        </h2>
        <DepartmentLinks departments={cityDepartments.slice(0, 12)} />
        <p className="mt-3">
          <Link href="/departments" className="font-semibold text-brand-700 underline underline-offset-4">
            {t("allDepartments")}
          </Link>
        </p>
      </section>
    </>
  );
}
