"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormRenderer, type KnownFile, type UploadAdapter } from "@/components/form-definitions/form-renderer";
import { Button } from "@/components/ui/button";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import type { FormDefinition } from "@/lib/forms/definition";
import { saveDraftAction, type SaveOutcome } from "../actions";
import { uploadWithProgress } from "./upload";

type Props = Readonly<{
  itemCode: string;
  applicationId: string;
  definition: FormDefinition;
  locale: string;
  answers: Record<string, unknown>;
  initialStep?: string;
  revision: number;
  files: Record<string, KnownFile>;
}>;

const AUTOSAVE_MS = 20_000;

/** Reads what the form shows right now from its inputs (react-hook-form names every input by its answer path). */
function snapshot(form: HTMLFormElement, definition: FormDefinition): Record<string, unknown> {
  const multi = new Set<string>();
  for (const step of definition.steps)
    for (const field of step.fields) {
      if (field.type === "checkboxes") multi.add(field.key);
      if (field.type === "group")
        for (const child of field.fields) if (child.type === "checkboxes") multi.add(`${field.key}.*.${child.key}`);
    }
  const result: Record<string, unknown> = {};
  const data = new FormData(form);
  const names = new Set<string>();
  for (const [name, value] of data.entries()) if (typeof value === "string" && name) names.add(name);
  for (const name of names) {
    const parts = name.split(".");
    const pattern = parts.map((part) => (/^\d+$/.test(part) ? "*" : part)).join(".");
    const values = data.getAll(name).filter((value): value is string => typeof value === "string");
    const value = multi.has(pattern) ? values : values[0];
    let target: Record<string, unknown> | unknown[] = result;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const key: string | number = /^\d+$/.test(part) ? Number(part) : part;
      if (key === "__proto__" || key === "constructor" || key === "prototype") return;
      const container = target as Record<string | number, unknown>;
      if (last) container[key] = value;
      else {
        container[key] ??= /^\d+$/.test(parts[index + 1]!) ? [] : {};
        target = container[key] as Record<string, unknown>;
      }
    });
  }
  for (const key of multi)
    if (!key.includes(".") && !(key in result) && form.querySelector(`[name="${key}"]`)) result[key] = [];
  return result;
}

/**
 * The application form: FormRenderer with the draft saved on every step (the step just completed is validated
 * by the server too) and every 20 seconds while the applicant types, uploads through the applicant upload
 * endpoint, and a clear choice when another device saved in between (nothing is silently lost).
 */
export function ApplyForm({
  itemCode,
  applicationId,
  definition,
  locale,
  answers,
  initialStep,
  revision,
  files,
}: Props) {
  const t = useTranslations("applications");
  const router = useRouter();
  const revisionRef = useRef(revision);
  const stepRef = useRef(initialStep ?? definition.steps[0]?.id ?? "");
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const dirty = useRef(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<string>("");
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<{
    pending: { answers: Record<string, unknown>; step: string };
    revision: number;
  } | null>(null);

  const enqueue = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(work, work);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const save = useCallback(
    (input: {
      answers: Record<string, unknown>;
      step: string;
      validateStep?: string;
      validateAll?: boolean;
    }): Promise<SaveOutcome> =>
      enqueue(async () => {
        const outcome = await saveDraftAction({ applicationId, revision: revisionRef.current, ...input });
        if (outcome.ok) {
          revisionRef.current = outcome.value.revision;
          dirty.current = false;
          setStatus(
            t("apply.savedAt", {
              time: new Date().toLocaleTimeString(locale === "en" ? "en-GB" : "zh-CN", {
                hour: "2-digit",
                minute: "2-digit",
                timeZone: CHINA_TIME_ZONE,
              }),
            }),
          );
        } else if (outcome.code === "CONFLICT" && outcome.detail) {
          setConflict({ pending: { answers: input.answers, step: input.step }, revision: outcome.detail.revision });
        }
        return outcome;
      }),
    [applicationId, enqueue, locale, t],
  );

  // Periodic autosave of what is on screen (no validation beyond types; never moves the applicant).
  useEffect(() => {
    const timer = window.setInterval(() => {
      const form = wrapper.current?.querySelector("form");
      if (!dirty.current || !form || conflict) return;
      void save({ answers: snapshot(form, definition), step: stepRef.current }).then((outcome) => {
        if (!outcome.ok && (outcome.code === "VALIDATION" || outcome.code === "UNPROCESSABLE"))
          setStatus(t("apply.autosaveProblem"));
      });
    }, AUTOSAVE_MS);
    return () => window.clearInterval(timer);
  }, [conflict, definition, save, t]);

  const uploads = useMemo<UploadAdapter>(
    () => ({
      upload: (materialCode, file) =>
        enqueue(async () => {
          setStatus(t("apply.uploading", { name: file.name }));
          const answer = await uploadWithProgress(
            `/api/applications/${applicationId}/files`,
            materialCode,
            file,
            (percent) => setStatus(t("apply.uploadProgress", { name: file.name, percent })),
            t("errors.uploadFailed"),
          );
          if (answer.revision !== undefined) revisionRef.current = answer.revision;
          setStatus(t("apply.uploaded", { name: answer.name }));
          return { fileId: answer.fileId, name: answer.name, size: answer.size };
        }),
    }),
    [applicationId, enqueue, t],
  );

  const stepIndex = (id: string) => definition.steps.findIndex((step) => step.id === id);

  const onStepChange = async (stepId: string, values: Record<string, unknown>) => {
    const forward = stepIndex(stepId) > stepIndex(stepRef.current);
    const outcome = await save({ answers: values, step: stepId, validateStep: forward ? stepRef.current : undefined });
    if (!outcome.ok) {
      if (outcome.fieldErrors) setServerErrors(outcome.fieldErrors);
      throw new Error(outcome.formError);
    }
    setServerErrors({});
    stepRef.current = stepId;
  };

  const onComplete = async (values: Record<string, unknown>) => {
    const outcome = await save({ answers: values, step: stepRef.current, validateAll: true });
    if (!outcome.ok) {
      if (outcome.fieldErrors) setServerErrors(outcome.fieldErrors);
      throw new Error(outcome.formError);
    }
    router.push(`/items/${encodeURIComponent(itemCode)}/apply/materials`);
  };

  const keepMine = async () => {
    if (!conflict) return;
    revisionRef.current = conflict.revision;
    const pending = conflict.pending;
    setConflict(null);
    await save({ answers: pending.answers, step: pending.step });
  };

  return (
    <div
      ref={wrapper}
      onInput={() => (dirty.current = true)}
      onChange={() => (dirty.current = true)}
      className="flex flex-col gap-4"
    >
      {conflict && (
        <div role="alert" className="rounded border-4 border-accent-600 p-4">
          <h2 className="text-lg font-bold">{t("apply.conflictTitle")}</h2>
          <p className="mt-1">{t("apply.conflictBody")}</p>
          <div className="mt-3 flex flex-col gap-3 sm:flex-row">
            <Button type="button" onClick={() => window.location.reload()}>
              {t("apply.conflictLoad")}
            </Button>
            <Button type="button" onClick={() => void keepMine()} variant="secondary">
              {t("apply.conflictKeep")}
            </Button>
          </div>
        </div>
      )}
      <FormRenderer
        definition={definition}
        locale={locale}
        defaultValues={answers}
        initialStep={initialStep}
        uploads={uploads}
        files={files}
        onStepChange={onStepChange}
        onComplete={onComplete}
        serverErrors={serverErrors}
        submitLabel={t("apply.toMaterials")}
        idPrefix="apply"
      />
      <p role="status" aria-live="polite" className="text-sm text-ink-muted">
        {status}
      </p>
    </div>
  );
}
