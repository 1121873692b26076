"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { registerAccount } from "@/lib/accounts/register";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

export type RegisterState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  /** What the person typed (never the passwords), so nothing entered is lost. */
  values?: Record<string, string>;
};

const KEPT_FIELDS = ["accountType", "realName", "idNumber", "phone", "companyName", "creditCode"] as const;

export async function registerAction(_previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const values = Object.fromEntries(KEPT_FIELDS.map((field) => [field, String(formData.get(field) ?? "").slice(0, 200)]));
  const input = { ...values, password: String(formData.get("password") ?? ""), confirmPassword: String(formData.get("confirmPassword") ?? "") };
  try {
    await registerAccount({ input, ip: clientIpFrom(await headers()) });
  } catch (error) {
    if (isAppError(error)) return { fieldErrors: error.details.fieldErrors, formError: error.messageKey, values };
    logger.error({ err: error }, "registration failed");
    return { formError: "errors.unexpected", values };
  }
  redirect("/login?registered=1");
}
