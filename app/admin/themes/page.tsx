import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { can } from "@/lib/auth/policy";
import { localizedName } from "@/lib/i18n/localized";
import { listThemes } from "@/lib/reference/themes";
import { EntityForm } from "../_reference/entity-form";
import { DoneNotice } from "../_reference/notices";
import { moveThemeAction, saveThemeAction } from "./actions";
import { themeFields } from "./fields";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("reference.themes"))("title") };
}

export default async function AdminThemes({ searchParams }: Props) {
  const actor = await requirePermission("admin.structure.view", "/admin/themes");
  const params = await searchParams;
  const themes = await listThemes(actor);
  const manage = can(actor, "admin.structure.manage");
  const t = await getTranslations("reference");
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("themes.title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("themes.intro")}</p>
      <DoneNotice done={params.done} />
      {(["PERSONAL", "CORPORATE"] as const).map((audience) => {
        const group = themes.filter((theme) => theme.audience === audience);
        return (
          <section key={audience} className="mb-6">
            <DataTable
              caption={t(`themes.audiences.${audience}`)}
              columns={[
                t("themes.name"),
                t("themes.code"),
                t("themes.items"),
                t("themes.featured"),
                ...(manage ? [t("actions")] : []),
              ]}
              rows={group.map((theme, index) => {
                const name = localizedName(locale, theme);
                return [
                  name,
                  <code key="code">{theme.code}</code>,
                  theme._count.items,
                  theme.featured ? t("themes.featuredYes") : t("themes.featuredNo"),
                  ...(manage
                    ? [
                        <div key="actions" className="flex flex-wrap items-start gap-2">
                          <Link
                            href={`/admin/themes/${theme.code}`}
                            className="relative inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
                          >
                            {t("edit")}
                            <span className="sr-only">：{name}</span>
                          </Link>
                          {index > 0 && (
                            <EntityForm
                              action={moveThemeAction}
                              inline
                              variant="secondary"
                              fields={[
                                { name: "code", label: "", type: "hidden" },
                                { name: "direction", label: "", type: "hidden" },
                              ]}
                              initial={{ code: theme.code, direction: "up" }}
                              submitLabel={t("themes.up")}
                              srSuffix={name}
                            />
                          )}
                          {index < group.length - 1 && (
                            <EntityForm
                              action={moveThemeAction}
                              inline
                              variant="secondary"
                              fields={[
                                { name: "code", label: "", type: "hidden" },
                                { name: "direction", label: "", type: "hidden" },
                              ]}
                              initial={{ code: theme.code, direction: "down" }}
                              submitLabel={t("themes.down")}
                              srSuffix={name}
                            />
                          )}
                        </div>,
                      ]
                    : []),
                ];
              })}
            />
          </section>
        );
      })}
      {manage && (
        <section aria-labelledby="new-theme" className="mt-8 max-w-3xl">
          <h2 id="new-theme" className="mb-2 text-xl font-bold">
            {t("themes.new")}
          </h2>
          <EntityForm
            action={saveThemeAction}
            fields={themeFields(t, { codeEditable: true })}
            initial={{ mode: "create", audience: "PERSONAL", featured: "false" }}
            submitLabel={t("create")}
          />
        </section>
      )}
    </>
  );
}
