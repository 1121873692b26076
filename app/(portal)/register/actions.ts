"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, runPublicAction } from "@/app/_lib/action";
import { requestPhoneCode } from "@/lib/accounts/phone-codes";
import { registerAccount } from "@/lib/accounts/register";
import { currentLocale } from "@/lib/i18n/request";

/** What the person typed and is shown again (never the passwords or the code), so nothing entered is lost. */
const KEPT_FIELDS = ["accountType", "realName", "idNumber", "phone"] as const;

/**
 * One form, two buttons: "get code" (intent=sendCode) sends the SMS code to the phone typed so far, "register"
 * creates the account. Both work without JavaScript (the buttons submit the form) and keep what was typed.
 * `values.codeRequested` is set once a code was asked for: the same answer whether or not the number has an account.
 */
export async function registerAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values: Record<string, string> = Object.fromEntries(
    KEPT_FIELDS.map((field) => [field, String(formData.get(field) ?? "").slice(0, 200)]),
  );
  if (formData.get("intent") === "sendCode")
    return runPublicAction(
      "registration code",
      async (ip) =>
        requestPhoneCode({ phone: values.phone }, { purpose: "register", ip, locale: await currentLocale() }),
      { values: { ...values, codeRequested: "1" } },
    ).then((sent) => (sent.ok ? sent : { ...sent, values }));
  const result = await runPublicAction(
    "registration",
    (ip) =>
      registerAccount({
        input: {
          ...values,
          smsCode: String(formData.get("smsCode") ?? "").slice(0, 40),
          password: String(formData.get("password") ?? ""),
          confirmPassword: String(formData.get("confirmPassword") ?? ""),
        },
        ip,
      }),
    { values },
  );
  if (!result.ok) return result;
  redirect("/login?registered=1");
}
