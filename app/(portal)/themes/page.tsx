import { getTranslations } from "next-intl/server";
import { ThemeTiles, themeGroups } from "@/components/catalogue/theme-tiles";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { chosenRegion } from "@/app/_lib/region";
import { listThemes } from "@/lib/catalogue/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("portal"))("allThemes") };
}

/** Every theme that has services (in the chosen region), by audience; the home page shows the chosen few. */
export default async function AllThemesPage() {
  const t = await getTranslations();
  const themes = (await listThemes(await chosenRegion())).filter((theme) => theme._count.items > 0);
  const groups = (await themeGroups(themes)).filter((group) => group.themes.length > 0);
  return (
    <>
      <Breadcrumbs items={[{ href: "/", label: t("nav.home") }, { label: t("portal.allThemes") }]} />
      <h1 className="mb-6 text-2xl font-bold">{t("portal.allThemes")}</h1>
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`${group.id}-title`} className="mb-8">
          <h2 id={`${group.id}-title`} className="mb-3 text-xl font-bold">
            {group.title}
            <span className="ml-2 text-base font-normal text-ink-muted">
              {t("portal.themeCount", { count: group.themes.length })}
            </span>
          </h2>
          <ThemeTiles themes={group.themes} />
        </section>
      ))}
    </>
  );
}
