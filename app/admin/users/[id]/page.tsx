import Link from "next/link";
import { StepUpNotice } from "@/components/form/step-up-notice";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { localizedName } from "@/lib/i18n/localized";
import { getStaff } from "@/lib/reference/staff";
import { EntityForm } from "../../_reference/entity-form";
import {
  createStaffAction,
  resetStaffPasswordAction,
  resetStaffSecondFactorAction,
  setStaffStatusAction,
  updateStaffAction,
} from "../actions";
import { staffOptions } from "../options";

export async function generateMetadata() {
  return { title: (await getTranslations("reference.users"))("title") };
}

const passwordFields = (t: (key: string) => string) => [
  {
    name: "password",
    label: t("reference.users.password"),
    type: "password" as const,
    hint: t("reference.users.passwordHint"),
    autoComplete: "new-password",
  },
  {
    name: "confirmPassword",
    label: t("reference.users.confirmPassword"),
    type: "password" as const,
    autoComplete: "new-password",
  },
];

/** `/admin/users/new` creates a staff account; `/admin/users/{id}` changes, deactivates or resets one. */
export default async function StaffAccount({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePermission("admin.users.view", `/admin/users/${id}`);
  const t = await getTranslations();
  const locale = await getLocale();
  const options = await staffOptions(actor, locale, t);
  const back = (
    <p className="mb-2">
      <Link href="/admin/users" className="text-brand-700 underline underline-offset-4">
        {t("reference.users.back")}
      </Link>
    </p>
  );

  if (id === "new") {
    return (
      <>
        {back}
        <h1 className="mb-2 text-2xl font-bold">{t("reference.users.new")}</h1>
        <StepUpNotice actor={actor} returnTo="/admin/users/new" />
        <p className="mb-4 max-w-3xl text-ink-muted">{t("reference.users.newIntro")}</p>
        <div className="max-w-3xl">
          <EntityForm
            action={createStaffAction}
            fields={[
              {
                name: "loginName",
                label: t("reference.users.loginName"),
                hint: t("reference.users.loginNameHint"),
                maxLength: 32,
                autoComplete: "off",
              },
              { name: "realName", label: t("reference.users.realName"), maxLength: 50, autoComplete: "off" },
              { name: "role", label: t("admin.columns.role"), type: "select", options: options.roles },
              {
                name: "departmentId",
                label: t("admin.columns.department"),
                type: "select",
                hint: t("reference.users.departmentHint"),
                options: options.departments,
                wide: true,
              },
              {
                name: "duties",
                label: t("reference.users.duties"),
                type: "checkboxes",
                hint: t("reference.users.dutiesHint"),
                options: options.duties,
              },
              ...passwordFields(t),
            ]}
            initial={{ role: "CLERK", departmentId: actor.departmentId ?? "", duties: "" }}
            submitLabel={t("reference.users.create")}
          />
        </div>
      </>
    );
  }

  const account = await getStaff(actor, id);
  if (!account) notFound();
  return (
    <>
      {back}
      <h1 className="mb-2 text-2xl font-bold">
        {account.realName}（{account.loginName}）
      </h1>
      {account.manageable && <StepUpNotice actor={actor} returnTo={`/admin/users/${account.id}`} />}
      <dl className="mb-6 grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">{t("admin.columns.role")}</dt>
        <dd>{t(`roles.${account.role}`)}</dd>
        <dt className="font-semibold">{t("admin.columns.department")}</dt>
        <dd>{account.department ? localizedName(locale, account.department) : "—"}</dd>
        <dt className="font-semibold">{t("reference.users.duties")}</dt>
        <dd>{account.duties.length ? account.duties.map((duty) => t(`cases.duty.${duty}`)).join("、") : "—"}</dd>
        <dt className="font-semibold">{t("admin.columns.status")}</dt>
        <dd>{t(`admin.userStatus.${account.status}`)}</dd>
      </dl>
      {!account.manageable ? (
        <p>{t("reference.readOnly")}</p>
      ) : (
        <div className="flex max-w-3xl flex-col gap-8">
          {account.self ? (
            <p className="rounded border-2 border-line p-3">{t("reference.users.selfNote")}</p>
          ) : (
            <>
              <section aria-labelledby="role-title">
                <h2 id="role-title" className="mb-2 text-xl font-bold">
                  {t("reference.users.roleTitle")}
                </h2>
                <p className="mb-3 text-ink-muted">{t("reference.users.roleIntro")}</p>
                <EntityForm
                  action={updateStaffAction}
                  idPrefix="role"
                  fields={[
                    { name: "id", label: "", type: "hidden" },
                    { name: "role", label: t("admin.columns.role"), type: "select", options: options.roles },
                    {
                      name: "departmentId",
                      label: t("admin.columns.department"),
                      type: "select",
                      options: options.departments,
                      wide: true,
                    },
                    {
                      name: "duties",
                      label: t("reference.users.duties"),
                      type: "checkboxes",
                      hint: t("reference.users.dutiesHint"),
                      options: options.duties,
                    },
                  ]}
                  initial={{
                    id: account.id,
                    role: account.role,
                    departmentId: account.departmentId ?? "",
                    duties: account.duties.join(","),
                  }}
                  submitLabel={t("reference.save")}
                />
              </section>
              <section aria-labelledby="status-title">
                <h2 id="status-title" className="mb-2 text-xl font-bold">
                  {t("reference.users.statusTitle")}
                </h2>
                <p className="mb-3 text-ink-muted">
                  {account.status === "ACTIVE"
                    ? t("reference.users.deactivateIntro")
                    : t("reference.users.reactivateIntro")}
                </p>
                <EntityForm
                  action={setStaffStatusAction}
                  inline
                  variant={account.status === "ACTIVE" ? "danger" : "secondary"}
                  fields={[
                    { name: "id", label: "", type: "hidden" },
                    { name: "action", label: "", type: "hidden" },
                  ]}
                  initial={{ id: account.id, action: account.status === "ACTIVE" ? "deactivate" : "reactivate" }}
                  submitLabel={
                    account.status === "ACTIVE" ? t("reference.users.deactivate") : t("reference.users.reactivate")
                  }
                />
              </section>
            </>
          )}
          <section aria-labelledby="password-title">
            <h2 id="password-title" className="mb-2 text-xl font-bold">
              {t("reference.users.passwordTitle")}
            </h2>
            <p className="mb-3 text-ink-muted">{t("reference.users.passwordIntro")}</p>
            <EntityForm
              action={resetStaffPasswordAction}
              idPrefix="pw"
              fields={[{ name: "id", label: "", type: "hidden" }, ...passwordFields(t)]}
              initial={{ id: account.id }}
              submitLabel={t("reference.users.resetPassword")}
              variant="secondary"
            />
          </section>
          {!account.self && (
            <section aria-labelledby="second-factor-title">
              <h2 id="second-factor-title" className="mb-2 text-xl font-bold">
                {t("auth.secondFactor.reset")}
              </h2>
              <p className="mb-3 text-ink-muted">{t("auth.secondFactor.resetIntro")}</p>
              <EntityForm
                action={resetStaffSecondFactorAction}
                inline
                variant="danger"
                fields={[{ name: "id", label: "", type: "hidden" }]}
                initial={{ id: account.id }}
                submitLabel={t("auth.secondFactor.reset")}
              />
            </section>
          )}
        </div>
      )}
    </>
  );
}
