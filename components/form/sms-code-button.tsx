"use client";

import { useTranslations } from "next-intl";

/**
 * "获取短信验证码": a submit button with intent=sendCode (the form's server action sends the code and keeps what
 * was typed; it works without JavaScript), and the status line once a code was asked for. Registration and
 * 找回密码 share it; each says in `requestedText` what the answer means for it.
 */
export function SmsCodeButton({
  requested,
  pending,
  requestedText,
}: Readonly<{ requested: boolean; pending: boolean; requestedText: string }>) {
  const t = useTranslations("identity");
  return (
    <div className="flex flex-col gap-2">
      <button
        type="submit"
        name="intent"
        value="sendCode"
        formNoValidate
        disabled={pending}
        className="min-h-11 self-start rounded border-2 border-brand-700 px-5 font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-70"
      >
        {requested ? t("resendCode") : t("sendCode")}
      </button>
      <p role="status" className={requested ? "font-semibold text-ok" : "sr-only"}>
        {requested ? requestedText : ""}
      </p>
    </div>
  );
}
