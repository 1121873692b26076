"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { reissueQueryCodeAction, submitApplicationAction } from "../actions";

type Confirmation = {
  caseNumber: string;
  queryCode: string | null;
  submittedAt: string;
  estimatedDueDate: string | null;
  promised: { limit: number; unit: string } | null;
};

/** The Idempotency-Key of this draft: made once in this browser and reused by every attempt (retries, double clicks). */
function keyFor(applicationId: string): string {
  const storageKey = `ow-submit-key:${applicationId}`;
  try {
    const existing = window.localStorage.getItem(storageKey);
    if (existing) return existing;
    const made = crypto.randomUUID();
    window.localStorage.setItem(storageKey, made);
    return made;
  } catch {
    return `draft-${applicationId}`;
  }
}

/**
 * Declaration and submit, then the confirmation in place: case number, the query code (shown once; only its hash is
 * kept), what happens next, and the promised completion date as an estimate. A failed or lost answer can simply be
 * retried: the same key returns the same case.
 */
export function SubmitPanel({
  applicationId,
  itemCode,
  problems,
}: Readonly<{ applicationId: string; itemCode: string; problems: { href: string; text: string }[] }>) {
  const t = useTranslations();
  const [declared, setDeclared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Confirmation | null>(null);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const submit = async () => {
    if (inFlight.current) return;
    setError(null);
    if (!declared) {
      setFieldErrors({ declaration: "applications.errors.declaration" });
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    const attempt = submitApplicationAction({
      applicationId,
      idempotencyKey: keyFor(applicationId),
      declaration: true,
    });
    inFlight.current = attempt;
    try {
      const result = await attempt;
      if (result.ok) {
        setDone(result.value);
        requestAnimationFrame(() => document.getElementById("confirmation-title")?.focus());
      } else {
        setError(result.formError);
        setFieldErrors(result.fieldErrors ?? {});
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    } catch {
      setError("applications.errors.submitRetry");
    } finally {
      inFlight.current = null;
      setBusy(false);
    }
  };

  if (done) return <ConfirmationPanel confirmation={done} />;

  const listed = [
    ...problems,
    ...Object.entries(fieldErrors).map(([path, key]) => ({
      href:
        path === "declaration"
          ? "#declaration"
          : path.startsWith("materials.")
            ? `/items/${encodeURIComponent(itemCode)}/apply/materials#material-${path.slice(10)}`
            : `/items/${encodeURIComponent(itemCode)}/apply`,
      text: t(key as never),
    })),
  ];
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      {(error || listed.length > 0) && (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby="submit-problems"
          className="rounded border-4 border-accent-600 p-4"
        >
          <h2 id="submit-problems" className="mb-2 text-lg font-bold">
            {t("applications.check.problems")}
          </h2>
          {error && <p className="mb-2">{t(error as never)}</p>}
          <ul className="list-disc pl-6">
            {listed.map((problem) => (
              <li key={`${problem.href}-${problem.text}`}>
                <a href={problem.href} className="font-semibold text-accent-600 underline underline-offset-4">
                  {problem.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h2 className="text-xl font-semibold">{t("applications.check.declarationTitle")}</h2>
      <div className="flex items-start gap-3">
        <input
          id="declaration"
          type="checkbox"
          checked={declared}
          onChange={(event) => setDeclared(event.currentTarget.checked)}
          aria-invalid={fieldErrors.declaration ? true : undefined}
          aria-describedby={fieldErrors.declaration ? "declaration-error" : undefined}
          className="mt-1 h-6 w-6 shrink-0"
        />
        <label htmlFor="declaration">{t("applications.check.declaration")}</label>
      </div>
      {fieldErrors.declaration && (
        <p id="declaration-error" className="font-semibold text-accent-600">
          {t(fieldErrors.declaration as never)}
        </p>
      )}
      <Button type="button" onClick={() => void submit()} disabled={busy} size="lg" className="self-start">
        {busy ? t("applications.check.submitting") : t("applications.check.submit")}
      </Button>
    </div>
  );
}

function ConfirmationPanel({ confirmation }: Readonly<{ confirmation: Confirmation }>) {
  const t = useTranslations("applications.confirmation");
  const units = useTranslations("applications.units");
  const [queryCode, setQueryCode] = useState(confirmation.queryCode);
  const [reissueError, setReissueError] = useState(false);
  return (
    <section aria-labelledby="confirmation-title" className="flex max-w-2xl flex-col gap-4">
      <div className="rounded bg-ok p-6 text-white">
        <h2 id="confirmation-title" tabIndex={-1} className="text-2xl font-bold">
          {t("title")}
        </h2>
        <p className="mt-2 text-lg">
          {t("caseNumber")}
          <br />
          <strong className="text-2xl tracking-wider" data-testid="case-number">
            {confirmation.caseNumber}
          </strong>
        </p>
      </div>
      {queryCode ? (
        <div className="rounded border-2 border-brand-700 p-4">
          <p>
            {t("queryCode")}{" "}
            <strong className="text-xl tracking-widest" data-testid="query-code">
              {queryCode}
            </strong>
          </p>
          <p className="mt-1 text-sm">{t("queryCodeOnce")}</p>
        </div>
      ) : (
        <div className="rounded border-2 border-line p-4">
          <p>{t("queryCodeShownBefore")}</p>
          <Button
            type="button"
            onClick={async () => {
              const result = await reissueQueryCodeAction(confirmation.caseNumber);
              if (result.ok) setQueryCode(result.value);
              else setReissueError(true);
            }}
            variant="secondary"
            className="mt-2"
          >
            {t("reissue")}
          </Button>
          {reissueError && <p role="alert">{t("reissueFailed")}</p>}
        </div>
      )}
      <h3 className="text-xl font-semibold">{t("nextTitle")}</h3>
      <ol className="list-decimal pl-6">
        <li>{t("next1")}</li>
        <li>{t("next2")}</li>
        <li>{t("next3")}</li>
      </ol>
      {confirmation.promised && confirmation.estimatedDueDate && (
        <p>
          {t("estimate", {
            limit: confirmation.promised.limit,
            unit: units(confirmation.promised.unit as never),
            date: confirmation.estimatedDueDate,
          })}
        </p>
      )}
      <Link
        href={`/account/applications/${confirmation.caseNumber}`}
        className="text-brand-700 underline underline-offset-4"
      >
        {t("track")}
      </Link>
    </section>
  );
}
