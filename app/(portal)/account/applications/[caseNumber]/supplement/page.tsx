import { env } from "@/lib/env";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { getSupplementRequest } from "@/lib/applications/cases";
import { type FormDefinition, localize } from "@/lib/forms/definition";
import { SupplementForm } from "./supplement-form";

type Props = { params: Promise<{ caseNumber: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("applications"))("supplement.title") };
}

/** The one-time list (一次性告知) and a form with only the listed answers and materials. */
export default async function SupplementPage({ params }: Props) {
  const { caseNumber } = await params;
  const actor = await requirePermission("portal.account", `/account/applications/${caseNumber}/supplement`);
  const request = await getSupplementRequest(actor, caseNumber).catch(() => notFound());
  const [t, locale] = await Promise.all([getTranslations("applications"), getLocale()]);
  const editable = new Set(request.editableFields);
  // The listed answers as one step, shown unconditionally (the clerk asked for them); file fields are the materials below.
  const fields = request.definition.steps
    .flatMap((step) => step.fields)
    .filter((field) => editable.has(field.key) && field.type !== "file")
    .map((field) => ({ ...field, visibleWhen: undefined }));
  const fieldLabel = (path: string) => {
    const field = request.definition.steps
      .flatMap((step) => step.fields)
      .find((candidate) => candidate.key === path.split(".")[0]);
    return field ? localize(field.label, locale) : null;
  };
  const definition: FormDefinition | null =
    fields.length > 0
      ? { version: 1, steps: [{ id: "supplement", title: { zh: "需补正的内容", en: "What to correct" }, fields }] }
      : null;
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/account/applications", label: t("mine.title") },
          { href: `/account/applications/${caseNumber}`, label: caseNumber },
          { label: t("supplement.title") },
        ]}
      />
      <h1 className="mb-4 text-2xl font-bold">{t("supplement.title")}</h1>
      <section aria-labelledby="list-title" className="mb-6 max-w-2xl rounded border-4 border-accent-600 p-4">
        <h2 id="list-title" className="text-lg font-semibold">
          {t("supplement.list")}
        </h2>
        <ul className="mt-2 list-disc pl-6">
          {request.list.map((entry, index) => (
            <li key={index}>
              {entry.materialCode && (
                <strong>
                  {request.materials.find((material) => material.code === entry.materialCode)?.name ??
                    entry.materialCode}
                  ：
                </strong>
              )}
              {!entry.materialCode && entry.field && fieldLabel(entry.field) && (
                <strong>{fieldLabel(entry.field)}：</strong>
              )}
              {entry.note}
            </li>
          ))}
        </ul>
        {request.reason && <p className="mt-2">{request.reason}</p>}
        <p className="mt-2 text-sm">{t("supplement.onlyListed")}</p>
      </section>
      <SupplementForm
        maxMb={env().UPLOAD_MAX_MB}
        caseNumber={caseNumber}
        version={request.version}
        locale={locale}
        definition={definition}
        answers={request.answers}
        materials={request.editableMaterials.map((code) => ({
          code,
          name: request.materials.find((material) => material.code === code)?.name ?? code,
          files: request.files
            .filter((file) => file.materialCode === code)
            .map((file) => ({
              fileId: file.fileId,
              name: file.name,
              size: file.size,
              contentType: "",
              trust: file.trust,
            })),
        }))}
      />
    </>
  );
}
