import { getTranslations } from "next-intl/server";
import { StepUpNotice } from "@/components/form/step-up-notice";
import { requirePermission } from "@/app/_lib/guard";
import { EXPORT_FORMATS } from "@/lib/catalogue/import/types";
import { ImportForm } from "./import-form";

export async function generateMetadata() {
  return { title: (await getTranslations("catalogueImport.page"))("title") };
}

/** Bulk import of items and guides (check first, then import all or nothing) and the full export. */
export default async function ImportPage() {
  const actor = await requirePermission("catalogue.import", "/admin/import");
  const t = await getTranslations("catalogueImport.page");
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
        <p className="text-ink-muted">{t("intro")}</p>
      </header>
      <StepUpNotice actor={actor} returnTo="/admin/import" />
      <ImportForm />
      <section aria-labelledby="export-title" className="flex flex-col gap-2">
        <h2 id="export-title" className="text-xl font-bold">
          {t("exportTitle")}
        </h2>
        <p className="text-ink-muted">{t("exportIntro")}</p>
        <ul className="flex flex-wrap gap-4">
          {EXPORT_FORMATS.map((format) => (
            <li key={format}>
              <a
                href={`/admin/import/export?format=${format}`}
                className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
                download
              >
                {t("exportLink", { format: format.toUpperCase() })}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
