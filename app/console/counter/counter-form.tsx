"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState, useState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Field } from "@/components/form/field";
import { FormRenderer } from "@/components/form-definitions/form-renderer";
import { Button, buttonClass } from "@/components/ui/button";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import type { Answers } from "@/lib/forms/compile";
import type { FormDefinition } from "@/lib/forms/definition";
import type { ActionState } from "@/app/_lib/action-result";
import type { CounterReceipt } from "@/lib/cases/counter";
import { type CounterKept, registerWalkInAction } from "./actions";

type Item = { id: string; name: string; materials: { code: string; name: string; required: boolean }[] };

/** Field errors of the item's form (`answers.…`), without the prefix, as the form renderer shows them. */
function answerErrors(state: ActionState<CounterReceipt, CounterKept>): Record<string, string> | null {
  const entries = Object.entries(state.fieldErrors ?? {}).filter(([field]) => field.startsWith("answers."));
  return entries.length
    ? Object.fromEntries(entries.map(([field, message]) => [field.slice("answers.".length), message]))
    : null;
}

/**
 * 窗口收件: first the item's form filled in for the applicant (when the item has one; uploads excepted), then the
 * applicant's identity (checked in person), the papers received and their scans, and the receipt to print. Values,
 * answers and stored scans stay on every error; an error in the form's answers opens the form again at that field.
 */
export function CounterForm({ item, definition }: Readonly<{ item: Item; definition: FormDefinition | null }>) {
  const t = useTranslations();
  const locale = useLocale();
  const [state, formAction, pending] = useActionState<ActionState<CounterReceipt, CounterKept>, FormData>(
    registerWalkInAction,
    {
      ok: null,
    },
  );
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [editing, setEditing] = useState(definition !== null);
  // The answers were completed against this server answer: a later answer with form errors opens the form again.
  const [completedAt, setCompletedAt] = useState<ActionState<CounterReceipt, CounterKept> | null>(null);
  const formErrors = answerErrors(state);
  const values = state.values ?? {};
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const picked = new Set(
    Array.isArray(values.materialCodes) ? values.materialCodes : item.materials.map((material) => material.code),
  );
  const error = (name: string) => state.fieldErrors?.[name];
  const labels: Record<string, string> = {
    serviceItemId: t("cases.counter.item"),
    realName: t("cases.counter.realName"),
    idNumber: t("cases.counter.idNumber"),
    phone: t("cases.counter.phone"),
    identityCheck: t("cases.counter.identityCheck"),
    identityConfirmed: t("cases.counter.identityConfirmed"),
    materialCodes: t("cases.counter.materials"),
    note: t("cases.counter.note"),
  };

  if (state.ok) {
    const receipt = state.value;
    const at = new Intl.DateTimeFormat("zh-CN", {
      timeZone: CHINA_TIME_ZONE,
      dateStyle: "long",
      timeStyle: "short",
    }).format(new Date(receipt.submittedAt));
    return (
      <section
        aria-labelledby="receipt-title"
        className="max-w-2xl rounded border-4 border-ok p-4"
        data-testid="counter-receipt"
      >
        <h2 id="receipt-title" className="mb-3 text-xl font-bold">
          {t("cases.counter.receiptTitle")}
        </h2>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
          <dt className="font-semibold">{t("cases.counter.caseNumber")}</dt>
          <dd className="font-mono text-lg break-all" data-testid="receipt-case-number">
            {receipt.caseNumber}
          </dd>
          <dt className="font-semibold">{t("cases.counter.queryCode")}</dt>
          <dd className="font-mono text-lg" data-testid="receipt-query-code">
            {receipt.queryCode}
          </dd>
          <dt className="font-semibold">{t("cases.counter.applicant")}</dt>
          <dd>{receipt.applicantName}</dd>
          <dt className="font-semibold">{t("cases.counter.item")}</dt>
          <dd>{receipt.itemName}</dd>
          <dt className="font-semibold">{t("cases.counter.department")}</dt>
          <dd>{receipt.departmentName}</dd>
          <dt className="font-semibold">{t("cases.counter.receivedAt")}</dt>
          <dd>{at}</dd>
          <dt className="font-semibold">{t("cases.counter.materials")}</dt>
          <dd>{receipt.materials.length ? receipt.materials.join("、") : "—"}</dd>
        </dl>
        <p className="mt-3">{t("cases.counter.receiptTrack")}</p>
        {receipt.newApplicant && <p className="mt-1 text-sm">{t("cases.counter.newApplicant")}</p>}
        <div className="mt-4 flex flex-wrap gap-3 print:hidden">
          <Button type="button" onClick={() => window.print()}>
            {t("cases.counter.print")}
          </Button>
          <Link href={`/console/cases/${receipt.caseNumber}`} className={buttonClass({ variant: "secondary" })}>
            {t("cases.counter.openCase")}
          </Link>
          {/* Back to choosing the item: this form (and its receipt) goes away. */}
          <Link href="/console/counter" className="inline-flex min-h-11 items-center underline underline-offset-4">
            {t("cases.counter.next")}
          </Link>
        </div>
      </section>
    );
  }

  if (definition && (editing || (formErrors !== null && completedAt !== state))) {
    return (
      <section aria-labelledby="counter-answers-title" className="max-w-3xl">
        <h2 id="counter-answers-title" className="mb-1 text-xl font-semibold">
          {t("cases.counter.answersTitle", { item: item.name })}
        </h2>
        <p className="mb-3 text-ink-muted">{t("cases.counter.answersIntro")}</p>
        <FormRenderer
          definition={definition}
          locale={locale}
          defaultValues={answers ?? undefined}
          serverErrors={completedAt !== state ? (formErrors ?? undefined) : undefined}
          submitLabel={t("cases.counter.answersDone")}
          idPrefix="counter-answers"
          onComplete={(values) => {
            setAnswers(values);
            setCompletedAt(state);
            setEditing(false);
          }}
        />
      </section>
    );
  }

  const errors = Object.entries(state.fieldErrors ?? {})
    .filter(([field]) => !field.startsWith("answers."))
    .map(([field, message]) => ({ field: `counter-${field}`, message, label: labels[field] }));
  const scans = state.detail?.scans ?? [];
  const rejected = state.detail?.rejected ?? [];
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-4" noValidate aria-labelledby="counter-form-title">
      <h2 id="counter-form-title" className="text-xl font-semibold">
        {t("cases.counter.formTitle", { item: item.name })}
      </h2>
      <ErrorSummary errors={errors} formError={errors.length === 0 ? state.formError : undefined} />
      <input type="hidden" name="serviceItemId" value={item.id} />
      {answers && <input type="hidden" name="answers" value={JSON.stringify(answers)} />}
      {scans.map((scan) => (
        <input key={scan.fileId} type="hidden" name="keptScan" value={JSON.stringify(scan)} />
      ))}
      {definition && answers && (
        <p
          className="flex flex-wrap items-center gap-3 rounded border-2 border-ok p-2"
          data-testid="counter-answers-done"
        >
          {t("cases.counter.answersFilled")}
          <Button type="button" onClick={() => setEditing(true)} variant="secondary">
            {t("cases.counter.answersEdit")}
          </Button>
        </p>
      )}
      <fieldset className="flex flex-col gap-3 rounded border-2 border-line p-3">
        <legend className="px-1 font-semibold">{t("cases.counter.applicantTitle")}</legend>
        <Field id="counter-realName" label={labels.realName ?? ""} error={error("realName")}>
          {(props) => (
            <input {...props} name="realName" autoComplete="off" maxLength={50} defaultValue={text("realName")} />
          )}
        </Field>
        <Field id="counter-idNumber" label={labels.idNumber ?? ""} error={error("idNumber")}>
          {(props) => (
            <input
              {...props}
              name="idNumber"
              autoComplete="off"
              maxLength={32}
              defaultValue={text("idNumber")}
              className={`${props.className} font-mono`}
            />
          )}
        </Field>
        <Field id="counter-phone" label={labels.phone ?? ""} hint={t("cases.counter.phoneHint")} error={error("phone")}>
          {(props) => (
            <input {...props} name="phone" type="tel" autoComplete="off" maxLength={20} defaultValue={text("phone")} />
          )}
        </Field>
        <fieldset id="counter-identityCheck" tabIndex={-1} className="flex flex-col gap-1">
          <legend className="font-semibold">{labels.identityCheck}</legend>
          {error("identityCheck") && (
            <p className="font-semibold text-accent-600">✕ {t(error("identityCheck") ?? "")}</p>
          )}
          {(["ORIGINAL_DOCUMENT", "CARD_READER"] as const).map((option) => (
            <label key={option} className="flex min-h-11 items-center gap-2">
              <input
                type="radio"
                name="identityCheck"
                value={option}
                defaultChecked={(text("identityCheck") || "CARD_READER") === option}
                className="size-5"
              />
              {t(`cases.counter.identityChecks.${option}`)}
            </label>
          ))}
        </fieldset>
        <div className={`rounded border-2 p-2 ${error("identityConfirmed") ? "border-accent-600" : "border-line"}`}>
          {error("identityConfirmed") && (
            <p className="font-semibold text-accent-600">✕ {t(error("identityConfirmed") ?? "")}</p>
          )}
          <label className="flex min-h-11 items-center gap-2 font-semibold">
            <input
              id="counter-identityConfirmed"
              type="checkbox"
              name="identityConfirmed"
              value="yes"
              defaultChecked={text("identityConfirmed") === "yes"}
              className="size-5"
            />
            {labels.identityConfirmed}
          </label>
        </div>
      </fieldset>
      <fieldset
        id="counter-materialCodes"
        tabIndex={-1}
        className="flex flex-col gap-1 rounded border-2 border-line p-3"
      >
        <legend className="px-1 font-semibold">{labels.materialCodes}</legend>
        <p className="text-sm text-ink-muted">{t("cases.counter.materialsHint")}</p>
        {error("materialCodes") && <p className="font-semibold text-accent-600">✕ {t(error("materialCodes") ?? "")}</p>}
        {item.materials.length === 0 && <p>{t("cases.counter.noMaterials")}</p>}
        {item.materials.map((material) => {
          const stored = scans.filter((scan) => scan.materialCode === material.code);
          const refused = rejected.filter((entry) => entry.materialCode === material.code);
          return (
            <div key={material.code} className="flex flex-col gap-1 border-b border-line py-2 last:border-b-0">
              <label className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  name="materialCodes"
                  value={material.code}
                  defaultChecked={picked.has(material.code)}
                  className="size-5"
                />
                {material.name}
                {material.required && <span className="text-sm text-ink-muted">（{t("cases.counter.required")}）</span>}
              </label>
              {stored.length > 0 && (
                <p className="ml-7 text-sm" data-testid={`counter-scans-${material.code}`}>
                  {t("cases.counter.scanned", { files: stored.map((scan) => scan.name).join("、") })}
                </p>
              )}
              {refused.map((entry, index) => (
                <p
                  key={index}
                  id={index === 0 ? `counter-scan-${material.code}-error` : undefined}
                  className="ml-7 font-semibold text-accent-600"
                >
                  ✕ {entry.name}：{t(entry.messageKey, entry.values)}
                </p>
              ))}
              <label htmlFor={`counter-scan-${material.code}`} className="ml-7 text-sm">
                {t("cases.counter.scan", { material: material.name })}
              </label>
              <input
                id={`counter-scan-${material.code}`}
                type="file"
                name={`scan:${material.code}`}
                multiple
                accept="application/pdf,image/jpeg,image/png"
                aria-invalid={refused.length > 0 ? true : undefined}
                aria-describedby={refused.length > 0 ? `counter-scan-${material.code}-error` : undefined}
                className="ml-7 max-w-full text-sm"
              />
            </div>
          );
        })}
      </fieldset>
      <Field id="counter-note" label={labels.note ?? ""} error={error("note")}>
        {(props) => <textarea {...props} name="note" rows={2} maxLength={1000} defaultValue={text("note")} />}
      </Field>
      <Button type="submit" disabled={pending} className="self-start">
        {t("cases.counter.submit")}
      </Button>
    </form>
  );
}
