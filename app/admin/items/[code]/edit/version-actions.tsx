"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/app/_lib/action";
import { discardAction, publishAction, returnToDraftAction, rollbackAction, startDraftAction } from "./actions";

function useRun() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ formError: string; fieldErrors?: Record<string, string> } | null>(null);
  const run = (work: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      setError(null);
      const result = await work();
      if (result.ok) router.refresh();
      else setError(result);
    });
  return { pending, error, run };
}

function FormError({ error }: { error: { formError: string } | null }) {
  const t = useTranslations();
  if (!error) return null;
  return (
    <p role="alert" className="font-semibold text-accent-600">
      <span aria-hidden="true">✕ </span>
      {t(error.formError)}
    </p>
  );
}

const primary = "min-h-11 rounded bg-brand-700 px-4 font-semibold text-white disabled:opacity-70";
const secondary = "min-h-11 rounded border-2 border-brand-700 px-4 font-semibold text-brand-700 disabled:opacity-70";
const danger = "min-h-11 rounded border-2 border-accent-600 px-4 font-semibold text-accent-600 disabled:opacity-70";

export function StartDraftButton({ code }: { code: string }) {
  const t = useTranslations("catalogueAdmin.versions");
  const { pending, error, run } = useRun();
  return (
    <div className="flex flex-col gap-2">
      <button type="button" className={primary} disabled={pending} onClick={() => run(() => startDraftAction(code))}>
        {t("startDraft")}
      </button>
      <FormError error={error} />
    </div>
  );
}

export function DiscardButton({ code, versionId }: { code: string; versionId: string }) {
  const t = useTranslations("catalogueAdmin.versions");
  const { pending, error, run } = useRun();
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        className={danger}
        disabled={pending}
        onClick={() => window.confirm(t("confirmDiscard")) && run(() => discardAction(code, { versionId }))}
      >
        {t("discard")}
      </button>
      <FormError error={error} />
    </div>
  );
}

/** The reviewer's choices: publish (not one's own work), or return to the editors with a note. */
export function ReviewActions({ code, versionId, ownWork }: { code: string; versionId: string; ownWork: boolean }) {
  const t = useTranslations("catalogueAdmin.versions");
  const tAll = useTranslations();
  const { pending, error, run } = useRun();
  const [note, setNote] = useState("");
  const noteId = useId();
  const noteError = error?.fieldErrors?.note;
  return (
    <div className="flex flex-col gap-4 rounded border-2 border-brand-700 p-4">
      <h2 className="text-xl font-bold">{t("reviewTitle")}</h2>
      {ownWork ? (
        <p className="font-semibold">{t("ownWork")}</p>
      ) : (
        <button
          type="button"
          className={`${primary} self-start`}
          disabled={pending}
          onClick={() => run(() => publishAction(code, { versionId }))}
        >
          {t("publish")}
        </button>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={noteId} className="font-semibold">
          {t("returnNote")}
        </label>
        {noteError && (
          <p id={`${noteId}-error`} className="text-sm font-semibold text-accent-600">
            {tAll(noteError)}
          </p>
        )}
        <textarea
          id={noteId}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? `${noteId}-error` : undefined}
          className="rounded border-2 border-ink-muted bg-white px-3 py-1"
        />
        <button
          type="button"
          className={`${secondary} self-start`}
          disabled={pending}
          onClick={() => run(() => returnToDraftAction(code, { versionId, note }))}
        >
          {t("return")}
        </button>
      </div>
      <FormError error={error} />
    </div>
  );
}

export function RollbackForm({ code, number }: { code: string; number: number }) {
  const t = useTranslations("catalogueAdmin.versions");
  const tAll = useTranslations();
  const { pending, error, run } = useRun();
  const [reason, setReason] = useState("");
  const id = useId();
  const reasonError = error?.fieldErrors?.reason;
  return (
    <div className="flex flex-col gap-2 rounded border-2 border-line p-4">
      <label htmlFor={id} className="font-semibold">
        {t("rollbackReason", { number })}
      </label>
      {reasonError && (
        <p id={`${id}-error`} className="text-sm font-semibold text-accent-600">
          {tAll(reasonError)}
        </p>
      )}
      <textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={reasonError ? `${id}-error` : undefined}
        className="rounded border-2 border-ink-muted bg-white px-3 py-1"
      />
      <button
        type="button"
        className={`${danger} self-start`}
        disabled={pending}
        onClick={() => run(() => rollbackAction(code, { number, reason }))}
      >
        {t("rollback", { number })}
      </button>
      <FormError error={error} />
    </div>
  );
}
