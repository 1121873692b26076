"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/app/_lib/action-result";
import { Button } from "@/components/ui/button";
import { type ChainCheck, verifyChainAction } from "./actions";

/** Runs the hash-chain check on demand and announces the result. */
export function VerifyButton() {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionState<ChainCheck>>(verifyChainAction, { ok: null });
  const result = state.ok ? state.value : null;
  return (
    <form action={action} className="mb-6 flex flex-col gap-2">
      <p>{t("supervision.audit.verifyIntro")}</p>
      <div>
        <Button type="submit" disabled={pending}>
          {t("supervision.audit.verify")}
        </Button>
      </div>
      <p
        role="status"
        aria-live="polite"
        className={result && !result.ok ? "font-semibold text-accent-600" : "font-semibold text-ok"}
      >
        {state.formError
          ? t(state.formError)
          : result
            ? result.ok
              ? t("supervision.audit.chainOk", { count: result.checked })
              : t("supervision.audit.chainBroken", { id: result.firstBrokenId ?? "" })
            : ""}
      </p>
    </form>
  );
}
