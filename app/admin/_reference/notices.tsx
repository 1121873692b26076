import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Confirmation after a redirect (`?done=created`), announced politely to screen readers. */
export async function DoneNotice({ done }: Readonly<{ done?: string | string[] }>) {
  const key = typeof done === "string" && /^[a-zA-Z]+$/.test(done) ? done : null;
  const t = await getTranslations("reference.done");
  return (
    <p role="status" className={key ? "mb-4 rounded border-2 border-ok p-3 font-semibold text-ok" : "sr-only"}>
      {key && t.has(key) ? t(key) : ""}
    </p>
  );
}

/** The warning that deadlines are running on a guessed calendar (no holiday rows for a year). */
export async function CalendarGapBanner({
  years,
  linkToHolidays = true,
}: Readonly<{ years: number[]; linkToHolidays?: boolean }>) {
  if (years.length === 0) return null;
  const t = await getTranslations("reference.holidays");
  return (
    <div role="alert" className="mb-6 rounded border-4 border-accent-600 p-4">
      <h2 className="mb-1 text-lg font-bold">{t("gapTitle")}</h2>
      <p>{t("gapText", { years: years.join("、") })}</p>
      {linkToHolidays && (
        <Link href="/admin/holidays" className="font-semibold text-brand-700 underline underline-offset-4">
          {t("gapLink")}
        </Link>
      )}
    </div>
  );
}
