import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { buttonClass } from "@/components/ui/button";
import { reachesEveryDepartment } from "@/lib/auth/policy";
import { DataTable } from "@/components/ui/data-table";
import { localizedName } from "@/lib/i18n/localized";
import { listStaff } from "@/lib/reference/staff";
import { DoneNotice } from "../_reference/notices";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("reference.users"))("title") };
}

export default async function AdminUsers({ searchParams }: Props) {
  const actor = await requirePermission("admin.users.view", "/admin/users");
  const params = await searchParams;
  const staff = await listStaff(actor);
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("reference.users.title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">
        {reachesEveryDepartment(actor, "admin.users.view")
          ? t("reference.users.introPlatform")
          : t("reference.users.introDepartment")}
      </p>
      <DoneNotice done={params.done} />
      <p className="mb-4">
        <Link href="/admin/users/new" className={buttonClass()}>
          {t("reference.users.new")}
        </Link>
      </p>
      <DataTable
        caption={t("reference.users.caption", { count: staff.length })}
        columns={[
          t("admin.columns.name"),
          t("reference.users.loginName"),
          t("admin.columns.role"),
          t("reference.users.duties"),
          t("admin.columns.department"),
          t("admin.columns.status"),
          t("reference.actions"),
        ]}
        rows={staff.map((user) => [
          <span key="name">
            {user.realName}
            {user.self ? <span className="text-ink-muted">{t("reference.users.you")}</span> : null}
          </span>,
          <code key="login">{user.loginName ?? "—"}</code>,
          t(`roles.${user.role}`),
          user.duties.length ? user.duties.map((duty) => t(`cases.duty.${duty}`)).join("、") : "—",
          user.department ? localizedName(locale, user.department) : "—",
          <span key="status" className={user.status === "ACTIVE" ? "" : "font-semibold text-accent-600"}>
            {t(`admin.userStatus.${user.status}`)}
          </span>,
          user.manageable ? (
            <Link
              key="manage"
              href={`/admin/users/${user.id}`}
              className="relative inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
            >
              {t("reference.users.manage")}
              <span className="sr-only">：{user.realName}</span>
            </Link>
          ) : (
            <span key="ro" className="text-ink-muted">
              {t("reference.readOnly")}
            </span>
          ),
        ])}
      />
    </>
  );
}
