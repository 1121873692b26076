import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { buttonClass } from "@/components/ui/button";
import { can } from "@/lib/auth/policy";
import { localizedName } from "@/lib/i18n/localized";
import { listOffices } from "@/lib/reference/offices";
import { EntityForm } from "../_reference/entity-form";
import { DoneNotice } from "../_reference/notices";
import { setOfficeActiveAction } from "./actions";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("reference.offices"))("title") };
}

export default async function AdminOffices({ searchParams }: Props) {
  const actor = await requirePermission("admin.structure.view", "/admin/offices");
  const params = await searchParams;
  const offices = await listOffices(actor);
  const manage = can(actor, "admin.structure.manage");
  const t = await getTranslations("reference");
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("offices.title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("offices.intro")}</p>
      <DoneNotice done={params.done} />
      {manage && (
        <p className="mb-4">
          <Link href="/admin/offices/new" className={buttonClass()}>
            {t("offices.new")}
          </Link>
        </p>
      )}
      <DataTable
        caption={t("offices.caption", { count: offices.length })}
        columns={[
          t("offices.name"),
          t("offices.region"),
          t("offices.address"),
          t("offices.openingHours"),
          t("offices.status"),
          ...(manage ? [t("actions")] : []),
        ]}
        rows={offices.map((office) => {
          const name = localizedName(locale, office);
          return [
            <span key="name">
              {manage ? (
                <Link href={`/admin/offices/${office.id}`} className="text-brand-700 underline underline-offset-4">
                  {name}
                </Link>
              ) : (
                name
              )}
              <span className="block text-sm text-ink-muted">
                <code>{office.code}</code>
                {office.department ? ` · ${localizedName(locale, office.department)}` : ""}
              </span>
            </span>,
            localizedName(locale, office.region),
            <span key="address">
              {office.address}
              <span className="block text-sm text-ink-muted">{office.phone}</span>
            </span>,
            office.openingHours,
            office.active ? t("offices.active") : t("offices.inactive"),
            ...(manage
              ? [
                  <EntityForm
                    key="toggle"
                    action={setOfficeActiveAction}
                    inline
                    variant={office.active ? "danger" : "secondary"}
                    fields={[
                      { name: "id", label: "", type: "hidden" },
                      { name: "active", label: "", type: "hidden" },
                    ]}
                    initial={{ id: office.id, active: office.active ? "false" : "true" }}
                    submitLabel={office.active ? t("offices.deactivate") : t("offices.reactivate")}
                    srSuffix={name}
                  />,
                ]
              : []),
          ];
        })}
      />
      {offices.length === 0 && <p className="mt-2">{t("offices.none")}</p>}
    </>
  );
}
