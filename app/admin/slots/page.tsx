import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { listManagedOffices } from "@/lib/bookings/bookings";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("bookings"))("admin.title") };
}

/** Offices whose visit slots this administrator manages. */
export default async function AdminSlotsPage() {
  const actor = await requirePermission("office.slots.manage", "/admin/slots");
  const [offices, t, locale] = await Promise.all([listManagedOffices(actor), getTranslations("bookings"), getLocale()]);
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("admin.intro")}</p>
      {offices.length === 0 ? (
        <p>{t("admin.noOffices")}</p>
      ) : (
        <ul className="flex max-w-2xl flex-col gap-2">
          {offices.map((office) => (
            <li key={office.id}>
              <Link href={`/admin/slots/${office.id}`} className="text-brand-700 underline underline-offset-4">
                {localizedName(locale, office)}
              </Link>
              {!office.active && <span className="ml-2 text-sm text-ink-muted">{t("admin.inactive")}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
