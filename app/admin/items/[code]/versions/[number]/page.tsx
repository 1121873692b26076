import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { GuideChanges } from "@/components/catalogue-admin/guide-changes";
import { getVersionWithDiff } from "@/lib/catalogue/versions";
import { isAppError } from "@/lib/errors";
import { isId, pathSegment } from "@/lib/http/params";
import { RollbackForm } from "../../edit/version-actions";
import { guideChangeRows } from "../../guide-change-rows";

type Props = { params: Promise<{ code: string; number: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("catalogueAdmin"))("versions.versionTitle") };
}

/** One version: what changed against the version it was based on, and (for earlier versions) rollback. */
export default async function VersionPage({ params }: Props) {
  const { code: rawCode, number: rawNumber } = await params;
  const code = pathSegment(rawCode);
  const number = Number(rawNumber);
  if (!isId("itemCode", code) || !Number.isSafeInteger(number) || number < 1) notFound();
  const actor = await requirePermission(
    "catalogue.items.manage",
    `/admin/items/${encodeURIComponent(code)}/versions/${number}`,
  );
  const t = await getTranslations("catalogueAdmin");
  let found;
  try {
    found = await getVersionWithDiff(actor, code, number);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
  const { version, baseNumber } = found;
  const rows = await guideChangeRows(found, await getLocale());
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link
          href={`/admin/items/${encodeURIComponent(code)}/edit`}
          className="text-brand-700 underline underline-offset-4"
        >
          {t("backToItem")}
        </Link>
      </nav>
      <h1 className="text-2xl font-bold">
        {t("versions.versionHeading", { number: version.number, status: t(`versionStatus.${version.status}`) })}
      </h1>
      {version.reviewNote && <p className="rounded bg-surface p-3 whitespace-pre-wrap">{version.reviewNote}</p>}
      <GuideChanges
        rows={rows}
        caption={baseNumber ? t("versions.changesAgainst", { number: baseNumber }) : t("versions.firstVersion")}
      />
      {version.status === "SUPERSEDED" && <RollbackForm code={code} number={version.number} />}
    </div>
  );
}
