import { licenceTypeOptions } from "@/lib/results/licence-types";
import Link from "next/link";
import { StepUpNotice } from "@/components/form/step-up-notice";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { GuideChanges } from "@/components/catalogue-admin/guide-changes";
import { DataTable } from "@/components/ui/data-table";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import type { GuideContentInput } from "@/lib/catalogue/guide-content";
import { listThemeOptions, listRegionOptions } from "@/lib/catalogue/admin-options";
import { getItemForEditing, getVersionWithDiff } from "@/lib/catalogue/versions";
import { isAppError } from "@/lib/errors";
import { isId, pathSegment } from "@/lib/http/params";
import { localizedName } from "@/lib/i18n/localized";
import { guideChangeRows } from "../guide-change-rows";
import { EditorClient } from "./editor-client";
import { DiscardButton, ReviewActions, StartDraftButton } from "./version-actions";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("catalogueAdmin"))("editTitle") };
}

async function load(actor: Awaited<ReturnType<typeof requirePermission>>, code: string) {
  try {
    return await getItemForEditing(actor, code);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}

/** One item's versions: the open draft in the editor, a version in review with its changes, or the history. */
export default async function EditItemPage({ params }: Props) {
  // A segment that does not decode, or is not an item code (NUL, 3 000 characters), names no item.
  const code = pathSegment((await params).code);
  if (!isId("itemCode", code)) notFound();
  const actor = await requirePermission("catalogue.items.manage", `/admin/items/${encodeURIComponent(code)}/edit`);
  const { item, open, history, staff } = await load(actor, code);
  const t = await getTranslations("catalogueAdmin");
  const locale = await getLocale();
  const review = open?.status === "IN_REVIEW" ? await getVersionWithDiff(actor, code, open.number) : null;
  const [themes, regions, licenceTypes] =
    open?.status === "DRAFT"
      ? await Promise.all([listThemeOptions(locale), listRegionOptions(), licenceTypeOptions(locale)])
      : [[], [], []];
  const ownWork = open ? [open.createdById, open.updatedById, open.submittedById].includes(actor.userId) : false;
  const name = (id: string | null) => (id ? (staff[id] ?? "—") : t("versions.system"));

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link href="/admin/items" className="text-brand-700 underline underline-offset-4">
          {t("backToItems")}
        </Link>
      </nav>
      <header>
        <h1 className="text-2xl font-bold">{localizedName(locale, item)}</h1>
        <p className="text-ink-muted">
          {item.implementationCode} · {localizedName(locale, item.department)} · {localizedName(locale, item.region)} ·{" "}
          {t(`itemStatus.${item.status}`)}
          {item.version > 0 && <> · {t("versions.liveVersion", { number: item.version })}</>}
        </p>
        {item.status !== "DRAFT" && (
          <p>
            <Link
              href={`/items/${encodeURIComponent(item.implementationCode)}`}
              className="text-brand-700 underline underline-offset-4"
            >
              {t("viewPublic")}
            </Link>
          </p>
        )}
      </header>

      {review && <StepUpNotice actor={actor} returnTo={`/admin/items/${encodeURIComponent(code)}/edit`} />}

      {open?.status === "DRAFT" && (
        <>
          <p className="rounded bg-surface p-3">{t("versions.editingDraft", { number: open.number })}</p>
          {open.reviewNote && (
            <div role="note" className="rounded border-2 border-accent-600 p-3">
              <p className="font-semibold">{t("versions.returnedWithNote")}</p>
              <p className="whitespace-pre-wrap">{open.reviewNote}</p>
            </div>
          )}
          <EditorClient
            code={item.implementationCode}
            versionId={open.id}
            revision={open.revision}
            content={open.content as GuideContentInput}
            themes={themes}
            licenceTypes={licenceTypes}
            regions={regions}
          />
          {item.status !== "DRAFT" && <DiscardButton code={item.implementationCode} versionId={open.id} />}
        </>
      )}

      {open?.status === "IN_REVIEW" && review && (
        <>
          <p className="rounded bg-surface p-3">
            {t("versions.inReview", { number: open.number, name: name(open.submittedById) })}
          </p>
          <GuideChanges
            rows={await guideChangeRows(review, locale)}
            caption={
              review.baseNumber
                ? t("versions.changesAgainst", { number: review.baseNumber })
                : t("versions.firstVersion")
            }
          />
          <ReviewActions code={item.implementationCode} versionId={open.id} ownWork={ownWork} />
        </>
      )}

      {!open && <StartDraftButton code={item.implementationCode} />}

      <section aria-labelledby="history-title" className="flex flex-col gap-2">
        <h2 id="history-title" className="text-xl font-bold">
          {t("versions.history")}
        </h2>
        <DataTable
          caption={t("versions.historyCaption")}
          columns={[
            t("versions.number"),
            t("versions.status"),
            t("versions.editedBy"),
            t("versions.publishedBy"),
            t("versions.summary"),
            t("versions.details"),
          ]}
          rows={history.map((version) => [
            `v${version.number}`,
            t(`versionStatus.${version.status}`),
            `${name(version.updatedById ?? version.createdById)} · ${version.updatedAt.toLocaleString(locale, { timeZone: CHINA_TIME_ZONE })}`,
            version.publishedAt
              ? `${name(version.publishedById)} · ${version.publishedAt.toLocaleString(locale, { timeZone: CHINA_TIME_ZONE })}`
              : "—",
            version.summary?.startsWith("rollback:")
              ? t("versions.rollbackOf", { number: version.summary.slice(9) })
              : version.summary === "baseline"
                ? t("versions.baseline")
                : (version.summary ?? ""),
            <Link
              key="link"
              href={`/admin/items/${encodeURIComponent(item.implementationCode)}/versions/${version.number}`}
              className="text-brand-700 underline underline-offset-4"
            >
              {t("versions.viewChanges", { number: version.number })}
            </Link>,
          ])}
        />
      </section>
    </div>
  );
}
