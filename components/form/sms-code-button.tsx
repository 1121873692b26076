"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

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
      <Button
        type="submit"
        name="intent"
        value="sendCode"
        formNoValidate
        disabled={pending}
        variant="secondary"
        className="self-start"
      >
        {requested ? t("resendCode") : t("sendCode")}
      </Button>
      <p role="status" className={requested ? "font-semibold text-ok" : "sr-only"}>
        {requested ? requestedText : ""}
      </p>
    </div>
  );
}
