import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { DataTable } from "@/components/ui/data-table";
import { listOwnReadLog } from "@/lib/audit/read-log";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("readLog"))("title") };
}

/**
 * 谁查看了我的信息 (issue 15, 个人信息保护法): staff reads of the applicant's cases and files, newest first, with the
 * reader's department and role but never their name (lib/audit/read-log.ts).
 */
export default async function AccessLogPage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("readLog.own", "/account/access-log");
  const log = await listOwnReadLog(actor, await searchParams);
  const [t, tAccount, tRoot, format, locale] = await Promise.all([
    getTranslations("readLog"),
    getTranslations("account"),
    getTranslations(),
    getFormatter(),
    getLocale(),
  ]);
  const pageLink = (page: number) => `/account/access-log?page=${page}`;
  return (
    <>
      <Breadcrumbs items={[{ href: "/account", label: tAccount("title") }, { label: t("title") }]} />
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-2 max-w-3xl">{t("intro")}</p>
      {log.company && <p className="mb-4 max-w-3xl text-ink-muted">{t("introCompany")}</p>}
      {log.entries.length === 0 ? (
        <p className="mt-4">{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("caption", { count: log.total })}
          columns={[t("columns.time"), t("columns.reader"), t("columns.what"), t("columns.action")]}
          rows={log.entries.map((entry) => [
            <time key="at" dateTime={entry.at.toISOString()}>
              {format.dateTime(entry.at, { dateStyle: "medium", timeStyle: "short", timeZone: CHINA_TIME_ZONE })}
            </time>,
            t("reader", {
              department: entry.department ? localizedName(locale, entry.department) : t("platform"),
              role: entry.readerRole ? tRoot(`roles.${entry.readerRole}` as "roles.CLERK") : "—",
            }),
            <span key="what" className="break-all">
              {entry.caseNumber && <span className="block">{t("caseNumber", { caseNumber: entry.caseNumber })}</span>}
              {entry.action === "read.file" && (
                <span className="block">{entry.fileName ? t("file", { name: entry.fileName }) : t("fileUnknown")}</span>
              )}
            </span>,
            `${t(`actions.${entry.action.slice("read.".length)}` as "actions.case")}${entry.purpose ? `（${t(`purposes.${entry.purpose}`)}）` : ""}`,
          ])}
        />
      )}
      {log.pageCount > 1 && (
        <nav aria-label={t("pages")} className="mt-4 flex flex-wrap gap-4">
          {log.page > 1 && (
            <Link href={pageLink(log.page - 1)} rel="prev" className="min-h-11 text-brand-700 underline">
              {t("previous")}
            </Link>
          )}
          <span>{t("pageOf", { page: log.page, count: log.pageCount })}</span>
          {log.page < log.pageCount && (
            <Link href={pageLink(log.page + 1)} rel="next" className="min-h-11 text-brand-700 underline">
              {t("next")}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
