import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { operatedBoard, operatedHalls } from "@/lib/bookings/queue";
import { QUEUE_LINES } from "@/lib/bookings/schemas";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { localizedName } from "@/lib/i18n/localized";
import { callNextAction, closeTicketAction, issueTicketAction } from "./actions";
import { QUEUE_NOTICES } from "./notices";

export async function generateMetadata() {
  return { title: (await getTranslations("bookings.queue"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * 排队叫号 (issue 19): a hall's queue as its windows run it. The reception desk hands out numbers per line; a window
 * calls the next number (priority line first unless a line is chosen) and closes it as served or no-show. Every
 * form is a plain POST, so it works without JavaScript; the hall's public screen is /offices/{code}/queue.
 */
export default async function QueuePage({ searchParams }: Readonly<{ searchParams: SearchParams }>) {
  const actor = await requirePermission("console.access", "/console/queue");
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : "");
  const t = await getTranslations();
  const locale = await getLocale();
  const halls = await operatedHalls(actor);
  const hall = halls.find((candidate) => candidate.code === one("office")) ?? halls[0] ?? null;
  const board = hall ? await operatedBoard(actor, hall.code) : null;
  const notice = (QUEUE_NOTICES as readonly string[]).includes(one("notice")) ? one("notice") : null;
  const ticket = /^[ABC]\d{3,4}$/.test(one("ticket")) ? one("ticket") : "";
  const window = one("window").slice(0, 20);
  const ok =
    notice === "issued" ||
    notice === "called" ||
    notice === "served" ||
    notice === "noShow" ||
    notice === "noneWaiting";
  const time = (value: Date | null) =>
    value
      ? new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, hour: "2-digit", minute: "2-digit" }).format(value)
      : "—";

  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("bookings.queue.title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("bookings.queue.intro")}</p>
      {notice && (
        <p
          id="notice"
          role={ok ? "status" : "alert"}
          tabIndex={-1}
          className={`mb-4 rounded border-2 p-3 text-lg font-semibold ${ok ? "border-ok text-ok" : "border-accent-600 text-accent-600"}`}
          data-testid="queue-notice"
        >
          {ok ? t(`bookings.queue.notices.${notice}`, { ticket, window }) : t(notice)}
        </p>
      )}
      {!hall || !board ? (
        <p>{t("bookings.queue.noHalls")}</p>
      ) : (
        <>
          {halls.length > 1 && (
            <form method="get" action="/console/queue" className="mb-4 flex flex-wrap items-end gap-3">
              <div className="flex flex-col gap-1">
                <label htmlFor="queue-office" className="font-semibold">
                  {t("bookings.queue.hall")}
                </label>
                <Select id="queue-office" name="office" defaultValue={hall.code}>
                  {halls.map((candidate) => (
                    <option key={candidate.code} value={candidate.code}>
                      {localizedName(locale, candidate)}
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="submit" variant="secondary">
                {t("bookings.queue.choose")}
              </Button>
            </form>
          )}
          <h2 className="mb-2 text-xl font-semibold">{localizedName(locale, board.hall)}</h2>
          <p className="mb-2" data-testid="queue-waiting">
            {t("bookings.queue.waitingCounts", {
              general: board.waiting.GENERAL,
              business: board.waiting.BUSINESS,
              priority: board.waiting.PRIORITY,
            })}
          </p>
          <p className="mb-4 text-sm text-ink-muted">
            {t("bookings.queue.today", { issued: board.issued, served: board.served, noShow: board.noShow })}
            {board.averageWaitMinutes !== null &&
              ` · ${t("bookings.queue.averageWait", { minutes: board.averageWaitMinutes })}`}
            {" · "}
            <Link href={`/offices/${board.hall.code}/queue`} className="underline underline-offset-4">
              {t("bookings.queue.screenLink")}
            </Link>
          </p>

          <div className="mb-6 grid grid-cols-1 gap-6 md:grid-cols-2">
            <section aria-labelledby="issue-title" className="rounded border-2 border-line p-3">
              <h3 id="issue-title" className="mb-2 text-lg font-semibold">
                {t("bookings.queue.issueTitle")}
              </h3>
              <form action={issueTicketAction} className="flex flex-col gap-3">
                <input type="hidden" name="officeCode" value={board.hall.code} />
                <fieldset className="flex flex-col gap-1">
                  <legend className="font-semibold">{t("bookings.queue.line")}</legend>
                  {QUEUE_LINES.map((line, index) => (
                    <label key={line} className="flex min-h-11 items-center gap-2">
                      <input type="radio" name="line" value={line} defaultChecked={index === 0} className="size-5" />
                      {t(`bookings.queue.lines.${line}`)}
                    </label>
                  ))}
                </fieldset>
                <Button type="submit" className="self-start">
                  {t("bookings.queue.issue")}
                </Button>
              </form>
            </section>

            <section aria-labelledby="call-title" className="rounded border-2 border-line p-3">
              <h3 id="call-title" className="mb-2 text-lg font-semibold">
                {t("bookings.queue.callTitle")}
              </h3>
              <form action={callNextAction} className="flex flex-col gap-3">
                <input type="hidden" name="officeCode" value={board.hall.code} />
                <div className="flex flex-col gap-1">
                  <label htmlFor="queue-window" className="font-semibold">
                    {t("bookings.queue.window")}
                  </label>
                  <Input
                    id="queue-window"
                    name="window"
                    maxLength={20}
                    defaultValue={window}
                    placeholder={t("bookings.queue.windowExample")}
                  />
                </div>
                <div className="flex flex-col gap-1">
                  <label htmlFor="queue-line" className="font-semibold">
                    {t("bookings.queue.callLine")}
                  </label>
                  <Select id="queue-line" name="line" defaultValue="">
                    <option value="">{t("bookings.queue.anyLine")}</option>
                    {QUEUE_LINES.map((line) => (
                      <option key={line} value={line}>
                        {t(`bookings.queue.lines.${line}`)}
                      </option>
                    ))}
                  </Select>
                </div>
                <Button type="submit" className="self-start">
                  {t("bookings.queue.callNext")}
                </Button>
              </form>
            </section>
          </div>

          <section aria-labelledby="called-title">
            <h3 id="called-title" className="mb-2 text-lg font-semibold">
              {t("bookings.queue.calledTitle")}
            </h3>
            {board.called.length === 0 ? (
              <p>{t("bookings.queue.noneCalled")}</p>
            ) : (
              <ul className="flex flex-col gap-2" data-testid="queue-called">
                {board.called.map((called) => (
                  <li key={called.id} className="flex flex-wrap items-center gap-3 rounded border-2 border-line p-2">
                    <span className="font-mono text-xl font-bold">{called.label}</span>
                    <span>{called.window ?? "—"}</span>
                    <span className="text-sm text-ink-muted">{time(called.calledAt)}</span>
                    {(["SERVED", "NO_SHOW"] as const).map((outcome) => (
                      <form key={outcome} action={closeTicketAction}>
                        <input type="hidden" name="officeCode" value={board.hall.code} />
                        <input type="hidden" name="ticketId" value={called.id} />
                        <input type="hidden" name="outcome" value={outcome} />
                        <input type="hidden" name="window" value={window} />
                        <Button type="submit" variant="secondary">
                          {t(`bookings.queue.close.${outcome}`)}
                          <span className="sr-only">：{called.label}</span>
                        </Button>
                      </form>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
