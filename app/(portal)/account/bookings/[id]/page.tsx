import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { bookableSlotsForItem, getMyBooking } from "@/lib/bookings/bookings";
import { localizedName } from "@/lib/i18n/localized";
import { cancelAction, moveAction } from "../actions";
import { pickerOffices, slotLabel } from "@/lib/bookings/slot-labels";
import { CancelButton, SlotPicker } from "../slot-picker";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ new?: string; cancelled?: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("bookings"))("confirmation") };
}

/** A booking: its confirmation (code, time, place), and cancelling or moving it. */
export default async function BookingPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { new: fresh, cancelled } = await searchParams;
  const actor = await requirePermission("booking.create", `/account/bookings/${id}`);
  const booking = await getMyBooking(actor, id).catch(() => notFound());
  const [t, locale] = await Promise.all([getTranslations("bookings"), getLocale()]);
  const active = booking.status === "BOOKED" && booking.startsAt > new Date();
  const alternatives = active && booking.item ? await bookableSlotsForItem(booking.item.implementationCode) : null;
  return (
    <>
      <Breadcrumbs items={[{ href: "/account/bookings", label: t("mine") }, { label: booking.code }]} />
      {fresh && booking.status === "BOOKED" && (
        <div role="status" className="mb-6 max-w-2xl rounded bg-ok p-4 text-white">
          <p className="text-xl font-bold">{t("booked")}</p>
        </div>
      )}
      {cancelled && booking.status === "CANCELLED" && (
        <p role="status" className="mb-6 max-w-2xl rounded border-2 border-ok p-4 font-semibold">
          {t("cancelled")}
        </p>
      )}
      <h1 className="mb-4 text-2xl font-bold">{t("confirmation")}</h1>
      <dl className="grid max-w-2xl grid-cols-1 border-t border-line sm:grid-cols-[10rem_1fr]">
        {(
          [
            [t("code"), booking.code],
            [t("time"), slotLabel(booking.startsAt, booking.endsAt, locale)],
            [
              t("office"),
              booking.office ? `${localizedName(locale, booking.office)}（${booking.office.address}）` : "—",
            ],
            [t("item"), booking.item ? localizedName(locale, booking.item) : "—"],
            [t("statusLabel"), t(`status.${booking.status}`)],
          ] as [string, string][]
        ).map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="border-b border-line bg-surface px-3 py-2 font-semibold">{term}</dt>
            <dd
              className="border-b border-line px-3 py-2"
              data-testid={
                term === t("code") ? "booking-code" : term === t("statusLabel") ? "booking-status" : undefined
              }
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {active && (
        <>
          <p className="mt-4 max-w-2xl">{t("bring")}</p>
          {booking.office && (
            <p className="mt-2 max-w-2xl">
              <Link href={`/offices/${booking.office.code}/queue`} className="underline underline-offset-4">
                {t("queueLink")}
              </Link>
            </p>
          )}
          <section aria-labelledby="cancel-title" className="mt-6">
            <h2 id="cancel-title" className="mb-2 text-xl font-semibold">
              {t("cancelTitle")}
            </h2>
            <CancelButton bookingId={booking.id} action={cancelAction} label={t("cancel")} />
          </section>
          {alternatives && (
            <section aria-labelledby="move-title" className="mt-6">
              <h2 id="move-title" className="mb-2 text-xl font-semibold">
                {t("moveTitle")}
              </h2>
              <SlotPicker
                offices={pickerOffices(alternatives.offices, locale)}
                action={moveAction}
                hidden={{ bookingId: booking.id }}
                submitLabel={t("move")}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}
