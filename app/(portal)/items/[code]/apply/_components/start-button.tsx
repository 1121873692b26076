"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { startApplicationAction } from "../actions";

/** "Start" on the before-you-start page: creates (or resumes) the draft, then the page shows the form. */
export function StartButton({ itemCode }: Readonly<{ itemCode: string }>) {
  const t = useTranslations();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2">
      {error && (
        <p role="alert" className="font-semibold text-accent-600">
          {t(error as never)}
        </p>
      )}
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await startApplicationAction(itemCode);
            if (result && !result.ok) setError(result.formError);
          })
        }
        size="lg"
        className="self-start"
      >
        {pending ? t("applications.apply.starting") : t("applications.apply.start")}
      </Button>
    </div>
  );
}
