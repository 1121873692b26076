"use client";

import type { ActionState } from "@/app/_lib/action-result";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Field } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { authoriseAgentAction, eBusinessLicenceAction, requestVerificationAction } from "./actions";

function summary(result: ActionState<unknown>, labels: Record<string, string>) {
  if (result.ok !== false) return { errors: [], formError: undefined, fieldErrors: {} as Record<string, string> };
  const fieldErrors = result.fieldErrors ?? {};
  return {
    errors: Object.entries(fieldErrors).map(([field, message]) => ({ field, message, label: labels[field] })),
    formError: Object.keys(fieldErrors).length > 0 ? undefined : result.formError,
    fieldErrors,
  };
}

/** The legal representative's request to have the company verified; works without JavaScript. */
export function VerificationRequestForm() {
  const t = useTranslations("companies");
  const [state, action, pending] = useActionState<ActionState<unknown>, FormData>(requestVerificationAction, {
    ok: null,
  });
  const labels = {
    creditCode: t("creditCode"),
    companyName: t("companyName"),
    businessLicence: t("evidence.businessLicence"),
    idCard: t("evidence.idCard"),
  };
  const { errors, formError, fieldErrors } = summary(state, labels);
  return (
    <form action={action} className="flex max-w-xl flex-col gap-4" noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <Field id="companyName" label={labels.companyName} error={fieldErrors.companyName}>
        {(props) => (
          <input
            {...props}
            name="companyName"
            autoComplete="organization"
            defaultValue={state.values?.companyName as string | undefined}
          />
        )}
      </Field>
      <Field id="creditCode" label={labels.creditCode} error={fieldErrors.creditCode}>
        {(props) => (
          <input
            {...props}
            name="creditCode"
            autoComplete="off"
            defaultValue={state.values?.creditCode as string | undefined}
          />
        )}
      </Field>
      {/* Optional scans for the reviewers; without them the originals are shown at a counter. Files are chosen again after an error. */}
      <p className="text-ink-muted">{t("evidence.hint")}</p>
      <Field id="businessLicence" label={labels.businessLicence} error={fieldErrors.businessLicence}>
        {(props) => (
          <input
            {...props}
            name="businessLicence"
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          />
        )}
      </Field>
      <Field id="idCard" label={labels.idCard} error={fieldErrors.idCard}>
        {(props) => (
          <input
            {...props}
            name="idCard"
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          />
        )}
      </Field>
      <div>
        <Button type="submit" disabled={pending} size="lg">
          {t("submitVerify")}
        </Button>
      </div>
    </form>
  );
}

/** 电子营业执照认证: the credit code; the service and the registry decide (lib/accounts/e-business-licence.ts). */
export function EBusinessLicenceForm() {
  const t = useTranslations("companies");
  const [state, action, pending] = useActionState<ActionState<unknown>, FormData>(eBusinessLicenceAction, { ok: null });
  const labels = { creditCode: t("creditCode") };
  const { errors, formError, fieldErrors } = summary(state, labels);
  // The request form on the same page has its own creditCode field: this one's id differs, and the summary links here.
  const linked = errors.map((error) => ({
    ...error,
    field: error.field === "creditCode" ? "eblCreditCode" : error.field,
  }));
  return (
    <form action={action} className="flex max-w-xl flex-col gap-4" noValidate>
      <ErrorSummary errors={linked} formError={formError} />
      <Field id="eblCreditCode" label={labels.creditCode} error={fieldErrors.creditCode}>
        {(props) => (
          <input
            {...props}
            name="creditCode"
            autoComplete="off"
            defaultValue={state.values?.creditCode as string | undefined}
          />
        )}
      </Field>
      <div>
        <Button type="submit" disabled={pending} size="lg">
          {t("eBusinessLicence.submit")}
        </Button>
      </div>
    </form>
  );
}

/** Authorise an agent (scope, dates, whether they may manage authorisations); works without JavaScript. */
export function AuthoriseAgentForm({ today }: { today: string }) {
  const t = useTranslations("companies");
  const [state, action, pending] = useActionState<ActionState<unknown>, FormData>(authoriseAgentAction, { ok: null });
  const labels = {
    agent: t("agent"),
    itemCodes: t("itemCodes"),
    validFrom: t("validFrom"),
    validUntil: t("validUntil"),
  };
  const { errors, formError, fieldErrors } = summary(state, labels);
  const values = (state.values ?? {}) as Record<string, string | undefined>;
  return (
    <form action={action} className="flex max-w-xl flex-col gap-4" noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <Field id="agent" label={labels.agent} error={fieldErrors.agent}>
        {(props) => <input {...props} name="agent" autoComplete="off" defaultValue={values.agent} />}
      </Field>
      <Field id="itemCodes" label={labels.itemCodes} hint={t("itemCodesHint")} error={fieldErrors.itemCodes}>
        {(props) => <textarea {...props} name="itemCodes" rows={3} defaultValue={values.itemCodes} />}
      </Field>
      <Field id="validFrom" label={labels.validFrom} error={fieldErrors.validFrom}>
        {(props) => (
          <input {...props} name="validFrom" type="date" defaultValue={values.validFrom ?? today} min={today} />
        )}
      </Field>
      <Field id="validUntil" label={labels.validUntil} hint={t("validUntilHint")} error={fieldErrors.validUntil}>
        {(props) => <input {...props} name="validUntil" type="date" defaultValue={values.validUntil} min={today} />}
      </Field>
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" name="mayAuthorise" defaultChecked={values.mayAuthorise === "on"} className="h-5 w-5" />
        {t("mayAuthorise")}
      </label>
      <div>
        <Button type="submit" disabled={pending} size="lg">
          {t("submitAuthorise")}
        </Button>
      </div>
    </form>
  );
}
