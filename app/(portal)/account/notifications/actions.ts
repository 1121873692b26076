"use server";

import { type ActionResult, type ActionState, formValues, runAction } from "@/app/_lib/action";
import { savePreferences } from "@/lib/notifications/inbox";

export async function savePreferencesAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const channels = formData.getAll("channels").map(String);
  return runAction(
    "notification settings",
    (actor) => savePreferences(actor, { EMAIL: channels.includes("EMAIL"), SMS: channels.includes("SMS") }),
    { values: formValues(formData, ["channels"]), done: "feedback.preferences.saved" },
  );
}
