"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestPhoneCode } from "@/lib/accounts/phone-codes";
import { registerAccount } from "@/lib/accounts/register";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { currentLocale } from "@/lib/i18n/request";
import { logger } from "@/lib/logger";

export type RegisterState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  /** Set once a code was asked for: the same answer whether or not the number has an account. */
  codeRequested?: boolean;
  /** What the person typed (never the passwords or the code), so nothing entered is lost. */
  values?: Record<string, string>;
};

const KEPT_FIELDS = ["accountType", "realName", "idNumber", "phone"] as const;

/**
 * One form, two buttons: "get code" (intent=sendCode) sends the SMS code to the phone typed so far, "register"
 * creates the account. Both work without JavaScript (the buttons submit the form) and keep what was typed.
 */
export async function registerAction(_previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const values = Object.fromEntries(
    KEPT_FIELDS.map((field) => [field, String(formData.get(field) ?? "").slice(0, 200)]),
  );
  const ip = clientIpFrom(await headers());
  try {
    if (formData.get("intent") === "sendCode") {
      await requestPhoneCode({ phone: values.phone }, { purpose: "register", ip, locale: await currentLocale() });
      return { codeRequested: true, values };
    }
    const input = {
      ...values,
      smsCode: String(formData.get("smsCode") ?? "").slice(0, 40),
      password: String(formData.get("password") ?? ""),
      confirmPassword: String(formData.get("confirmPassword") ?? ""),
    };
    await registerAccount({ input, ip });
  } catch (error) {
    if (isAppError(error)) return { fieldErrors: error.details.fieldErrors, formError: error.messageKey, values };
    logger.error({ err: error }, "registration failed");
    return { formError: "errors.unexpected", values };
  }
  redirect("/login?registered=1");
}
