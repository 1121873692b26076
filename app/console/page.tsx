import { getLocale, getTranslations } from "next-intl/server";
import { ItemList } from "@/components/catalogue/item-list";
import { requirePermission } from "@/app/_lib/guard";
import { getConsoleHome } from "@/lib/console/queries";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("console"))("title") };
}

export default async function ConsoleHome() {
  const actor = await requirePermission("console.access", "/console");
  const home = await getConsoleHome(actor);
  const t = await getTranslations();
  const locale = await getLocale();
  if (!home) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("console.title")}</h1>
        <p>{t("console.noDepartment")}</p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">{t("console.title")}</h1>
      <p className="mb-6 text-ink-muted">
        {t("console.department")}：{localizedName(locale, home.department)}（{localizedName(locale, home.department.region)}）
      </p>
      <section aria-labelledby="items-title">
        <h2 id="items-title" className="mb-2 text-xl font-semibold">
          {t("console.itemsTitle")}
        </h2>
        <p className="mb-3">{t("console.itemsIntro", { count: home.items.length })}</p>
        <ItemList items={home.items} />
      </section>
      <section aria-labelledby="staff-title" className="mt-8">
        <h2 id="staff-title" className="mb-2 text-xl font-semibold">
          {t("console.staffTitle")}
        </h2>
        <ul className="list-disc pl-6">
          {home.staff.map((member) => (
            <li key={member.id}>
              {member.realName}（{t(`roles.${member.role}`)}）
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
