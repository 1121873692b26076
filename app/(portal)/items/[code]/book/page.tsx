import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { bookableSlotsForItem } from "@/lib/bookings/bookings";
import { localizedName } from "@/lib/i18n/localized";
import { bookAction } from "../../../account/bookings/actions";
import { pickerOffices } from "@/lib/bookings/slot-labels";
import { SlotPicker } from "../../../account/bookings/slot-picker";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("bookings"))("title") };
}

/** 预约办理: choose a time at an office that receives this item. */
export default async function BookPage({ params }: Props) {
  const { code } = await params;
  await requirePermission("booking.create", `/items/${encodeURIComponent(code)}/book`);
  const found = await bookableSlotsForItem(code);
  if (!found || !found.item.bookingSupported) notFound();
  const [t, locale] = await Promise.all([getTranslations("bookings"), getLocale()]);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/items/${encodeURIComponent(code)}`, label: localizedName(locale, found.item) },
          { label: t("title") },
        ]}
      />
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-2xl">{t("intro", { item: localizedName(locale, found.item) })}</p>
      <SlotPicker
        offices={pickerOffices(found.offices, locale)}
        action={bookAction}
        hidden={{ itemCode: code }}
        submitLabel={t("book")}
      />
    </>
  );
}
