import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { getPreferences } from "@/lib/notifications/inbox";
import { ActionForm } from "../../../../components/form/action-form";
import { savePreferencesAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.preferences"))("title") };
}

/** 通知设置: e-mail and SMS can be switched off; the in-app inbox always receives every message. */
export default async function NotificationPreferencesPage() {
  const actor = await requirePermission("notifications.own", "/account/notifications");
  const preferences = await getPreferences(actor);
  const t = await getTranslations("feedback.preferences");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 max-w-2xl">{t("intro")}</p>
      <ActionForm
        id="preferences"
        action={savePreferencesAction}
        fields={[
          {
            name: "channels",
            label: t("channels"),
            hint: t("inboxAlways"),
            type: "checkboxes",
            options: [
              { value: "EMAIL", label: t("email") },
              { value: "SMS", label: t("sms") },
            ],
          },
        ]}
        initial={{ channels: (["EMAIL", "SMS"] as const).filter((channel) => preferences[channel]) }}
        submitLabel={t("save")}
      />
    </>
  );
}
