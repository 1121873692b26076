import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { queueBoard } from "@/lib/bookings/queue";
import { QUEUE_LINES } from "@/lib/bookings/schemas";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata({ params }: Readonly<{ params: Promise<{ code: string }> }>) {
  const board = await queueBoard((await params).code);
  const t = await getTranslations("bookings.queue");
  return { title: board ? t("screenTitle", { hall: board.hall.name }) : t("title"), robots: { index: false } };
}

/**
 * 叫号屏 (issue 19): the hall's screen, and what a visitor checks on the phone before walking over: the numbers now
 * called to each window and how many wait on each line. Numbers only, no names. Refreshes itself every 15 seconds
 * (a meta refresh, so it needs no JavaScript).
 */
export default async function QueueScreen({ params }: Readonly<{ params: Promise<{ code: string }> }>) {
  const { code } = await params;
  const board = await queueBoard(code);
  if (!board) notFound();
  const t = await getTranslations("bookings.queue");
  const locale = await getLocale();
  const time = new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, hour: "2-digit", minute: "2-digit" });
  return (
    <>
      <meta httpEquiv="refresh" content="15" />
      <h1 className="mb-1 text-2xl font-bold">{t("screenTitle", { hall: localizedName(locale, board.hall) })}</h1>
      <p className="mb-4 text-ink-muted">{t("screenIntro", { time: time.format(new Date()) })}</p>
      <section aria-labelledby="now-called" className="mb-6">
        <h2 id="now-called" className="mb-2 text-xl font-semibold">
          {t("nowCalled")}
        </h2>
        {board.called.length === 0 ? (
          <p>{t("noneCalled")}</p>
        ) : (
          <ul
            className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3"
            data-testid="screen-called"
            aria-live="polite"
          >
            {board.called.map((called) => (
              <li
                key={called.id}
                className="flex items-baseline justify-between gap-3 rounded border-2 border-brand-700 p-3"
              >
                <span className="font-mono text-3xl font-bold">{called.label}</span>
                <span className="text-xl">{t("toWindow", { window: called.window ?? "—" })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="waiting">
        <h2 id="waiting" className="mb-2 text-xl font-semibold">
          {t("waitingTitle")}
        </h2>
        <dl className="grid max-w-xl grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-lg" data-testid="screen-waiting">
          {QUEUE_LINES.map((line) => (
            <div key={line} className="contents">
              <dt>{t(`lines.${line}`)}</dt>
              <dd className="text-right font-semibold">{t("people", { count: board.waiting[line] })}</dd>
            </div>
          ))}
        </dl>
        {board.averageWaitMinutes !== null && (
          <p className="mt-3">{t("averageWait", { minutes: board.averageWaitMinutes })}</p>
        )}
      </section>
    </>
  );
}
