import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { localizedName } from "@/lib/i18n/localized";
import { listThemes } from "@/lib/reference/themes";
import { EntityForm } from "../../_reference/entity-form";
import { saveThemeAction } from "../actions";
import { themeFields } from "../fields";

export async function generateMetadata() {
  return { title: (await getTranslations("reference.themes"))("editTitle") };
}

export default async function EditTheme({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const actor = await requirePermission("admin.structure.manage", `/admin/themes/${code}`);
  const theme = (await listThemes(actor)).find((row) => row.code === code);
  if (!theme) notFound();
  const t = await getTranslations("reference");
  const locale = await getLocale();
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/themes" className="text-brand-700 underline underline-offset-4">
          {t("themes.back")}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">
        {t("themes.editTitle")}：{localizedName(locale, theme)}
      </h1>
      <div className="max-w-3xl">
        <EntityForm
          action={saveThemeAction}
          fields={themeFields(t, { codeEditable: false })}
          initial={{
            mode: "update",
            code: theme.code,
            name: theme.name,
            nameEn: theme.nameEn,
            audience: theme.audience,
            featured: String(theme.featured),
          }}
          submitLabel={t("save")}
        />
      </div>
    </>
  );
}
