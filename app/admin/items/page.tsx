import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Pagination } from "@/components/catalogue/pagination";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { ADMIN_ITEMS_PAGE_SIZE, listManagedItems } from "@/lib/catalogue/availability";
import { pageParam } from "@/lib/http/params";
import { localizedName } from "@/lib/i18n/localized";
import { AvailabilityForm } from "./availability-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("admin.items"))("title") };
}

export default async function AdminItems({ searchParams }: Props) {
  const actor = await requirePermission("catalogue.items.manage", "/admin/items");
  const page = pageParam((await searchParams).page);
  const { total, items } = await listManagedItems(actor, page);
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.items.title")}</h1>
      <p className="mb-4 text-ink-muted">{t("admin.items.intro")}</p>
      <p className="mb-4 flex flex-wrap gap-4">
        <Link href="/admin/items/new" className={buttonClass()}>
          {t("catalogueAdmin.create.title")}
        </Link>
        <Link href="/admin/reviews" className={buttonClass({ variant: "secondary" })}>
          {t("catalogueAdmin.reviews.title")}
        </Link>
      </p>
      <DataTable
        caption={t("catalogue.total", { total })}
        columns={[
          t("admin.columns.name"),
          t("admin.columns.department"),
          t("admin.columns.region"),
          t("admin.items.status"),
          t("admin.columns.action"),
        ]}
        rows={items.map((item) => [
          <Link
            key="name"
            href={`/items/${item.implementationCode}`}
            className="text-brand-700 underline underline-offset-4"
          >
            {localizedName(locale, item)}
          </Link>,
          localizedName(locale, item.department),
          localizedName(locale, item.region),
          <span key="status">
            {t(`admin.items.statuses.${item.status}`)}
            {item.suspensionNotice ? (
              <span className="block text-sm text-ink-muted">{item.suspensionNotice}</span>
            ) : null}
          </span>,
          item.editable ? (
            <div key="actions" className="flex flex-col gap-2">
              <Link
                href={`/admin/items/${encodeURIComponent(item.implementationCode)}/edit`}
                className="font-semibold text-brand-700 underline underline-offset-4"
              >
                {t("catalogueAdmin.editLink")}
                <span className="sr-only">：{localizedName(locale, item)}</span>
              </Link>
              {(item.status === "ACTIVE" || item.status === "SUSPENDED") && (
                <AvailabilityForm
                  code={item.implementationCode}
                  suspended={item.status === "SUSPENDED"}
                  label={localizedName(locale, item)}
                />
              )}
            </div>
          ) : (
            <span key="ro">{t("admin.items.readOnly")}</span>
          ),
        ])}
      />
      <Pagination
        page={page}
        total={total}
        pageSize={ADMIN_ITEMS_PAGE_SIZE}
        hrefFor={(number) => `/admin/items?page=${number}`}
      />
    </>
  );
}
