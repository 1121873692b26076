import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { listArrivals } from "@/lib/bookings/attendance";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { isAppError } from "@/lib/errors";
import { checkInAction } from "./actions";
import { CHECK_IN_NOTICES } from "./notices";
import { ScrollRegion } from "@/components/ui/scroll-region";

export async function generateMetadata() {
  return { title: (await getTranslations("bookings.arrivals"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** 今日到访: the day's bookings at the department's offices (or for its items), with check-in (issue 19). */
export default async function ArrivalsPage({ searchParams }: Readonly<{ searchParams: SearchParams }>) {
  const actor = await requirePermission("console.access", "/console/visits");
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : "");
  const t = await getTranslations();
  const locale = await getLocale();
  let result: Awaited<ReturnType<typeof listArrivals>> | null = null;
  let queryError: string | null = null;
  try {
    result = await listArrivals(actor, { date: one("date"), code: one("code") });
  } catch (error) {
    if (!isAppError(error)) throw error;
    queryError = error.messageKey;
    result = await listArrivals(actor, {});
  }
  const time = (value: Date) =>
    new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, hour: "2-digit", minute: "2-digit" }).format(value);
  const notice = (CHECK_IN_NOTICES as readonly string[]).includes(one("notice")) ? one("notice") : null;
  // The priority number handed out at check-in (only a ticket's shape is echoed).
  const ticket = /^[ABC]\d{3,4}$/.test(one("ticket")) ? one("ticket") : null;
  const counts = { BOOKED: 0, ATTENDED: 0, MISSED: 0, CANCELLED: 0 };
  for (const row of result.rows) counts[row.status]++;

  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("bookings.arrivals.title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("bookings.arrivals.intro")}</p>
      <p className="mb-4">
        <Link href="/console/queue" className="underline underline-offset-4">
          {t("bookings.queue.consoleLink")}
        </Link>
      </p>
      {notice && (
        <p
          id="notice"
          role={notice === "checkedIn" ? "status" : "alert"}
          tabIndex={-1}
          className={`mb-4 rounded border-2 p-3 font-semibold ${notice === "checkedIn" ? "border-ok text-ok" : "border-accent-600 text-accent-600"}`}
        >
          {notice === "checkedIn" ? t("bookings.arrivals.checkedIn") : t(notice)}
          {notice === "checkedIn" && ticket && (
            <span className="ml-2">{t("bookings.arrivals.ticketGiven", { ticket })}</span>
          )}
        </p>
      )}
      <form method="get" action="/console/visits" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="arrivals-date" className="font-semibold">
            {t("bookings.arrivals.date")}
          </label>
          <Input id="arrivals-date" type="date" name="date" defaultValue={result.date} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="arrivals-code" className="font-semibold">
            {t("bookings.arrivals.code")}
          </label>
          <Input
            id="arrivals-code"
            name="code"
            maxLength={12}
            defaultValue={one("code")}
            aria-invalid={queryError ? true : undefined}
            aria-describedby={queryError ? "arrivals-error" : undefined}
            className="font-mono uppercase"
          />
        </div>
        <Button type="submit">{t("bookings.arrivals.show")}</Button>
      </form>
      {queryError && (
        <p id="arrivals-error" role="alert" className="mb-4 font-semibold text-accent-600">
          {t(queryError)}
        </p>
      )}
      <p className="mb-2" data-testid="arrival-counts">
        {t("bookings.arrivals.counts", { booked: counts.BOOKED, attended: counts.ATTENDED, missed: counts.MISSED })}
      </p>
      {result.rows.length === 0 ? (
        <p>{t("bookings.arrivals.none")}</p>
      ) : (
        <ScrollRegion label={t("bookings.arrivals.title")}>
          <table className="w-full border-collapse text-left">
            <caption className="mb-2 text-left font-semibold">
              {t("bookings.arrivals.caption", { date: result.date, count: result.rows.length })}
            </caption>
            <thead>
              <tr className="border-b-2 border-line">
                <th scope="col" className="p-2">
                  {t("bookings.arrivals.slot")}
                </th>
                <th scope="col" className="p-2">
                  {t("bookings.arrivals.person")}
                </th>
                <th scope="col" className="p-2">
                  {t("bookings.arrivals.item")}
                </th>
                <th scope="col" className="p-2">
                  {t("bookings.arrivals.code")}
                </th>
                <th scope="col" className="p-2">
                  {t("bookings.arrivals.status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.id} className="border-b border-line">
                  <td className="p-2 whitespace-nowrap">
                    {time(row.startsAt)}–{time(row.endsAt)}
                    <div className="text-sm text-ink-muted">{row.officeName}</div>
                  </td>
                  <td className="p-2 whitespace-nowrap">
                    {row.personName}
                    {row.phone && <div className="font-mono text-sm">{row.phone}</div>}
                  </td>
                  <td className="min-w-40 p-2">{row.itemName ?? "—"}</td>
                  <td className="p-2 font-mono whitespace-nowrap">{row.code}</td>
                  <td className="min-w-28 p-2">
                    <span className="font-semibold">{t(`bookings.status.${row.status}`)}</span>
                    {row.attendedAt && (
                      <div className="text-sm">{t("bookings.arrivals.at", { time: time(row.attendedAt) })}</div>
                    )}
                    {row.ticket && (
                      <div className="text-sm" data-testid="arrival-ticket">
                        {t("bookings.arrivals.ticket", { ticket: row.ticket })}
                      </div>
                    )}
                    {row.mayCheckIn && (
                      <form action={checkInAction} className="mt-1">
                        <input type="hidden" name="bookingId" value={row.id} />
                        <input type="hidden" name="date" value={result.date} />
                        <Button type="submit">
                          {t("bookings.arrivals.checkIn")}
                          <span className="sr-only">
                            ：{row.personName} {row.code}
                          </span>
                        </Button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
