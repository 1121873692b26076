import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Button } from "@/components/ui/button";
import { currentLocale } from "@/lib/i18n/request";
import { listInbox } from "@/lib/notifications/inbox";
import { markReadAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.inbox"))("title") };
}

/** 消息中心: every notification, newest first, rendered in the reader's language; unread ones marked in text. */
export default async function InboxPage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("notifications.own", "/account/inbox");
  const query = await searchParams;
  const inbox = await listInbox(actor, await currentLocale(), query);
  const t = await getTranslations("feedback.inbox");
  const format = await getFormatter();
  const unreadOnly = query.unread === "1";
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4" role="status">
        {t("unreadCount", { count: inbox.unreadCount })}
      </p>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <Link
          href={unreadOnly ? "/account/inbox" : "/account/inbox?unread=1"}
          className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4"
        >
          {unreadOnly ? t("showAll") : t("showUnread")}
        </Link>
        {inbox.unreadCount > 0 && (
          <form action={markReadAction}>
            <input type="hidden" name="all" value="1" />
            <Button type="submit" variant="secondary">
              {t("markAllRead")}
            </Button>
          </form>
        )}
        <Link
          href="/account/notifications"
          className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
        >
          {t("preferences")}
        </Link>
      </div>
      {inbox.entries.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t("title")}>
          {inbox.entries.map((entry) => (
            <li
              key={entry.id}
              data-testid="inbox-entry"
              className={`rounded border-2 p-4 ${entry.read ? "border-line" : "border-brand-700 bg-surface"}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  {!entry.read && (
                    <span className="mr-2 rounded bg-brand-700 px-2 py-0.5 text-sm text-white">{t("unread")}</span>
                  )}
                  {entry.subject}
                </h2>
                <time dateTime={entry.createdAt.toISOString()} className="text-sm text-ink-muted">
                  {format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
              </div>
              <p className="mt-1">{entry.body}</p>
              <div className="mt-2 flex flex-wrap gap-3">
                {entry.link && (
                  <Link
                    href={entry.link}
                    className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4"
                  >
                    {t("open")}
                    <span className="sr-only">：{entry.subject}</span>
                  </Link>
                )}
                {!entry.read && (
                  <form action={markReadAction}>
                    <input type="hidden" name="id" value={entry.id} />
                    <Button type="submit" variant="quiet">
                      {t("markRead")}
                      <span className="sr-only">：{entry.subject}</span>
                    </Button>
                  </form>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {inbox.pageCount > 1 && (
        <nav aria-label={t("pages")} className="mt-4 flex gap-4">
          {inbox.page > 1 && (
            <Link
              href={`/account/inbox?page=${inbox.page - 1}${unreadOnly ? "&unread=1" : ""}`}
              className="min-h-11 text-brand-700 underline"
            >
              {t("previous")}
            </Link>
          )}
          <span>{t("pageOf", { page: inbox.page, count: inbox.pageCount })}</span>
          {inbox.page < inbox.pageCount && (
            <Link
              href={`/account/inbox?page=${inbox.page + 1}${unreadOnly ? "&unread=1" : ""}`}
              className="min-h-11 text-brand-700 underline"
            >
              {t("next")}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
