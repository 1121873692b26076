"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Field } from "@/components/form/field";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { type CounterFormState, registerWalkInAction } from "./actions";

type Item = { id: string; name: string; materials: { code: string; name: string; required: boolean }[] };


/**
 * 窗口收件: the applicant's identity (checked in person), the materials handed in, and the receipt to print. Values
 * stay on every error; the receipt replaces the form once the case exists.
 */
export function CounterForm({ item }: Readonly<{ item: Item }>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<CounterFormState, FormData>(registerWalkInAction, {});
  const values = state.values ?? {};
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const picked = new Set(Array.isArray(values.materialCodes) ? values.materialCodes : item.materials.map((material) => material.code));
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

  if (state.receipt) {
    const receipt = state.receipt;
    const at = new Intl.DateTimeFormat("zh-CN", { timeZone: CHINA_TIME_ZONE, dateStyle: "long", timeStyle: "short" }).format(new Date(receipt.submittedAt));
    return (
      <section aria-labelledby="receipt-title" className="max-w-2xl rounded border-4 border-ok p-4" data-testid="counter-receipt">
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
          <button type="button" onClick={() => window.print()} className="min-h-11 rounded bg-brand-700 px-4 font-semibold text-white">
            {t("cases.counter.print")}
          </button>
          <Link href={`/console/cases/${receipt.caseNumber}`} className="inline-flex min-h-11 items-center rounded border-2 border-brand-700 px-4 font-semibold text-brand-700">
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

  const errors = Object.entries(state.fieldErrors ?? {}).map(([field, message]) => ({ field: `counter-${field}`, message, label: labels[field] }));
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-4" noValidate aria-labelledby="counter-form-title">
      <h2 id="counter-form-title" className="text-xl font-semibold">
        {t("cases.counter.formTitle", { item: item.name })}
      </h2>
      <ErrorSummary errors={errors} formError={errors.length === 0 ? state.formError : undefined} />
      <input type="hidden" name="serviceItemId" value={item.id} />
      <fieldset className="flex flex-col gap-3 rounded border-2 border-line p-3">
        <legend className="px-1 font-semibold">{t("cases.counter.applicantTitle")}</legend>
        <Field id="counter-realName" label={labels.realName ?? ""} error={error("realName")}>
          {(props) => <input {...props} name="realName" autoComplete="off" maxLength={50} defaultValue={text("realName")} />}
        </Field>
        <Field id="counter-idNumber" label={labels.idNumber ?? ""} error={error("idNumber")}>
          {(props) => <input {...props} name="idNumber" autoComplete="off" maxLength={32} defaultValue={text("idNumber")} className={`${props.className} font-mono`} />}
        </Field>
        <Field id="counter-phone" label={labels.phone ?? ""} hint={t("cases.counter.phoneHint")} error={error("phone")}>
          {(props) => <input {...props} name="phone" type="tel" autoComplete="off" maxLength={20} defaultValue={text("phone")} />}
        </Field>
        <fieldset id="counter-identityCheck" tabIndex={-1} className="flex flex-col gap-1">
          <legend className="font-semibold">{labels.identityCheck}</legend>
          {error("identityCheck") && <p className="font-semibold text-accent-600">✕ {t(error("identityCheck") ?? "")}</p>}
          {(["ORIGINAL_DOCUMENT", "CARD_READER"] as const).map((option) => (
            <label key={option} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="identityCheck" value={option} defaultChecked={(text("identityCheck") || "CARD_READER") === option} className="size-5" />
              {t(`cases.counter.identityChecks.${option}`)}
            </label>
          ))}
        </fieldset>
        <div className={`rounded border-2 p-2 ${error("identityConfirmed") ? "border-accent-600" : "border-line"}`}>
          {error("identityConfirmed") && <p className="font-semibold text-accent-600">✕ {t(error("identityConfirmed") ?? "")}</p>}
          <label className="flex min-h-11 items-center gap-2 font-semibold">
            <input id="counter-identityConfirmed" type="checkbox" name="identityConfirmed" value="yes" defaultChecked={text("identityConfirmed") === "yes"} className="size-5" />
            {labels.identityConfirmed}
          </label>
        </div>
      </fieldset>
      <fieldset id="counter-materialCodes" tabIndex={-1} className="flex flex-col gap-1 rounded border-2 border-line p-3">
        <legend className="px-1 font-semibold">{labels.materialCodes}</legend>
        <p className="text-sm text-ink-muted">{t("cases.counter.materialsHint")}</p>
        {error("materialCodes") && <p className="font-semibold text-accent-600">✕ {t(error("materialCodes") ?? "")}</p>}
        {item.materials.length === 0 && <p>{t("cases.counter.noMaterials")}</p>}
        {item.materials.map((material) => (
          <label key={material.code} className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="materialCodes" value={material.code} defaultChecked={picked.has(material.code)} className="size-5" />
            {material.name}
            {material.required && <span className="text-sm text-ink-muted">（{t("cases.counter.required")}）</span>}
          </label>
        ))}
      </fieldset>
      <Field id="counter-note" label={labels.note ?? ""} error={error("note")}>
        {(props) => <textarea {...props} name="note" rows={2} maxLength={1000} defaultValue={text("note")} />}
      </Field>
      <button type="submit" disabled={pending} className="min-h-11 self-start rounded bg-brand-700 px-4 font-semibold text-white disabled:opacity-70">
        {t("cases.counter.submit")}
      </button>
    </form>
  );
}

