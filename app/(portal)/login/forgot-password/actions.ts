"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/accounts/passwords";
import { requestPhoneCode } from "@/lib/accounts/phone-codes";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { currentLocale } from "@/lib/i18n/request";
import { logger } from "@/lib/logger";

export type ResetState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  codeRequested?: boolean;
  /** The phone as typed (never the passwords or the code). */
  values?: { phone?: string };
};

/** "Get code" (intent=sendCode) or "reset": both work without JavaScript and keep the phone typed. */
export async function resetPasswordAction(_previous: ResetState, formData: FormData): Promise<ResetState> {
  const values = { phone: String(formData.get("phone") ?? "").slice(0, 40) };
  const ip = clientIpFrom(await headers());
  try {
    if (formData.get("intent") === "sendCode") {
      await requestPhoneCode({ phone: values.phone }, { purpose: "resetPassword", ip, locale: await currentLocale() });
      return { codeRequested: true, values };
    }
    await resetPassword({
      input: {
        phone: values.phone,
        smsCode: String(formData.get("smsCode") ?? "").slice(0, 40),
        password: String(formData.get("password") ?? ""),
        confirmPassword: String(formData.get("confirmPassword") ?? ""),
      },
      ip,
    });
  } catch (error) {
    if (isAppError(error))
      return {
        fieldErrors: error.details.fieldErrors,
        formError: error.messageKey,
        values,
        codeRequested: formData.get("codeRequested") === "1",
      };
    logger.error({ err: error }, "password reset failed");
    return { formError: "errors.unexpected", values };
  }
  redirect("/login?passwordReset=1");
}
