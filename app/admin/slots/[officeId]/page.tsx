import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { listOfficeSlots } from "@/lib/bookings/bookings";
import { chinaToday } from "@/lib/calendar/china-time";
import { localizedName } from "@/lib/i18n/localized";
import { slotLabel } from "@/lib/bookings/slot-labels";
import { deleteSlotAction, updateCapacityAction } from "../actions";
import { SlotForm } from "./slot-form";
import { ScrollRegion } from "@/components/ui/scroll-region";

type Props = { params: Promise<{ officeId: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("bookings"))("admin.title") };
}

/** An office's slots: open new ones, change a capacity (never below what is booked), delete unbooked ones. */
export default async function OfficeSlotsPage({ params }: Props) {
  const { officeId } = await params;
  const actor = await requirePermission("office.slots.manage", `/admin/slots/${officeId}`);
  const { office, slots } = await listOfficeSlots(actor, officeId).catch(() => notFound());
  const [t, locale] = await Promise.all([getTranslations("bookings"), getLocale()]);
  const today = chinaToday();
  return (
    <>
      <Breadcrumbs
        items={[{ href: "/admin/slots", label: t("admin.title") }, { label: localizedName(locale, office) }]}
      />
      <h1 className="mb-4 text-2xl font-bold">{localizedName(locale, office)}</h1>
      <h2 className="mb-2 text-xl font-semibold">{t("admin.createTitle")}</h2>
      <SlotForm officeId={office.id} today={today} />
      <h2 className="mt-8 mb-2 text-xl font-semibold">{t("admin.slots")}</h2>
      {slots.length === 0 ? (
        <p>{t("admin.noSlots")}</p>
      ) : (
        <ScrollRegion label={t("admin.slots")}>
          <table className="min-w-full border-collapse text-left">
            <thead>
              <tr className="border-b-2 border-line">
                <th scope="col" className="px-2 py-2">
                  {t("time")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("admin.booked")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("admin.capacity")}
                </th>
                <th scope="col" className="px-2 py-2">
                  <span className="sr-only">{t("admin.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {slots.map((slot) => (
                <tr key={slot.id} className="border-b border-line">
                  <td className="px-2 py-2">{slotLabel(slot.startsAt, slot.endsAt, locale)}</td>
                  <td className="px-2 py-2">{slot.booked}</td>
                  <td className="px-2 py-2">
                    <form action={updateCapacityAction} className="flex gap-2">
                      <input type="hidden" name="slotId" value={slot.id} />
                      <input type="hidden" name="officeId" value={office.id} />
                      <label className="sr-only" htmlFor={`cap-${slot.id}`}>
                        {t("admin.capacity")}
                      </label>
                      <Input
                        id={`cap-${slot.id}`}
                        name="capacity"
                        type="number"
                        min={slot.booked}
                        max={500}
                        defaultValue={slot.capacity}
                        className="w-20"
                      />
                      <Button type="submit" variant="secondary">
                        {t("admin.save")}
                      </Button>
                    </form>
                  </td>
                  <td className="px-2 py-2">
                    {slot.booked === 0 && (
                      <form action={deleteSlotAction}>
                        <input type="hidden" name="slotId" value={slot.id} />
                        <input type="hidden" name="officeId" value={office.id} />
                        <Button type="submit" variant="danger">
                          {t("admin.delete")}
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
