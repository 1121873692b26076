"use client";

import { useTranslations } from "next-intl";

// Unexpected failures: a calm message and a retry; details stay in the server log.
export default function ErrorPage({ reset }: Readonly<{ error: Error & { digest?: string }; reset: () => void }>) {
  const t = useTranslations("errorPage");
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-10">
      <h1 className="mb-3 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6">{t("body")}</p>
      <button type="button" onClick={reset} className="min-h-11 rounded bg-brand-700 px-5 font-semibold text-white">
        {t("retry")}
      </button>
    </main>
  );
}
