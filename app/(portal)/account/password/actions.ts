"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { changePassword } from "@/lib/accounts/passwords";
import { getActor } from "@/lib/auth/session";

/** 修改密码: every session ends with the old password, this one too, so the person signs in again with the new one. */
export async function changePasswordAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  if (!(await getActor())) redirect("/login?callbackUrl=%2Faccount%2Fpassword");
  const result = await runAction("password change", (actor, ip) =>
    changePassword(actor, {
      input: {
        currentPassword: String(formData.get("currentPassword") ?? ""),
        password: String(formData.get("password") ?? ""),
        confirmPassword: String(formData.get("confirmPassword") ?? ""),
      },
      ip,
    }),
  );
  if (!result.ok) return result;
  redirect("/login?passwordChanged=1");
}
