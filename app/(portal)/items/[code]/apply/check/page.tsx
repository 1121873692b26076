import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { missingMaterials } from "@/lib/applications/submit";
import { computeVisibility } from "@/lib/forms/compile";
import { localizedName } from "@/lib/i18n/localized";
import { loadDraft } from "../_lib";
import { AnswerList } from "../_components/answer-list";
import { SubmitPanel } from "../_components/submit-panel";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("applications"))("check.title") };
}

/** Check your answers: every step with change links, the materials, the declaration, submit. */
export default async function CheckPage({ params }: Props) {
  const { code } = await params;
  const { draft } = await loadDraft(code, `/items/${encodeURIComponent(code)}/apply/check`);
  if (!draft) redirect(`/items/${encodeURIComponent(code)}/apply`);
  if (draft.status !== "DRAFT") notFound();
  const [t, locale] = await Promise.all([getTranslations("applications"), getLocale()]);
  const base = `/items/${encodeURIComponent(code)}/apply`;
  const fileNames = new Map(draft.files.map((file) => [file.fileId, file.name]));
  // Materials uploaded through a file field are listed with that field's step above; only the others here (issue 18:
  // the check page listed materials twice).
  const boundMaterials = new Set(
    draft.definition.steps.flatMap((step) =>
      step.fields.flatMap((field) => (field.type === "file" ? [field.materialCode] : [])),
    ),
  );
  const otherMaterials = draft.materials.filter((material) => !boundMaterials.has(material.code));
  const missing = missingMaterials(
    {
      definition: draft.definition,
      materials: draft.materials,
      situations: draft.situations,
      promised: draft.promised,
    },
    draft.files,
  );
  const problems = Object.keys(missing).map((path) => {
    const materialCode = path.slice("materials.".length);
    return {
      href: `${base}/materials#material-${materialCode}`,
      text: t("errors.materialMissingNamed", {
        name: draft.materials.find((material) => material.code === materialCode)?.name ?? materialCode,
      }),
    };
  });
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/items/${encodeURIComponent(code)}`, label: localizedName(locale, draft.item) },
          { href: base, label: t("apply.title") },
          { label: t("check.title") },
        ]}
      />
      <h1 className="mb-6 text-2xl font-bold">{t("check.title")}</h1>
      <AnswerList
        definition={draft.definition}
        answers={draft.answers}
        visible={computeVisibility(draft.definition, draft.answers)}
        locale={locale}
        fileNames={fileNames}
        changeHref={(stepId) => `${base}?step=${encodeURIComponent(stepId)}`}
        labels={{ change: t("check.change"), empty: t("check.empty"), row: (index) => t("check.row", { index }) }}
      />
      {otherMaterials.length > 0 && (
        <section aria-labelledby="check-materials" className="mt-6">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="check-materials" className="text-xl font-semibold">
              {t("materials.title")}
            </h2>
            <a href={`${base}/materials`} className="text-brand-700 underline underline-offset-4">
              {t("check.change")}
              <span className="sr-only">：{t("materials.title")}</span>
            </a>
          </div>
          <dl className="grid grid-cols-1 border-t border-line sm:grid-cols-[14rem_1fr]">
            {otherMaterials.map((material) => (
              <div key={material.code} className="contents">
                <dt className="border-b border-line bg-surface px-3 py-2 font-semibold">{material.name}</dt>
                <dd className="border-b border-line px-3 py-2 break-all">
                  {material.files.length > 0 ? material.files.map((file) => file.name).join("、") : t("check.noFiles")}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <div className="mt-8">
        <SubmitPanel applicationId={draft.id} itemCode={code} problems={problems} />
      </div>
    </>
  );
}
