"use server";

import { getActor } from "@/lib/auth/session";
import { savePreferences } from "@/lib/notifications/inbox";
import type { FormState } from "../../../../components/form/action-form";
import { errorState, formValues } from "../../../_lib/form-state";

export async function savePreferencesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["channels"]);
  const channels = formData.getAll("channels").map(String);
  try {
    await savePreferences(await getActor(), { EMAIL: channels.includes("EMAIL"), SMS: channels.includes("SMS") });
    return { values, done: "feedback.preferences.saved" };
  } catch (error) {
    return errorState(error, values);
  }
}
