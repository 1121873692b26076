import Link from "next/link";
import { Suspense } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { reachesEveryDepartment } from "@/lib/auth/policy";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { isAppError } from "@/lib/errors";
import { localizedName } from "@/lib/i18n/localized";
import { firstValues } from "@/lib/statistics/filters";
import {
  dashboardFigures,
  departmentBreakdown,
  departmentOptions,
  regionOptions,
  resolveSlice,
  type Slice,
  workingDaysPercentiles,
} from "@/lib/supervision/dashboard";
import { RECTIFICATION_FIGURES } from "@/lib/supervision/rectification-figures";
import { pendingSupplementApprovals } from "@/lib/cases/supplement-approval";
import { ExportLinks, RangeFilterForm } from "../../../components/reports/range-filters";

export async function generateMetadata() {
  return { title: (await getTranslations("supervision.dashboard"))("title") };
}

const KEYS = ["from", "to", "region", "department"] as const;

function sliceParams(slice: Slice, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: slice.from, to: slice.to, ...extra });
  if (slice.region) params.set("region", slice.region);
  if (slice.departmentId) params.set("department", slice.departmentId);
  return params.toString();
}

/** A figure that opens the cases behind it. */
function Figure({
  label,
  value,
  detail,
  href,
  tone,
}: Readonly<{ label: string; value: string; detail?: string; href?: string; tone?: "warn" | "alert" }>) {
  const border = tone === "alert" ? "border-accent-600" : tone === "warn" ? "border-yellow-600" : "border-line";
  const body = (
    <>
      <span className="block text-sm">{label}</span>
      <span className="block text-2xl font-bold">{value}</span>
      {detail && <span className="block text-sm text-ink-muted">{detail}</span>}
    </>
  );
  return (
    <li className={`rounded border-2 ${border} bg-white p-3`}>
      {href ? (
        <Link href={href} className="block underline-offset-4 hover:underline">
          {body}
        </Link>
      ) : (
        body
      )}
    </li>
  );
}

async function Percentiles({ slice }: Readonly<{ slice: Slice }>) {
  const t = await getTranslations("supervision.dashboard");
  const format = await getFormatter();
  const result = await workingDaysPercentiles(slice);
  return (
    <Figure
      label={t("figures.p90WorkingDays")}
      value={result.p90 === null ? t("none") : format.number(result.p90)}
      detail={result.p50 === null ? undefined : `p50 ${format.number(result.p50)}`}
      href={`/admin/supervision/cases?${sliceParams(slice, { figure: "completed" })}`}
    />
  );
}

export default async function SupervisionDashboard({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("admin.access", "/admin/supervision");
  const values = firstValues(await searchParams, KEYS);
  const t = await getTranslations("supervision");
  const locale = await getLocale();
  const format = await getFormatter();
  let fieldErrors: Record<string, string> = {};
  let slice: Slice;
  try {
    slice = await resolveSlice(actor, values);
  } catch (error) {
    if (!isAppError(error) || error.code !== "VALIDATION") throw error;
    fieldErrors = error.details.fieldErrors ?? {};
    slice = await resolveSlice(actor, {});
  }
  const platformView = reachesEveryDepartment(actor, "supervision.view");
  const [figures, departments, regions, breakdown, supplementRequests] = await Promise.all([
    dashboardFigures(slice),
    departmentOptions(actor),
    regionOptions(),
    platformView && !slice.departmentId ? departmentBreakdown(slice) : Promise.resolve(null),
    pendingSupplementApprovals(actor),
  ]);
  const percent = (value: number | null) =>
    value === null ? t("dashboard.none") : format.number(value, { style: "percent", maximumFractionDigits: 1 });
  const days = (value: number | null) =>
    value === null ? t("dashboard.none") : format.number(value, { maximumFractionDigits: 1 });
  const of = (part: number, whole: number) => t("dashboard.ofTotal", { part, whole });
  const drill = (figure: string, extra: Record<string, string> = {}) =>
    `/admin/supervision/cases?${sliceParams(slice, { figure, ...extra })}`;
  const scope = slice.departmentId
    ? localizedName(locale, departments.find((department) => department.id === slice.departmentId) ?? { name: "" })
    : t("dashboard.scopePlatform");

  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">
        {t("dashboard.title")}：{scope}
      </h1>
      <p className="mb-1 text-ink-muted">{t("dashboard.intro")}</p>
      <p className="mb-4 text-ink-muted">
        {t("dashboard.range", { from: slice.from, to: slice.to })} ·{" "}
        {figures.asOf
          ? t("dashboard.asOf", {
              time: format.dateTime(figures.asOf, {
                dateStyle: "short",
                timeStyle: "short",
                timeZone: CHINA_TIME_ZONE,
              }),
            })
          : t("dashboard.notYet")}
      </p>
      <RangeFilterForm
        action="/admin/supervision"
        values={values}
        fieldErrors={fieldErrors}
        regions={regions}
        departments={platformView ? departments : undefined}
      />

      {supplementRequests.length > 0 && (
        <section
          aria-labelledby="supplement-requests"
          className="mb-6 rounded border-2 border-yellow-600 p-3"
          data-testid="pending-supplement-approvals"
        >
          <h2 id="supplement-requests" className="mb-2 text-xl font-bold">
            {t("dashboard.supplementRequests", { count: supplementRequests.length })}
          </h2>
          <ul className="flex flex-col gap-2">
            {supplementRequests.map((request) => (
              <li key={request.id}>
                <Link
                  href={`/admin/supervision/cases/${request.caseNumber}#supplement-approvals`}
                  className="font-mono text-brand-700 underline underline-offset-4"
                >
                  {request.caseNumber}
                </Link>
                <span className="ml-2">
                  {request.itemName} · {request.departmentName} · {request.requestedBy} ·{" "}
                  {format.dateTime(request.requestedAt, {
                    dateStyle: "medium",
                    timeStyle: "short",
                    timeZone: CHINA_TIME_ZONE,
                  })}
                </span>
                <span className="block text-sm break-words text-ink-muted">{request.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2 className="mb-2 text-xl font-bold">{t("dashboard.warnings")}</h2>
      <ul className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure
          label={t("dashboard.figures.dueSoon")}
          value={format.number(figures.dueSoon)}
          href={drill("dueSoon")}
          tone={figures.dueSoon > 0 ? "warn" : undefined}
        />
        <Figure
          label={t("dashboard.figures.overdue")}
          value={format.number(figures.overdue)}
          href={drill("overdue")}
          tone={figures.overdue > 0 ? "alert" : undefined}
        />
      </ul>

      <h2 className="mb-2 text-xl font-bold">{t("dashboard.timeliness")}</h2>
      <ul className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure
          label={t("dashboard.figures.completed")}
          value={format.number(figures.completed)}
          href={drill("completed")}
        />
        <Figure
          label={t("dashboard.figures.onTimeRate")}
          value={percent(figures.onTimeRate)}
          detail={of(figures.completedOnTime, figures.completed)}
          href={drill("onTime")}
        />
        <Figure
          label={t("dashboard.figures.late")}
          value={format.number(figures.completed - figures.completedOnTime)}
          href={drill("late")}
          tone={figures.completed > figures.completedOnTime ? "alert" : undefined}
        />
        <Figure
          label={t("dashboard.figures.averageWorkingDays")}
          value={days(figures.averageWorkingDays)}
          detail={`${t("dashboard.figures.promised")}：${days(figures.averagePromisedDays)}`}
          href={drill("completed")}
        />
        <Suspense fallback={<Figure label={t("dashboard.figures.p90WorkingDays")} value={t("dashboard.computing")} />}>
          <Percentiles slice={slice} />
        </Suspense>
      </ul>

      <h2 className="mb-2 text-xl font-bold">{t("dashboard.quality")}</h2>
      <ul className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure
          label={t("dashboard.figures.received")}
          value={format.number(figures.received)}
          href={drill("received")}
        />
        <Figure
          label={t("dashboard.figures.accepted")}
          value={format.number(figures.accepted)}
          href={drill("accepted")}
        />
        <Figure
          label={t("dashboard.figures.supplementRate")}
          value={percent(figures.supplementRate)}
          detail={of(figures.supplementRequested, figures.received)}
          href={drill("supplement")}
        />
        <Figure
          label={t("dashboard.figures.notAcceptedRate")}
          value={percent(figures.notAcceptedRate)}
          detail={of(figures.rejectedAtIntake, figures.received)}
          href={drill("rejectedAtIntake")}
        />
        <Figure
          label={t("dashboard.figures.deniedRate")}
          value={percent(figures.deniedRate)}
          detail={of(figures.denied, figures.completed)}
          href={drill("denied")}
        />
        <Figure
          label={t("dashboard.figures.withdrawnRate")}
          value={percent(figures.withdrawnRate)}
          detail={of(figures.withdrawn, figures.received)}
          href={drill("withdrawn")}
        />
      </ul>

      <h2 className="mb-2 text-xl font-bold">{t("dashboard.feedback")}</h2>
      <ul className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure
          label={t("dashboard.figures.badRatingRate")}
          value={percent(figures.badRatingRate)}
          detail={of(figures.badRatings, figures.ratings)}
          href={drill("badRating")}
        />
        {/* Each opens the rectifications it counts (visits and questions included, not only cases): figure and list take
            their rows through one where clause, lib/supervision/rectification-figures.ts, so N here is that list's length. */}
        {RECTIFICATION_FIGURES.map((status) => (
          <Figure
            key={status}
            label={`${t("dashboard.figures.rectification")}：${t(`dashboard.rectificationStatus.${status}`)}`}
            value={format.number(figures.rectifications[status])}
            href={drill("rectification", { status })}
            tone={status === "overdue" && figures.rectifications.overdue > 0 ? "alert" : undefined}
          />
        ))}
      </ul>

      {breakdown && (
        <section aria-labelledby="departments-heading">
          <h2 id="departments-heading" className="mb-2 text-xl font-bold">
            {t("dashboard.departments")}
          </h2>
          <ExportLinks
            href={(exportFormat) => `/admin/supervision/export?${sliceParams(slice, { format: exportFormat })}`}
          />
          <DataTable
            caption={t("dashboard.range", { from: slice.from, to: slice.to })}
            columns={(
              ["department", "received", "completed", "onTimeRate", "averageWorkingDays", "dueSoon", "overdue"] as const
            ).map((column) => t(`dashboard.departmentColumns.${column}`))}
            rows={breakdown.map((row) => [
              <Link
                key="department"
                href={`/admin/supervision?${sliceParams({ ...slice, departmentId: row.id })}`}
                className="text-brand-700 underline underline-offset-4"
              >
                {localizedName(locale, row)}
              </Link>,
              format.number(row.received),
              format.number(row.completed),
              percent(row.onTimeRate),
              days(row.averageWorkingDays),
              format.number(row.dueSoon),
              format.number(row.overdue),
            ])}
          />
        </section>
      )}
    </>
  );
}
