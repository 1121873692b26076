import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Button, buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { CHINA_TIME_ZONE, dateColumnToIso } from "@/lib/calendar/china-time";
import { CASE_STATUSES } from "@/lib/cases/state-machine";
import { getConsoleHome } from "@/lib/console/queries";
import { listQueue, QUEUE_VIEW_NAMES, QUEUE_VIEWS, queueCounts, type QueueView } from "@/lib/console/queues";
import { isAppError } from "@/lib/errors";
import { localizedName } from "@/lib/i18n/localized";
import { ScrollRegion } from "@/components/ui/scroll-region";

export async function generateMetadata() {
  return { title: (await getTranslations("cases.console"))("queuesTitle") };
}

const WARNING_CLASS: Record<string, string> = {
  GREEN: "",
  YELLOW: "rounded bg-yellow-100 px-1 font-semibold text-ink",
  RED: "rounded bg-red-100 px-1 font-semibold text-accent-600",
};

const FILTER_KEYS = ["view", "q", "item", "status", "applicant", "from", "to", "region", "sort"] as const;

function dateTime(value: Date, locale: string) {
  return new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, dateStyle: "short", timeStyle: "short" }).format(
    value,
  );
}

export default async function ConsoleQueues({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("console.access", "/console");
  const t = await getTranslations();
  const locale = await getLocale();
  const home = await getConsoleHome(actor);
  if (!home) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("console.title")}</h1>
        <p>{t("console.noDepartment")}</p>
      </>
    );
  }
  const raw = await searchParams;
  const params: Record<string, string> = {};
  for (const key of [...FILTER_KEYS, "after"]) {
    const value = raw[key];
    if (typeof value === "string" && value !== "") params[key] = value.slice(0, 300);
  }
  let page: Awaited<ReturnType<typeof listQueue>> | null = null;
  let fieldErrors: Record<string, string> = {};
  try {
    page = await listQueue(actor, params);
  } catch (error) {
    if (!isAppError(error) || error.code !== "VALIDATION") throw error;
    fieldErrors = error.details.fieldErrors ?? {};
    page = await listQueue(actor, { view: QUEUE_VIEW_NAMES.includes(params.view as QueueView) ? params.view : "todo" });
  }
  const counts = await queueCounts(actor);
  const view = page.query.view;
  const linkFor = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) if (params[key]) next.set(key, params[key]);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete("after");
    if (changes.after) next.set("after", changes.after);
    const query = next.toString();
    return query ? `/console?${query}` : "/console";
  };
  const field = (name: string) => `filter-${name}`;

  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">{t("cases.console.queuesTitle")}</h1>
      <p className="mb-4 text-ink-muted">
        {t("console.department")}：{localizedName(locale, home.department)}（
        {localizedName(locale, home.department.region)}）
      </p>

      <nav aria-label={t("cases.console.views")} className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {QUEUE_VIEW_NAMES.map((name) => (
            <li key={name}>
              <Link
                href={linkFor({ view: name, status: undefined })}
                aria-current={name === view ? "page" : undefined}
                className={buttonClass({
                  variant:
                    name === view ? "primary" : name === "overdue" && counts.overdue > 0 ? "danger" : "secondary",
                })}
              >
                {t(`cases.view.${name}`)}
                <span className="ml-1">（{counts[name]}）</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <details
        className="mb-4 rounded border-2 border-ink-muted p-3"
        open={
          Object.keys(params).some((key) => key !== "view" && key !== "after") || Object.keys(fieldErrors).length > 0
        }
      >
        <summary className="cursor-pointer font-semibold">{t("cases.console.filters")}</summary>
        <form method="get" action="/console" className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <input type="hidden" name="view" value={view} />
          {(["q", "applicant", "item", "region"] as const).map((name) => (
            <div key={name} className="flex flex-col gap-1">
              <label htmlFor={field(name)} className="font-semibold">
                {t(`cases.console.${name}`)}
              </label>
              {fieldErrors[name] && (
                <p id={`${field(name)}-error`} className="text-sm font-semibold text-accent-600">
                  {t(fieldErrors[name])}
                </p>
              )}
              <Input
                id={field(name)}
                name={name}
                defaultValue={params[name] ?? ""}
                maxLength={100}
                aria-invalid={fieldErrors[name] ? true : undefined}
                aria-describedby={fieldErrors[name] ? `${field(name)}-error` : undefined}
              />
            </div>
          ))}
          {(["from", "to"] as const).map((name) => (
            <div key={name} className="flex flex-col gap-1">
              <label htmlFor={field(name)} className="font-semibold">
                {t(`cases.console.${name}`)}
              </label>
              {fieldErrors[name] && (
                <p id={`${field(name)}-error`} className="text-sm font-semibold text-accent-600">
                  {t(fieldErrors[name])}
                </p>
              )}
              <Input
                id={field(name)}
                name={name}
                type="date"
                defaultValue={params[name] ?? ""}
                aria-invalid={fieldErrors[name] ? true : undefined}
                aria-describedby={fieldErrors[name] ? `${field(name)}-error` : undefined}
              />
            </div>
          ))}
          <div className="flex flex-col gap-1">
            <label htmlFor={field("status")} className="font-semibold">
              {t("cases.console.status")}
            </label>
            <Select id={field("status")} name="status" defaultValue={params.status ?? ""}>
              <option value="">{t("cases.console.anyStatus")}</option>
              {CASE_STATUSES.filter((status) => (QUEUE_VIEWS[view] as readonly string[]).includes(status)).map(
                (status) => (
                  <option key={status} value={status}>
                    {t(`cases.status.${status}`)}
                  </option>
                ),
              )}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={field("sort")} className="font-semibold">
              {t("cases.console.sort")}
            </label>
            <Select id={field("sort")} name="sort" defaultValue={params.sort ?? ""}>
              <option value="">—</option>
              <option value="deadline">{t("cases.console.sortDeadline")}</option>
              <option value="submitted">{t("cases.console.sortSubmitted")}</option>
            </Select>
          </div>
          <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
            <Button type="submit">{t("cases.console.apply")}</Button>
            <Link
              href={linkFor({
                q: undefined,
                applicant: undefined,
                item: undefined,
                region: undefined,
                from: undefined,
                to: undefined,
                status: undefined,
                sort: undefined,
              })}
              className="min-h-11 content-center underline underline-offset-4"
            >
              {t("cases.console.reset")}
            </Link>
          </div>
        </form>
      </details>

      {page.rows.length === 0 ? (
        <p>{t("cases.console.empty")}</p>
      ) : (
        <ScrollRegion label={t("cases.console.caption", { view: t(`cases.view.${view}`), count: counts[view] })}>
          <table className="w-full border-collapse text-left">
            <caption className="mb-2 text-left font-semibold">
              {t("cases.console.caption", { view: t(`cases.view.${view}`), count: counts[view] })}
            </caption>
            <thead>
              <tr className="border-b-2 border-ink-muted">
                {(["number", "item", "applicant", "submitted", "due", "status", "assignee"] as const).map((column) => (
                  <th key={column} scope="col" className="px-2 py-2 whitespace-nowrap">
                    {t(`cases.console.col.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.caseNumber} className="border-b border-ink-muted/40 align-top">
                  <td className="px-2 py-2">
                    <Link
                      href={`/console/cases/${row.caseNumber}`}
                      className="font-mono text-brand-700 underline underline-offset-4"
                    >
                      {row.caseNumber}
                    </Link>
                  </td>
                  <td className="px-2 py-2">{row.itemName}</td>
                  <td className="px-2 py-2">{row.applicantName}</td>
                  <td className="px-2 py-2 whitespace-nowrap">{dateTime(row.submittedAt, locale)}</td>
                  <td className="px-2 py-2 whitespace-nowrap">
                    {dateColumnToIso(row.dueDate) ?? t("cases.console.noDue")}
                    {row.warning !== "GREEN" && (QUEUE_VIEWS.dueSoon as readonly string[]).includes(row.status) && (
                      <span className={`ml-1 block text-sm ${WARNING_CLASS[row.warning] ?? ""}`}>
                        {t(`cases.warning.${row.warning}`)}
                      </span>
                    )}
                  </td>
                  <td className="px-2 py-2">{t(`cases.status.${row.status}`)}</td>
                  <td className="px-2 py-2">{row.assigneeName ?? t("cases.console.unassigned")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <nav aria-label={t("cases.console.nextPage")} className="mt-4 flex gap-4">
        {params.after && (
          <Link href={linkFor({})} className="underline underline-offset-4">
            {t("cases.console.firstPage")}
          </Link>
        )}
        {page.next && (
          <Link
            href={linkFor({ after: page.next })}
            rel="next"
            className="font-semibold text-brand-700 underline underline-offset-4"
          >
            {t("cases.console.nextPage")}
          </Link>
        )}
      </nav>
    </>
  );
}
