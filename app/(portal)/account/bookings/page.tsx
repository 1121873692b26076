import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { listMyBookings } from "@/lib/bookings/bookings";
import { localizedName } from "@/lib/i18n/localized";
import { slotLabel } from "@/lib/bookings/slot-labels";

export async function generateMetadata() {
  return { title: (await getTranslations("bookings"))("mine") };
}

/** My visit bookings, with their codes; each opens to cancel or move. */
export default async function MyBookingsPage() {
  const actor = await requirePermission("booking.create", "/account/bookings");
  const [bookings, t, locale] = await Promise.all([listMyBookings(actor), getTranslations("bookings"), getLocale()]);
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">{t("mine")}</h1>
      {bookings.length === 0 ? (
        <p className="text-ink-muted">{t("none")}</p>
      ) : (
        <ul className="flex max-w-2xl flex-col gap-3">
          {bookings.map((booking) => (
            <li key={booking.id} className="rounded border border-line p-4">
              <Link
                href={`/account/bookings/${booking.id}`}
                className="font-semibold text-brand-700 underline underline-offset-4"
              >
                {slotLabel(booking.startsAt, booking.endsAt, locale)} ·{" "}
                {booking.office ? localizedName(locale, booking.office) : ""}
              </Link>
              <p className="text-sm">
                {booking.item ? `${localizedName(locale, booking.item)} · ` : ""}
                {t("code")} {booking.code} · {t(`status.${booking.status}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
