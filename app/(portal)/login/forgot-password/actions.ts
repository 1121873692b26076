"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, runPublicAction } from "@/app/_lib/action";
import { resetPassword } from "@/lib/accounts/passwords";
import { requestPhoneCode } from "@/lib/accounts/phone-codes";
import { currentLocale } from "@/lib/i18n/request";

/**
 * "Get code" (intent=sendCode) or "reset": both work without JavaScript and keep the phone typed (never the passwords
 * or the code). `values.codeRequested` says a code was sent, so the code field stays offered.
 */
export async function resetPasswordAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const phone = String(formData.get("phone") ?? "").slice(0, 40);
  const kept = { phone, codeRequested: formData.get("codeRequested") === "1" ? "1" : "" };
  if (formData.get("intent") === "sendCode") {
    const sent = await runPublicAction(
      "reset code",
      async (ip) => requestPhoneCode({ phone }, { purpose: "resetPassword", ip, locale: await currentLocale() }),
      { values: kept },
    );
    return sent.ok ? { ...sent, values: { phone, codeRequested: "1" } } : sent;
  }
  const result = await runPublicAction(
    "password reset",
    (ip) =>
      resetPassword({
        input: {
          phone,
          smsCode: String(formData.get("smsCode") ?? "").slice(0, 40),
          password: String(formData.get("password") ?? ""),
          confirmPassword: String(formData.get("confirmPassword") ?? ""),
        },
        ip,
      }),
    { values: kept },
  );
  if (!result.ok) return result;
  redirect("/login?passwordReset=1");
}
