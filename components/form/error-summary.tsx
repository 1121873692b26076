"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

/** `label` names the field in the summary, so each line says which answer is wrong, not only how. */
type Props = Readonly<{ errors: { field: string; message: string; label?: string }[]; formError?: string }>;

/** GOV.UK-style error summary: takes focus when it appears and links each problem to its field. */
export function ErrorSummary({ errors, formError }: Props) {
  const t = useTranslations();
  const ref = useRef<HTMLDivElement>(null);
  const visible = errors.length > 0 || Boolean(formError);
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, errors.length, formError]);
  if (!visible) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="mb-6 rounded border-4 border-accent-600 p-4"
    >
      <h2 id="error-summary-title" className="mb-2 text-lg font-bold">
        {t("errors.summaryTitle")}
      </h2>
      {formError && <p className="mb-2">{t(formError)}</p>}
      <ul className="list-disc pl-6">
        {errors.map((error) => (
          <li key={error.field}>
            <a href={`#${error.field}`} className="font-semibold text-accent-600 underline underline-offset-4">
              {error.label ? `${error.label}：${t(error.message)}` : t(error.message)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
