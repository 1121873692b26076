"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Field } from "@/components/form/field";
import { Button, buttonClass } from "@/components/ui/button";
import type { ActionState } from "@/app/_lib/action-result";
import { enrolAction, renewRecoveryCodesAction, verifyAction } from "./actions";

function CodeInput({ state, label, hint }: Readonly<{ state: ActionState<unknown>; label: string; hint?: string }>) {
  return (
    <Field id="code" label={label} hint={hint} error={state.fieldErrors?.code} size="lg">
      {(props) => (
        <input
          {...props}
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          maxLength={16}
          className={`${props.className} max-w-xs text-lg tracking-widest`}
        />
      )}
    </Field>
  );
}

function Summary({ state, label }: Readonly<{ state: ActionState<unknown>; label: string }>) {
  const errors = Object.entries(state.fieldErrors ?? {}).map(([field, message]) => ({ field, message, label }));
  return <ErrorSummary errors={errors} formError={errors.length === 0 ? state.formError : undefined} />;
}

/** The recovery codes, shown once after enrolment or renewal. */
function RecoveryCodes({ codes, next }: Readonly<{ codes: string[]; next: string }>) {
  const t = useTranslations("auth.secondFactor");
  return (
    <section aria-labelledby="recovery-title" className="flex max-w-xl flex-col gap-4">
      <h2 id="recovery-title" className="text-xl font-bold" tabIndex={-1}>
        {t("recoveryTitle")}
      </h2>
      <p>{t("recoveryIntro")}</p>
      <ol
        className="grid grid-cols-2 gap-2 rounded border-2 border-ink-muted p-4 font-mono text-lg"
        data-testid="recovery-codes"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Link href={next} className={buttonClass({ size: "lg", className: "self-start" })}>
        {t("continue")}
      </Link>
    </section>
  );
}

/** Enrolment: the key as a QR code and as text until a code confirms it; then only the recovery codes. */
export function EnrolForm({ next, qr, secret }: Readonly<{ next: string; qr: string; secret: string }>) {
  const t = useTranslations("auth.secondFactor");
  const [state, formAction, pending] = useActionState<ActionState<string[]>, FormData>(enrolAction, { ok: null });
  if (state.ok && state.value) {
    return (
      <>
        <p role="status" className="mb-4 rounded border-2 border-ok p-3 font-semibold text-ok">
          {t("enrolled")}
        </p>
        <RecoveryCodes codes={state.value} next={next} />
      </>
    );
  }
  return (
    <>
      <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-start">
        {/* A data: URL made on the server: the key never goes to an image service. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={qr}
          alt={t("qrAlt")}
          width={240}
          height={240}
          className="rounded border-2 border-ink-muted bg-white"
        />
        <div>
          <p className="font-semibold">{t("secretLabel")}</p>
          <p className="mb-1 font-mono text-lg break-all" data-testid="totp-secret">
            {secret.replace(/(.{4})/g, "$1 ").trim()}
          </p>
          <p className="text-ink-muted">{t("secretHint")}</p>
        </div>
      </div>
      <form action={formAction} noValidate className="flex max-w-md flex-col gap-5">
        <Summary state={state} label={t("code")} />
        <CodeInput state={state} label={t("code")} />
        <div>
          <Button type="submit" disabled={pending} size="lg">
            {pending ? t("verifying") : t("confirm")}
          </Button>
        </div>
      </form>
    </>
  );
}

export function VerifyForm({ callbackUrl }: Readonly<{ callbackUrl: string }>) {
  const t = useTranslations("auth");
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    verifyAction.bind(null, callbackUrl),
    { ok: null },
  );
  return (
    <form action={formAction} noValidate className="flex max-w-md flex-col gap-5">
      <Summary state={state} label={t("otp")} />
      <CodeInput state={state} label={t("otp")} hint={t("otpHint")} />
      <div>
        <Button type="submit" disabled={pending} size="lg">
          {pending ? t("secondFactor.verifying") : t("secondFactor.verify")}
        </Button>
      </div>
    </form>
  );
}

/** How many recovery codes are left, and new ones on request (the count goes once the new codes are shown). */
export function RenewRecoveryCodes({ next, left }: Readonly<{ next: string; left: number }>) {
  const t = useTranslations("auth.secondFactor");
  const [state, formAction, pending] = useActionState<ActionState<string[]>>(renewRecoveryCodesAction, { ok: null });
  if (state.ok && state.value) return <RecoveryCodes codes={state.value} next={next} />;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <p>{t("recoveryLeft", { count: left })}</p>
      <Summary state={state} label={t("renewRecovery")} />
      <div>
        <Button type="submit" disabled={pending} variant="secondary" size="lg">
          {t("renewRecovery")}
        </Button>
      </div>
    </form>
  );
}
