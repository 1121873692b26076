"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/app/_lib/action";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
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

export function StartDraftButton({ code }: { code: string }) {
  const t = useTranslations("catalogueAdmin.versions");
  const { pending, error, run } = useRun();
  return (
    <div className="flex flex-col gap-2">
      <Button type="button" disabled={pending} onClick={() => run(() => startDraftAction(code))}>
        {t("startDraft")}
      </Button>
      <FormError error={error} />
    </div>
  );
}

export function DiscardButton({ code, versionId }: { code: string; versionId: string }) {
  const t = useTranslations("catalogueAdmin.versions");
  const { pending, error, run } = useRun();
  return (
    <div className="flex flex-col gap-2">
      <Button
        type="button"
        variant="danger"
        disabled={pending}
        onClick={() => window.confirm(t("confirmDiscard")) && run(() => discardAction(code, { versionId }))}
      >
        {t("discard")}
      </Button>
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
        <Button
          type="button"
          className="self-start"
          disabled={pending}
          onClick={() => run(() => publishAction(code, { versionId }))}
        >
          {t("publish")}
        </Button>
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
        <Textarea
          id={noteId}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? `${noteId}-error` : undefined}
        />
        <Button
          type="button"
          variant="secondary"
          className="self-start"
          disabled={pending}
          onClick={() => run(() => returnToDraftAction(code, { versionId, note }))}
        >
          {t("return")}
        </Button>
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
      <Textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={reasonError ? `${id}-error` : undefined}
      />
      <Button
        type="button"
        variant="danger"
        className="self-start"
        disabled={pending}
        onClick={() => run(() => rollbackAction(code, { number, reason }))}
      >
        {t("rollback", { number })}
      </Button>
      <FormError error={error} />
    </div>
  );
}
