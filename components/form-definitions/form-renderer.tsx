"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import {
  type FormEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { type FieldErrors, type Resolver, useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { chinaToday } from "@/lib/calendar/china-time";
import {
  type Answers,
  compileAnswersSchema,
  computeFieldState,
  issuesToFieldErrors,
  stepOfPath,
} from "@/lib/forms/compile";
import { own } from "@/lib/forms/conditions";
import {
  type ChildField,
  type FieldDef,
  type FormDefinition,
  localize,
  type RegionOption,
} from "@/lib/forms/definition";
import { errorText, fieldAtPath } from "@/lib/forms/error-text";
import {
  type ControlContext,
  emptyRow,
  emptyValue,
  FieldControl,
  GroupControl,
  type KnownFile,
  type UploadAdapter,
  type Values,
} from "./field-controls";

export type { KnownFile, UploadAdapter } from "./field-controls";

/**
 * Props of {@link FormRenderer}.
 *
 * The same component serves the citizen's application page and the administrator's live preview; both validate
 * with `compileAnswersSchema(definition)`, which the server runs again on every save and on submission.
 */
export type FormRendererProps = Readonly<{
  /** A definition that passed `validateFormDefinition` (the renderer trusts its structure). */
  definition: FormDefinition;
  /** Language of the administrator's texts (labels, help, options): "zh-CN" or "en". UI texts follow next-intl. */
  locale: string;
  /** Regions for address cascades: `{ code, name, nameEn, parentCode, level }` (PROVINCE / CITY / COUNTY). */
  regions?: readonly RegionOption[];
  /** Answers to start from: a resumed draft, merged with `prefillAnswers(...)`. Unknown keys are ignored. */
  defaultValues?: Record<string, unknown>;
  /** Step to open first (a resumed draft's step); defaults to the first. */
  initialStep?: string;
  /** Uploads for file fields. Without it (the admin preview) file fields explain that uploads happen when applying. */
  uploads?: UploadAdapter;
  /** Names and sizes of files already stored, by file id (so a resumed draft lists them by name). */
  files?: Record<string, KnownFile>;
  /**
   * Called after the applicant moved to another step — after "Next" validated the step they left, or after
   * "Back" (not validated) — with the id of the step now shown and all raw answers, so the host can save the draft.
   * The move waits for a returned promise; a rejection keeps the applicant where they were (nothing is lost).
   */
  onStepChange?: (stepId: string, values: Record<string, unknown>) => void | Promise<void>;
  /** Called once every step is valid, with the clean answers (hidden fields stripped, values normalised). */
  onComplete: (values: Answers) => void | Promise<void>;
  /** Errors the server returned, `{ "members.0.idNumber": "forms.errors.idNumber.checksum" }`; shown like client errors. */
  serverErrors?: Record<string, string>;
  /** Label of the last step's button (default 提交 / Submit). */
  submitLabel?: string;
  /** Prefix of element ids, when more than one form is on the page. */
  idPrefix?: string;
  /**
   * Render inside another form (the administrator's preview sits in the item editor's form): a `<div>` instead of
   * a nested `<form>`, with Enter in a field still moving on instead of submitting the outer form.
   */
  embedded?: boolean;
}>;

/** Flattens react-hook-form's nested errors to `{ "members.0.idNumber": "forms.errors…" }` in field order. */
function flattenErrors(errors: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (!errors || typeof errors !== "object") return out;
  const record = errors as Record<string, unknown>;
  if (typeof record.message === "string" && record.message && !(prefix in out)) out[prefix] = record.message;
  for (const [key, value] of Object.entries(record)) {
    if (key === "message" || key === "type" || key === "ref" || key === "types") continue;
    flattenErrors(value, key === "root" ? prefix : prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

function initialValue(field: FieldDef | ChildField, raw: unknown): unknown {
  if (raw === undefined || raw === null) return emptyValue(field);
  switch (field.type) {
    case "number":
      return typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : "";
    case "checkboxes":
    case "file":
      return Array.isArray(raw) ? raw.filter((entry) => typeof entry === "string") : emptyValue(field);
    case "address": {
      const part = (name: string) => (typeof own(raw, name) === "string" ? (own(raw, name) as string) : "");
      return { province: part("province"), city: part("city"), county: part("county"), detail: part("detail") };
    }
    case "group":
      return [];
    default:
      return typeof raw === "string" ? raw : emptyValue(field);
  }
}

/** Values for every field of the definition, from the given answers where they fit, otherwise empty. */
function buildDefaults(definition: FormDefinition, given: Record<string, unknown> | undefined): Values {
  const values: Values = {};
  for (const field of definition.steps.flatMap((step) => step.fields)) {
    const raw = own(given, field.key);
    if (field.type === "group") {
      const rows = Array.isArray(raw) ? raw.slice(0, field.maxRows ?? 100) : [];
      const built = rows.map((row) =>
        Object.fromEntries(field.fields.map((child) => [child.key, initialValue(child, own(row, child.key))])),
      );
      const minRows = Math.max(field.minRows ?? 0, field.required ? 1 : 0);
      while (built.length < minRows) built.push(emptyRow(field));
      values[field.key] = built;
    } else values[field.key] = initialValue(field, raw);
  }
  return values;
}

/**
 * Renders an application form from its definition, one step at a time (步骤 2/3), with react-hook-form and the
 * compiled zod schema: "Next" validates the current step only; errors appear next to each field and in a summary
 * at the top that links to them (GOV.UK pattern); conditional fields appear and disappear as answers change;
 * repeating groups add and remove rows; address fields cascade; file fields upload through `uploads`.
 */
export function FormRenderer({
  definition,
  locale,
  regions = [],
  defaultValues,
  initialStep,
  uploads,
  files: knownFiles,
  onStepChange,
  onComplete,
  serverErrors,
  submitLabel,
  idPrefix = "f",
  embedded = false,
}: FormRendererProps) {
  const t = useTranslations();
  const steps = definition.steps;
  const [stepIndex, setStepIndex] = useState(() =>
    Math.max(
      0,
      steps.findIndex((step) => step.id === initialStep),
    ),
  );
  const current = Math.min(stepIndex, steps.length - 1);
  const step = steps[current]!;
  const [showSummary, setShowSummary] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<Record<string, KnownFile>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const stepSchemas = useMemo(
    () =>
      new Map(
        steps.map((candidate) => [candidate.id, compileAnswersSchema(definition, { step: candidate.id, regions })]),
      ),
    [definition, steps, regions],
  );
  const fullSchema = useMemo(() => compileAnswersSchema(definition, { regions }), [definition, regions]);
  const stepIdRef = useRef(step.id);
  useLayoutEffect(() => {
    stepIdRef.current = step.id;
  }, [step.id]);
  const [today] = useState(() => chinaToday());
  // One resolver for the form's life; it validates whichever step is shown.
  const resolver = useCallback<Resolver<Values>>(
    (values, context, options) => {
      const schema = stepSchemas.get(stepIdRef.current) ?? fullSchema;
      return (zodResolver(schema as never) as unknown as Resolver<Values>)(values, context, options);
    },
    [stepSchemas, fullSchema],
  );
  const form = useForm<Values>({
    resolver,
    mode: "onTouched",
    reValidateMode: "onChange",
    defaultValues: buildDefaults(definition, defaultValues),
  });
  const values = useWatch({ control: form.control });
  const { visible, required } = computeFieldState(definition, values);
  const flatErrors = flattenErrors(form.formState.errors as FieldErrors);

  const messageFor = (path: string, key: string) => {
    const text = errorText(definition, path, key, locale);
    if (text.custom) return text.custom;
    return t.has(text.key as never) ? t(text.key as never, text.values as never) : t("forms.errors.invalid");
  };
  const idFor = (path: string) => `${idPrefix}-${path.replace(/\./g, "-")}`;
  const stepErrors = Object.entries(flatErrors).filter(([path]) => stepOfPath(definition, path) === step.id);

  // New server errors: open the step of the first one and show the summary (state adjusted while rendering,
  // the errors handed to react-hook-form in an effect). A new object with the same errors changes nothing.
  const serverErrorsKey = JSON.stringify(serverErrors ?? {});
  const [seenServerErrors, setSeenServerErrors] = useState("{}");
  if (serverErrorsKey !== seenServerErrors) {
    setSeenServerErrors(serverErrorsKey);
    const first = Object.keys(serverErrors ?? {})
      .map((path) => stepOfPath(definition, path))
      .find(Boolean);
    const index = steps.findIndex((candidate) => candidate.id === first);
    if (index >= 0) setStepIndex(index);
    if (serverErrorsKey !== "{}") setShowSummary(true);
  }
  useEffect(() => {
    for (const [path, message] of Object.entries(JSON.parse(serverErrorsKey) as Record<string, string>)) {
      if (stepOfPath(definition, path)) form.setError(path, { type: "server", message });
    }
  }, [serverErrorsKey, form, definition]);
  // Server errors that name no field of the form (a general refusal) are shown at the top of the summary.
  const generalErrors = Object.entries(serverErrors ?? {})
    .filter(([path]) => !stepOfPath(definition, path))
    .map(([, key]) => (t.has(key as never) ? t(key as never) : t("forms.errors.invalid")));

  useEffect(() => {
    if (moved.current) headingRef.current?.focus();
  }, [current]);

  const revealSummary = () => {
    setShowSummary(true);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const goTo = async (index: number, validate: boolean) => {
    setFailure(null);
    if (validate) {
      const valid = await form.trigger();
      if (!valid) return revealSummary();
    }
    setBusy(true);
    try {
      await onStepChange?.(steps[index]!.id, form.getValues());
    } catch {
      setBusy(false);
      setFailure(t("forms.renderer.saveFailed"));
      return;
    }
    setBusy(false);
    setShowSummary(false);
    moved.current = true;
    setStepIndex(index);
    window.scrollTo?.({ top: 0 });
  };

  const finish = async () => {
    setFailure(null);
    if (!(await form.trigger())) return revealSummary();
    const result = fullSchema.safeParse(form.getValues());
    if (!result.success) {
      // Earlier steps changed since they were checked (a resumed draft, a hidden field shown again): go back there.
      const errors = issuesToFieldErrors(result.error.issues);
      for (const [path, message] of Object.entries(errors)) form.setError(path, { type: "validate", message });
      const first = Object.keys(errors)
        .map((path) => stepOfPath(definition, path))
        .find(Boolean);
      const index = steps.findIndex((candidate) => candidate.id === first);
      if (index >= 0 && index !== current) {
        moved.current = true;
        setStepIndex(index);
      }
      return revealSummary();
    }
    setBusy(true);
    try {
      await onComplete(result.data);
    } catch {
      setFailure(t("forms.renderer.submitFailed"));
    } finally {
      setBusy(false);
    }
  };

  const ctx: ControlContext = {
    control: form.control,
    register: form.register,
    setValue: form.setValue,
    locale,
    regions,
    uploads,
    files: { ...knownFiles, ...uploaded },
    rememberFile: (fileId, file) => setUploaded((previous) => ({ ...previous, [fileId]: file })),
    errorFor: (path) => (flatErrors[path] ? messageFor(path, flatErrors[path]) : undefined),
    visible,
    required,
    idFor,
    today,
  };

  const summaryLabel = (path: string) => {
    const found = fieldAtPath(definition, path);
    if (!found) return undefined;
    const parts = path.split(".");
    if (found.group) {
      const rowName =
        found.group.type === "group" && found.group.rowLabel
          ? localize(found.group.rowLabel, locale)
          : localize(found.group.label, locale);
      return `${t("forms.renderer.rowHeading", { name: rowName, index: Number(parts[1]) + 1 })} · ${localize(found.field.label, locale)}`;
    }
    if (found.field.type === "address" && parts[1]) {
      const partName = ["province", "city", "county", "detail"].includes(parts[1])
        ? t(`forms.renderer.${parts[1]}` as never)
        : "";
      return `${localize(found.field.label, locale)} · ${partName}`;
    }
    return localize(found.field.label, locale);
  };
  const last = current === steps.length - 1;
  const stepTitle = localize(step.title, locale);

  const proceed = () => {
    if (!busy) void (last ? finish() : goTo(current + 1, true));
  };
  const body = (
    <>
      <div className="flex flex-col gap-2">
        <p className="text-sm font-semibold text-ink-muted">
          {t("forms.renderer.progress", { current: current + 1, total: steps.length })}
        </p>
        <div className="h-2 w-full overflow-hidden rounded bg-brand-100" aria-hidden="true">
          <div className="h-full bg-brand-600" style={{ width: `${((current + 1) / steps.length) * 100}%` }} />
        </div>
        <h2 ref={headingRef} tabIndex={-1} className="text-xl font-bold">
          {stepTitle}
        </h2>
        {step.description && <p className="whitespace-pre-line">{localize(step.description, locale)}</p>}
      </div>

      {showSummary && (stepErrors.length > 0 || generalErrors.length > 0) && (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby={`${idPrefix}-summary-title`}
          className="rounded border-4 border-accent-600 p-4"
        >
          <h3 id={`${idPrefix}-summary-title`} className="mb-2 text-lg font-bold">
            {t("forms.renderer.summaryTitle")}
          </h3>
          {generalErrors.map((text) => (
            <p key={text} className="mb-2">
              {text}
            </p>
          ))}
          <ul className="list-disc pl-6">
            {stepErrors.map(([path, key]) => {
              const label = summaryLabel(path);
              const text = messageFor(path, key);
              return (
                <li key={path}>
                  <a
                    href={`#${idFor(path)}`}
                    onClick={(event) => {
                      const target = document.getElementById(idFor(path));
                      if (!target) return;
                      event.preventDefault();
                      target.focus();
                      target.scrollIntoView({ block: "center" });
                    }}
                    className="font-semibold text-accent-600 underline underline-offset-4"
                  >
                    {label ? `${label}：${text}` : text}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {step.fields.map((field) => {
        if (visible[field.key] === false) return null;
        const isRequired = required[field.key] ?? Boolean(field.required);
        if (field.type === "group")
          return <GroupControl key={field.key} field={field} ctx={ctx} required={isRequired} />;
        return <FieldControl key={field.key} field={field} path={field.key} ctx={ctx} required={isRequired} />;
      })}

      {failure && (
        <p role="alert" className="font-semibold text-accent-600">
          {failure}
        </p>
      )}
      <div className="flex flex-col-reverse gap-3 sm:flex-row">
        {current > 0 && (
          <Button
            type="button"
            disabled={busy}
            onClick={() => void goTo(current - 1, false)}
            variant="secondary"
            size="lg"
          >
            {t("forms.renderer.back")}
          </Button>
        )}
        <Button
          type={embedded ? "button" : "submit"}
          onClick={embedded ? proceed : undefined}
          disabled={busy}
          size="lg"
        >
          {busy
            ? t("forms.renderer.working")
            : last
              ? (submitLabel ?? t("forms.renderer.submit"))
              : t("forms.renderer.next")}
        </Button>
      </div>
    </>
  );
  const className = "flex max-w-2xl flex-col gap-6";
  if (embedded) {
    return (
      <div
        role="group"
        aria-label={stepTitle}
        className={className}
        onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
          const target = event.target as HTMLInputElement;
          if (
            event.key === "Enter" &&
            target.tagName === "INPUT" &&
            !["checkbox", "radio", "file", "button", "submit"].includes(target.type)
          ) {
            event.preventDefault();
            proceed();
          }
        }}
      >
        {body}
      </div>
    );
  }
  return (
    <form
      noValidate
      className={className}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        proceed();
      }}
    >
      {body}
    </form>
  );
}
