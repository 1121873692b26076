"use client";

import { usePageLocale } from "@/components/i18n/page-locale";
import { Button } from "@/components/ui/button";
import errorPageEn from "@/lib/i18n/messages/errorPage.en.json";
import errorPageZhCN from "@/lib/i18n/messages/errorPage.zh-CN.json";

// Unexpected failures: a calm message and a retry; details stay in the server log. Its texts come with it (two
// short message files), so every page need not carry the message catalogue and its formatter for this one case.
export default function ErrorPage({ reset }: Readonly<{ error: Error & { digest?: string }; reset: () => void }>) {
  const t = (usePageLocale() === "en" ? errorPageEn : errorPageZhCN).errorPage;
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-10">
      <h1 className="mb-3 text-2xl font-bold">{t.title}</h1>
      <p className="mb-6">{t.body}</p>
      <Button type="button" onClick={reset}>
        {t.retry}
      </Button>
    </main>
  );
}
