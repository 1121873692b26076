"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { changePassword } from "@/lib/accounts/passwords";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

export type ChangePasswordState = { fieldErrors?: Record<string, string>; formError?: string };

/** 修改密码: every session ends with the old password, this one too, so the person signs in again with the new one. */
export async function changePasswordAction(
  _previous: ChangePasswordState,
  formData: FormData,
): Promise<ChangePasswordState> {
  const actor = await getActor();
  if (!actor) redirect("/login?callbackUrl=%2Faccount%2Fpassword");
  try {
    await changePassword(actor, {
      input: {
        currentPassword: String(formData.get("currentPassword") ?? ""),
        password: String(formData.get("password") ?? ""),
        confirmPassword: String(formData.get("confirmPassword") ?? ""),
      },
      ip: clientIpFrom(await headers()),
    });
  } catch (error) {
    if (isAppError(error)) return { fieldErrors: error.details.fieldErrors, formError: error.messageKey };
    logger.error({ err: error }, "password change failed");
    return { formError: "errors.unexpected" };
  }
  redirect("/login?passwordChanged=1");
}
