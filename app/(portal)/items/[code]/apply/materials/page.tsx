import { env } from "@/lib/env";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { listLocker } from "@/lib/applications/files";
import { localizedName } from "@/lib/i18n/localized";
import { loadDraft } from "../_lib";
import { MaterialsChecklist } from "../_components/materials-checklist";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("applications"))("materials.title") };
}

/** The material checklist of the item's guide, with uploads, previews and the locker. */
export default async function MaterialsPage({ params }: Props) {
  const { code } = await params;
  const { actor, draft } = await loadDraft(code, `/items/${encodeURIComponent(code)}/apply/materials`);
  if (!draft) redirect(`/items/${encodeURIComponent(code)}/apply`);
  if (draft.status !== "DRAFT") notFound();
  const [t, locale, locker] = await Promise.all([getTranslations("applications"), getLocale(), listLocker(actor)]);
  const nameOf = new Map(draft.materials.map((material) => [material.code, material.name]));
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/items/${encodeURIComponent(code)}`, label: localizedName(locale, draft.item) },
          { href: `/items/${encodeURIComponent(code)}/apply`, label: t("apply.title") },
          { label: t("materials.title") },
        ]}
      />
      <h1 className="mb-2 text-2xl font-bold">{t("materials.title")}</h1>
      <p className="mb-6 max-w-3xl">{t("materials.intro")}</p>
      <MaterialsChecklist
        maxMb={env().UPLOAD_MAX_MB}
        itemCode={code}
        applicationId={draft.id}
        materials={draft.materials.map((material) => ({
          code: material.code,
          name: material.name,
          necessity: material.necessity,
          condition: material.condition,
          source: material.source,
          sourceNote: material.sourceNote,
          fillingNotes: material.fillingNotes,
          files: material.files,
        }))}
        situations={draft.situations.map((situation) => ({
          name: situation.name,
          materialNames: situation.materialCodes.map((materialCode) => nameOf.get(materialCode) ?? materialCode),
        }))}
        locker={locker.map((entry) => ({
          fileId: entry.fileId,
          name: entry.name,
          size: entry.size,
          contentType: entry.contentType,
          trust: entry.trust,
          licenceName: entry.licence?.name ?? null,
        }))}
      />
    </>
  );
}
