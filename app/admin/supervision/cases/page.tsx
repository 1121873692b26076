import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DECIDING_STATUSES, isStatusIn } from "@/lib/cases/state-machine";
import { can } from "@/lib/auth/policy";
import { CHINA_TIME_ZONE, dateColumnToIso } from "@/lib/calendar/china-time";
import { isAppError } from "@/lib/errors";
import { firstValues } from "@/lib/statistics/filters";
import { FIGURES, listFigureCases, listFigureRectifications } from "@/lib/supervision/cases";
import { ExportLinks } from "../../../../components/reports/range-filters";
import { ScrollRegion } from "@/components/ui/scroll-region";

export async function generateMetadata() {
  return { title: (await getTranslations("supervision.dashboard"))("title") };
}

const KEYS = ["figure", "status", "from", "to", "region", "department", "after"] as const;

const FIGURE_LABEL: Record<(typeof FIGURES)[number], string> = {
  received: "received",
  accepted: "accepted",
  completed: "completed",
  onTime: "onTimeRate",
  late: "late",
  supplement: "supplementRate",
  rejectedAtIntake: "notAcceptedRate",
  denied: "deniedRate",
  withdrawn: "withdrawnRate",
  dueSoon: "dueSoon",
  overdue: "overdue",
  badRating: "badRatingRate",
  rectification: "rectification",
};

export default async function FigureCases({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("admin.access", "/admin/supervision");
  const values = firstValues(await searchParams, KEYS);
  // The rectification figures count rectifications, some of them on visits or questions rather than cases, so
  // their list is of rectifications (lib/supervision/rectification-figures.ts says why the two always agree).
  if (values.figure === "rectification") return <FigureRectifications actor={actor} values={values} />;
  const t = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  const page = await withDefaultSlice((input) => listFigureCases(actor, input), values, { figure: "received" });
  const { base, back } = sliceLinks(page.figure, page.status, page.slice);
  const figureName =
    t(`supervision.dashboard.figures.${FIGURE_LABEL[page.figure]}` as "supervision.dashboard.figures.received") +
    statusSuffix(t, page.status);
  const dateTime = (value: Date | null) =>
    value ? format.dateTime(value, { dateStyle: "short", timeStyle: "short", timeZone: CHINA_TIME_ZONE }) : "—";

  return (
    <>
      <p className="mb-2">
        <Link href={`/admin/supervision?${back.toString()}`} className="underline underline-offset-4">
          {t("supervision.cases.back")}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">{t("supervision.cases.title", { figure: figureName })}</h1>
      <ExportLinks
        href={(exportFormat) => `/admin/supervision/cases/export?${base.toString()}&format=${exportFormat}`}
      />
      {page.rows.length === 0 ? (
        <p>{t("supervision.cases.empty")}</p>
      ) : (
        <ScrollRegion
          label={t("supervision.cases.caption", { figure: figureName, from: page.slice.from, to: page.slice.to })}
        >
          <table className="w-full min-w-[40rem] border-collapse text-left text-sm">
            <caption className="mb-2 text-left font-semibold">
              {t("supervision.cases.caption", { figure: figureName, from: page.slice.from, to: page.slice.to })}
            </caption>
            <thead>
              <tr className="bg-surface">
                {(["caseNumber", "item", "department", "status", "submittedAt", "dueDate", "completedAt"] as const).map(
                  (column) => (
                    <th key={column} scope="col" className="border border-line px-2 py-2">
                      {t(`supervision.cases.columns.${column}`)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.caseNumber}>
                  <td className="border border-line px-2 py-2">
                    <Link
                      href={`/admin/supervision/cases/${row.caseNumber}`}
                      className="font-mono text-brand-700 underline underline-offset-4"
                    >
                      {row.caseNumber}
                    </Link>
                  </td>
                  <td className="border border-line px-2 py-2">
                    {locale === "en" ? row.itemNameEn || row.itemName : row.itemName}
                  </td>
                  <td className="border border-line px-2 py-2">
                    {locale === "en" ? row.departmentNameEn || row.departmentName : row.departmentName}
                  </td>
                  <td className="border border-line px-2 py-2">
                    {t(`cases.status.${row.status}` as "cases.status.SUBMITTED")}
                    {row.warning !== "GREEN" && isStatusIn(DECIDING_STATUSES, row.status) && (
                      <span className="block font-semibold">
                        {t(`cases.warning.${row.warning}` as "cases.warning.RED")}
                      </span>
                    )}
                  </td>
                  <td className="border border-line px-2 py-2 whitespace-nowrap">{dateTime(row.submittedAt)}</td>
                  <td className="border border-line px-2 py-2 whitespace-nowrap">
                    {dateColumnToIso(row.dueDate) ?? "—"}
                  </td>
                  <td className="border border-line px-2 py-2 whitespace-nowrap">{dateTime(row.completedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager
        base={base}
        after={values.after}
        next={page.next}
        labels={{
          nav: t("supervision.cases.next"),
          first: t("supervision.cases.first"),
          next: t("supervision.cases.next"),
        }}
      />
    </>
  );
}

/** The rectifications behind a rectification figure: one row per rectification the figure counts. */
async function FigureRectifications({
  actor,
  values,
}: Readonly<{ actor: Awaited<ReturnType<typeof requirePermission>>; values: Record<string, string> }>) {
  const t = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  const page = await withDefaultSlice((input) => listFigureRectifications(actor, input), values, {
    figure: "rectification",
  });
  const { base, back } = sliceLinks("rectification", page.status, page.slice);
  const figureName = t("supervision.dashboard.figures.rectification") + statusSuffix(t, page.status);
  const cell = "border border-line px-2 py-2";
  const canReview = can(actor, "rectification.review");

  return (
    <>
      <p className="mb-2">
        <Link href={`/admin/supervision?${back.toString()}`} className="underline underline-offset-4">
          {t("supervision.cases.back")}
        </Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">{t("supervision.rectifications.title", { figure: figureName })}</h1>
      <p className="mb-4 text-ink-muted">{t("supervision.rectifications.intro")}</p>
      <ExportLinks
        href={(exportFormat) => `/admin/supervision/cases/export?${base.toString()}&format=${exportFormat}`}
      />
      {page.rows.length === 0 ? (
        <p>{t("supervision.rectifications.empty")}</p>
      ) : (
        <ScrollRegion label={t("supervision.rectifications.caption", { figure: figureName })}>
          <table className="w-full min-w-[40rem] border-collapse text-left text-sm">
            <caption className="mb-2 text-left font-semibold">
              {t("supervision.rectifications.caption", { figure: figureName })}
            </caption>
            <thead>
              <tr className="bg-surface">
                {(["touchpoint", "item", "department", "level", "status", "dueDate", "ratedAt"] as const).map(
                  (column) => (
                    <th key={column} scope="col" className={cell}>
                      {t(`supervision.rectifications.columns.${column}`)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id}>
                  <td className={cell}>
                    {row.caseNumber ? (
                      <Link
                        href={`/admin/supervision/cases/${row.caseNumber}`}
                        className="font-mono text-brand-700 underline underline-offset-4"
                      >
                        {row.caseNumber}
                      </Link>
                    ) : (
                      t(`feedback.kinds.${row.touchpointKind}`)
                    )}
                  </td>
                  <td className={cell}>{(locale === "en" ? row.itemNameEn || row.itemName : row.itemName) || "—"}</td>
                  <td className={cell}>
                    {locale === "en" ? row.departmentNameEn || row.departmentName : row.departmentName}
                  </td>
                  <td className={cell}>{t(`feedback.levels.${row.level}` as "feedback.levels.1")}</td>
                  <td className={cell}>
                    {t(
                      `supervision.dashboard.rectificationStatus.${row.status}` as "supervision.dashboard.rectificationStatus.OPEN",
                    )}
                    {row.warning !== "GREEN" && (
                      <span className="block font-semibold">{t(`feedback.warning.${row.warning}`)}</span>
                    )}
                    {canReview && (row.status === "REPLIED" || row.status === "APPEALED") && (
                      <Link
                        href={`/admin/supervision/rectifications#rectification-${row.id}`}
                        className="block text-brand-700 underline underline-offset-4"
                      >
                        {t("supervision.rectifications.review")}
                      </Link>
                    )}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>{dateColumnToIso(row.dueDate)}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {format.dateTime(row.ratedAt, {
                      dateStyle: "short",
                      timeStyle: "short",
                      timeZone: CHINA_TIME_ZONE,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager
        base={base}
        after={values.after}
        next={page.next}
        labels={{
          nav: t("supervision.cases.next"),
          first: t("supervision.cases.first"),
          next: t("supervision.cases.next"),
        }}
      />
    </>
  );
}

/** Keyset pages of the drill-down: back to the first page, and on to the next (both lists, cases and ratings). */
function Pager({
  base,
  after,
  next,
  labels,
}: Readonly<{
  base: URLSearchParams;
  after: string | undefined;
  next: string | null;
  labels: { nav: string; first: string; next: string };
}>) {
  return (
    <nav aria-label={labels.nav} className="mt-4 flex gap-4">
      {after && (
        <Link href={`/admin/supervision/cases?${base.toString()}`} className="underline underline-offset-4">
          {labels.first}
        </Link>
      )}
      {next && (
        <Link
          href={`/admin/supervision/cases?${base.toString()}&after=${next}`}
          rel="next"
          className="font-semibold text-brand-700 underline underline-offset-4"
        >
          {labels.next}
        </Link>
      )}
    </nav>
  );
}

/** The drill-down's own address (figure, status and slice: paging and export) and the dashboard's for the same slice. */
function sliceLinks(
  figure: string,
  status: string | null | undefined,
  slice: { from: string; to: string; region?: string | null; departmentId?: string | null },
) {
  const back = new URLSearchParams({ from: slice.from, to: slice.to });
  if (slice.region) back.set("region", slice.region);
  if (slice.departmentId) back.set("department", slice.departmentId);
  const base = new URLSearchParams({ figure, from: slice.from, to: slice.to });
  if (status) base.set("status", status);
  for (const [key, value] of back) if (key !== "from" && key !== "to") base.set(key, value);
  return { base, back };
}

/** A slice from the address; one the schema refuses (a hand-edited address) shows the default figure instead of an error. */
async function withDefaultSlice<T>(
  load: (input: Record<string, string>) => Promise<T>,
  values: Record<string, string>,
  fallback: Record<string, string>,
): Promise<T> {
  try {
    return await load(values);
  } catch (error) {
    if (!isAppError(error) || error.code !== "VALIDATION") throw error;
    return load(fallback);
  }
}

/** "：整改中" after a figure's name when the slice is one rectification status. */
function statusSuffix(t: Awaited<ReturnType<typeof getTranslations>>, status: string | null | undefined): string {
  return status
    ? `：${t(`supervision.dashboard.rectificationStatus.${status}` as "supervision.dashboard.rectificationStatus.OPEN")}`
    : "";
}
