import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { listUsers } from "@/lib/admin/queries";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("usersTitle") };
}

export default async function AdminUsers() {
  const actor = await requirePermission("admin.users.view", "/admin/users");
  const users = await listUsers(actor);
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.usersTitle")}</h1>
      <p className="mb-4 text-ink-muted">{t("admin.usersIntro")}</p>
      <DataTable
        caption={t("admin.usersTitle")}
        columns={[t("admin.columns.name"), t("admin.columns.role"), t("admin.columns.department"), t("admin.columns.phone"), t("admin.columns.idNumber"), t("admin.columns.status")]}
        rows={users.map((user) => [
          user.loginName ? `${user.realName}（${user.loginName}）` : user.realName,
          t(`roles.${user.role}`),
          user.department ? localizedName(locale, user.department) : "—",
          user.phone ?? "—",
          user.idNumber ?? "—",
          t(`admin.userStatus.${user.status}`),
        ])}
      />
    </>
  );
}
