"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Field } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { CASE_ACTIONS, type CaseAction, isDecision } from "@/lib/cases/state-machine";
import type { ActionState } from "@/app/_lib/action-result";
import type { SupplementChoices } from "@/lib/cases/supplement";
import {
  assignAction,
  jointOpinionAction,
  noteAction,
  revokeAction,
  supplementApprovalAction,
  transferAction,
  transitionAction,
} from "./actions";

function Feedback({
  state,
  prefix,
  labels,
}: Readonly<{ state: ActionState<unknown>; prefix: string; labels: Record<string, string> }>) {
  const t = useTranslations();
  const errors = Object.entries(state.fieldErrors ?? {}).map(([field, message]) => ({
    field: `${prefix}-${field}`,
    message,
    label: labels[field],
  }));
  return (
    <>
      {state.conflict ? (
        <div role="alert" className="rounded border-4 border-accent-600 p-3 font-semibold">
          {t("cases.console.stale")}
        </div>
      ) : (
        <ErrorSummary errors={errors} formError={errors.length === 0 ? state.formError : undefined} />
      )}
      <p role="status" className="font-semibold text-ok">
        {state.done ? t("cases.console.done", { action: t(`cases.event.${state.done}`) }) : ""}
      </p>
    </>
  );
}

/**
 * 一次性告知: the clerk ticks each material and answer the applicant must fix, each with a note; exactly those are
 * unlocked for the applicant (lib/cases/supplement.ts). Works without JavaScript: every note box is always there.
 */
function SupplementPicker({
  prefix,
  choices,
  values,
  errors,
}: Readonly<{
  prefix: string;
  choices: SupplementChoices;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}>) {
  const t = useTranslations();
  const picked = new Set(Array.isArray(values.pick) ? values.pick : []);
  const group = (kind: "material" | "field", entries: { key: string; label: string }[]) =>
    entries.length > 0 && (
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 font-semibold">
          {t(kind === "material" ? "cases.console.supplementMaterials" : "cases.console.supplementFields")}
        </legend>
        {entries.map((entry) => {
          const pick = `${kind}:${entry.key}`;
          const id = `${prefix}-${kind}-${entry.key}`;
          const noteError = errors[`${kind}-${entry.key}-note`];
          return (
            <div key={pick} className="flex flex-col gap-1 rounded border border-line p-2">
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="pick" value={pick} defaultChecked={picked.has(pick)} className="size-5" />
                {entry.label}
              </label>
              <label htmlFor={`${id}-note`} className="text-sm text-ink-muted">
                {t("cases.console.supplementNote", { item: entry.label })}
              </label>
              {noteError && (
                <p id={`${id}-note-error`} className="text-sm font-semibold text-accent-600">
                  <span aria-hidden="true">✕ </span>
                  {t(noteError)}
                </p>
              )}
              <Textarea
                id={`${id}-note`}
                name={`note:${pick}`}
                rows={2}
                maxLength={1000}
                defaultValue={typeof values[`note:${pick}`] === "string" ? (values[`note:${pick}`] as string) : ""}
                aria-invalid={noteError ? true : undefined}
                aria-describedby={noteError ? `${id}-note-error` : undefined}
              />
            </div>
          );
        })}
      </fieldset>
    );
  return (
    <div className="flex flex-col gap-3" id={`${prefix}-supplementList`} tabIndex={-1}>
      <p className="text-sm text-ink-muted">{t("cases.console.supplementHint")}</p>
      {errors.supplementList && (
        <p className="font-semibold text-accent-600">
          <span aria-hidden="true">✕ </span>
          {t(errors.supplementList)}
        </p>
      )}
      {group(
        "material",
        choices.materials.map((material) => ({ key: material.code, label: material.name })),
      )}
      {group("field", choices.fields)}
    </div>
  );
}

/** 同意/不同意 and the reasons: a sign-off's and a joint opinion's fields, kept on every error. */
function OpinionFields({
  prefix,
  hint,
  values,
  errors,
}: Readonly<{
  prefix: string;
  hint: string;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}>) {
  const t = useTranslations();
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  return (
    <>
      <fieldset className="flex flex-col gap-1" id={`${prefix}-opinion`} tabIndex={-1}>
        <legend className="font-semibold">{t("cases.field.opinion")}</legend>
        {errors.opinion && (
          <p className="font-semibold text-accent-600">
            <span aria-hidden="true">✕ </span>
            {t(errors.opinion)}
          </p>
        )}
        {(["AGREE", "DISAGREE"] as const).map((option) => (
          <label key={option} className="flex min-h-11 items-center gap-2">
            <input
              type="radio"
              name="opinion"
              value={option}
              required
              defaultChecked={text("opinion") === option}
              className="size-5"
            />
            {t(`cases.opinion.${option}`)}
          </label>
        ))}
      </fieldset>
      <Field id={`${prefix}-reason`} label={t("cases.field.opinionText")} hint={hint} error={errors.reason}>
        {(props) => <textarea {...props} name="reason" rows={3} maxLength={2000} defaultValue={text("reason")} />}
      </Field>
    </>
  );
}

const HINTS: Partial<Record<CaseAction, string>> = {
  rejectAtIntake: "cases.console.noticeHint",
  deny: "cases.console.denyHint",
  complete: "cases.console.completeHint",
};

/** One action the state machine allows, with the fields it needs; values are kept on every error. */
export function TransitionForm({
  caseNumber,
  action,
  version,
  supplementChoices,
  targets = [],
}: Readonly<{
  caseNumber: string;
  action: CaseAction;
  version: number;
  supplementChoices?: SupplementChoices | null;
  targets?: { code: string; label: string }[];
}>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    transitionAction.bind(null, caseNumber),
    { ok: null },
  );
  const requires: readonly string[] = CASE_ACTIONS[action].requires;
  const prefix = `act-${action}`;
  const values = state.values ?? {};
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const error = (name: string) => state.fieldErrors?.[name];
  const labels: Record<string, string> = {
    ...Object.fromEntries(
      [
        "opinion",
        "reason",
        "legalBasis",
        "plannedEnd",
        "deliveryMethod",
        "trackingNumber",
        "targetDepartment",
        "supplementList",
        "confirmed",
      ].map((name) => [name, t(`cases.field.${name}`)]),
    ),
    // A sign-off's text is its opinion's reasons.
    ...(requires.includes("opinion") ? { reason: t("cases.field.opinionText") } : {}),
    // A missing note is reported on the note's box (`material-M1-note`), named by what it is about.
    ...Object.fromEntries(
      (supplementChoices?.materials ?? []).map((material) => [`material-${material.code}-note`, material.name]),
    ),
    ...Object.fromEntries((supplementChoices?.fields ?? []).map((field) => [`field-${field.key}-note`, field.label])),
  };
  const [method, setMethod] = useState(text("deliveryMethod") || "DOWNLOAD");
  return (
    <form
      action={formAction}
      className="flex flex-col gap-3 rounded border-2 border-line p-3"
      aria-labelledby={`${prefix}-title`}
    >
      <h3 id={`${prefix}-title`} className="text-lg font-semibold">
        {t(`cases.action.${action}`)}
      </h3>
      <Feedback state={state} prefix={prefix} labels={labels} />
      {HINTS[action] && <p className="text-sm">{t(HINTS[action])}</p>}
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="expectedVersion" value={version} />
      {requires.includes("supplementList") && (
        <SupplementPicker
          prefix={prefix}
          choices={supplementChoices ?? { materials: [], fields: [] }}
          values={values}
          errors={state.fieldErrors ?? {}}
        />
      )}
      {requires.includes("opinion") && (
        <>
          <OpinionFields
            prefix={prefix}
            hint={t("cases.console.opinionHint")}
            values={values}
            errors={state.fieldErrors ?? {}}
          />
        </>
      )}
      {requires.includes("reason") && (
        <Field id={`${prefix}-reason`} label={labels.reason ?? ""} error={error("reason")}>
          {(props) => <textarea {...props} name="reason" rows={3} maxLength={2000} defaultValue={text("reason")} />}
        </Field>
      )}
      {requires.includes("legalBasis") && (
        <Field id={`${prefix}-legalBasis`} label={labels.legalBasis ?? ""} error={error("legalBasis")}>
          {(props) => (
            <textarea {...props} name="legalBasis" rows={2} maxLength={2000} defaultValue={text("legalBasis")} />
          )}
        </Field>
      )}
      {requires.includes("plannedEnd") && (
        <Field id={`${prefix}-plannedEnd`} label={labels.plannedEnd ?? ""} error={error("plannedEnd")}>
          {(props) => <input {...props} type="date" name="plannedEnd" defaultValue={text("plannedEnd")} />}
        </Field>
      )}
      {requires.includes("targetDepartment") && (
        <Field
          id={`${prefix}-targetDepartment`}
          label={labels.targetDepartment ?? ""}
          hint={t("cases.console.forwardHint")}
          error={error("targetDepartment")}
        >
          {(props) => (
            <select {...props} name="targetDepartment" defaultValue={text("targetDepartment")}>
              <option value="">{t("cases.console.chooseTarget")}</option>
              {targets.map((target) => (
                <option key={target.code} value={target.code}>
                  {target.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {requires.includes("deliveryMethod") && (
        <>
          <fieldset className="flex flex-col gap-1">
            <legend className="font-semibold">{labels.deliveryMethod}</legend>
            {error("deliveryMethod") && (
              <p className="font-semibold text-accent-600">{t(error("deliveryMethod") ?? "")}</p>
            )}
            {(["DOWNLOAD", "POST", "WINDOW_PICKUP"] as const).map((option) => (
              <label key={option} className="flex min-h-11 items-center gap-2">
                <input
                  type="radio"
                  name="deliveryMethod"
                  value={option}
                  // Uncontrolled: React resets a form after its action, and a reset restores defaultChecked (the posted choice).
                  defaultChecked={option === (text("deliveryMethod") || "DOWNLOAD")}
                  onChange={() => setMethod(option)}
                  className="size-5"
                />
                {t(`cases.delivery.${option}`)}
              </label>
            ))}
          </fieldset>
          {method === "POST" && (
            <Field id={`${prefix}-trackingNumber`} label={labels.trackingNumber ?? ""} error={error("trackingNumber")}>
              {(props) => (
                <input {...props} name="trackingNumber" maxLength={64} defaultValue={text("trackingNumber")} />
              )}
            </Field>
          )}
        </>
      )}
      {isDecision(action) && (
        <Confirmation
          id={`${prefix}-confirmed`}
          consequence={t(`cases.console.consequence.${action}`, { caseNumber })}
          label={t("cases.console.confirmLabel", { action: t(`cases.action.${action}`) })}
          error={error("confirmed")}
        />
      )}
      <Button type="submit" disabled={pending} className="self-start">
        {t("cases.console.submitAction", { action: t(`cases.action.${action}`) })}
      </Button>
    </form>
  );
}

/** 并联审批: the department's opinion (同意, or 不同意 with reasons and legal basis), values kept on every error. */
export function JointOpinionForm({ caseNumber, version }: Readonly<{ caseNumber: string; version: number }>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    jointOpinionAction.bind(null, caseNumber),
    { ok: null },
  );
  const prefix = "joint";
  const values = state.values ?? {};
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const error = (name: string) => state.fieldErrors?.[name];
  const labels = {
    opinion: t("cases.field.opinion"),
    reason: t("cases.field.opinionText"),
    legalBasis: t("cases.field.legalBasis"),
  };
  return (
    <form
      action={formAction}
      className="flex flex-col gap-3 rounded border-2 border-line p-3"
      aria-labelledby={`${prefix}-title`}
    >
      <h3 id={`${prefix}-title`} className="text-lg font-semibold">
        {t("cases.joint.give")}
      </h3>
      <Feedback state={state} prefix={prefix} labels={labels} />
      <input type="hidden" name="expectedVersion" value={version} />
      <OpinionFields prefix={prefix} hint={t("cases.joint.hint")} values={values} errors={state.fieldErrors ?? {}} />
      <Field id={`${prefix}-legalBasis`} label={labels.legalBasis} error={error("legalBasis")}>
        {(props) => (
          <textarea {...props} name="legalBasis" rows={2} maxLength={2000} defaultValue={text("legalBasis")} />
        )}
      </Field>
      <Button type="submit" disabled={pending} className="self-start">
        {t("cases.joint.submit")}
      </Button>
    </form>
  );
}

/**
 * The confirmation step of a decision: what will happen, and a box to tick. `required`, so a browser refuses the
 * form without it even when JavaScript is off; the server action checks it too.
 */
function Confirmation({
  id,
  consequence,
  label,
  error,
}: Readonly<{ id: string; consequence: string; label: string; error?: string }>) {
  const t = useTranslations();
  return (
    <div className={`rounded border-2 p-3 ${error ? "border-accent-600" : "border-line bg-surface"}`}>
      <p id={`${id}-consequence`} className="mb-2">
        {consequence}
      </p>
      {error && (
        <p id={`${id}-error`} className="mb-1 font-semibold text-accent-600">
          <span aria-hidden="true">✕ </span>
          {t(error)}
        </p>
      )}
      <label className="flex min-h-11 items-center gap-2 font-semibold">
        <input
          id={id}
          type="checkbox"
          name="confirmed"
          value="yes"
          required
          aria-describedby={error ? `${id}-error ${id}-consequence` : `${id}-consequence`}
          aria-invalid={error ? true : undefined}
          className="size-5"
        />
        {label}
      </label>
    </div>
  );
}

export function AssignForm({
  caseNumber,
  version,
  staff,
  assigneeId,
}: Readonly<{
  caseNumber: string;
  version: number;
  staff: { id: string; realName: string }[];
  assigneeId: string | null;
}>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    assignAction.bind(null, caseNumber),
    { ok: null },
  );
  const prefix = "assign";
  return (
    <div className="flex flex-col gap-3">
      <Feedback state={state} prefix={prefix} labels={{ assigneeId: t("cases.field.assigneeId") }} />
      <form action={formAction}>
        <input type="hidden" name="expectedVersion" value={version} />
        <Button type="submit" disabled={pending} className="self-start">
          {t("cases.console.claim")}
        </Button>
      </form>
      <form action={formAction} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="expectedVersion" value={version} />
        <Field id={`${prefix}-assigneeId`} label={t("cases.console.assignTo")} error={state.fieldErrors?.assigneeId}>
          {(props) => (
            <select
              {...props}
              name="assigneeId"
              defaultValue={(state.values?.assigneeId as string | undefined) ?? assigneeId ?? ""}
              required
            >
              {staff.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.realName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" disabled={pending} className="self-start">
          {t("cases.console.assign")}
        </Button>
      </form>
    </div>
  );
}

export function TransferForm({
  caseNumber,
  version,
  departments,
}: Readonly<{ caseNumber: string; version: number; departments: { id: string; label: string }[] }>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    transferAction.bind(null, caseNumber),
    { ok: null },
  );
  const prefix = "transfer";
  const labels = { departmentId: t("cases.field.departmentId"), reason: t("cases.field.reason") };
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <Feedback state={state} prefix={prefix} labels={labels} />
      <input type="hidden" name="expectedVersion" value={version} />
      <Field id={`${prefix}-departmentId`} label={labels.departmentId} error={state.fieldErrors?.departmentId}>
        {(props) => (
          <select
            {...props}
            name="departmentId"
            defaultValue={(state.values?.departmentId as string | undefined) ?? ""}
          >
            <option value="">—</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${prefix}-reason`} label={labels.reason} error={state.fieldErrors?.reason}>
        {(props) => (
          <textarea
            {...props}
            name="reason"
            rows={2}
            maxLength={2000}
            defaultValue={(state.values?.reason as string | undefined) ?? ""}
          />
        )}
      </Field>
      <Button type="submit" disabled={pending} className="self-start">
        {t("cases.console.transfer")}
      </Button>
    </form>
  );
}

/** 一次性告知: the reason a further supplement request is needed, sent to a supervisor for approval. */
export function SupplementApprovalForm({ caseNumber }: Readonly<{ caseNumber: string }>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    supplementApprovalAction.bind(null, caseNumber),
    { ok: null },
  );
  const prefix = "supplement-approval";
  const labels = { reason: t("cases.supplementApproval.reason") };
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <Feedback state={state} prefix={prefix} labels={labels} />
      <Field
        id={`${prefix}-reason`}
        label={labels.reason}
        hint={t("cases.supplementApproval.reasonHint")}
        error={state.fieldErrors?.reason}
      >
        {(props) => (
          <textarea
            {...props}
            name="reason"
            rows={3}
            maxLength={1000}
            defaultValue={state.done ? "" : ((state.values?.reason as string | undefined) ?? "")}
          />
        )}
      </Field>
      <Button type="submit" disabled={pending} className="self-start">
        {t("cases.supplementApproval.ask")}
      </Button>
    </form>
  );
}

export function NoteForm({ caseNumber }: Readonly<{ caseNumber: string }>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    noteAction.bind(null, caseNumber),
    { ok: null },
  );
  const prefix = "note";
  const kind = (state.values?.kind as string | undefined) ?? "note";
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <Feedback
        state={state}
        prefix={prefix}
        labels={{ text: t("cases.field.text"), kind: t("cases.console.noteKind") }}
      />
      <fieldset className="flex flex-col gap-1">
        <legend className="font-semibold">{t("cases.console.noteKind")}</legend>
        {(["note", "message"] as const).map((option) => (
          <label key={option} className="flex min-h-11 items-center gap-2">
            <input type="radio" name="kind" value={option} defaultChecked={kind === option} className="size-5" />
            {t(option === "note" ? "cases.console.kindNote" : "cases.console.kindMessage")}
          </label>
        ))}
      </fieldset>
      <Field id={`${prefix}-text`} label={t("cases.field.text")} error={state.fieldErrors?.text}>
        {(props) => (
          <textarea
            {...props}
            name="text"
            rows={3}
            maxLength={4000}
            defaultValue={state.done ? "" : ((state.values?.text as string | undefined) ?? "")}
          />
        )}
      </Field>
      <Button type="submit" disabled={pending} className="self-start">
        {t("cases.console.addNote")}
      </Button>
    </form>
  );
}

export function RevokeForm({ caseNumber, licenceNumber }: Readonly<{ caseNumber: string; licenceNumber: string }>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(
    revokeAction.bind(null, caseNumber, licenceNumber),
    { ok: null },
  );
  const prefix = `revoke-${licenceNumber}`;
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <Feedback
        state={state}
        prefix={prefix}
        labels={{ reason: t("cases.console.revokeReason"), confirmed: t("cases.field.confirmed") }}
      />
      <Field id={`${prefix}-reason`} label={t("cases.console.revokeReason")} error={state.fieldErrors?.reason}>
        {(props) => (
          <textarea
            {...props}
            name="reason"
            rows={2}
            maxLength={2000}
            defaultValue={(state.values?.reason as string | undefined) ?? ""}
          />
        )}
      </Field>
      <Confirmation
        id={`${prefix}-confirmed`}
        consequence={t("cases.console.consequence.revokeLicence", { licenceNumber })}
        label={t("cases.console.confirmLabel", { action: t("cases.console.revoke") })}
        error={state.fieldErrors?.confirmed}
      />
      <Button type="submit" disabled={pending} variant="danger" className="self-start">
        {t("cases.console.revoke")}
      </Button>
    </form>
  );
}
