"use server";

import { type ActionResult, type ActionState, runPublicAction } from "@/app/_lib/action";
import { currentLocale } from "@/lib/i18n/request";
import { type CaseStatusView, lookupCaseStatus } from "@/lib/tracking/lookup";

/** The answer of a lookup: the status, or null for an unknown number or a wrong code (the same answer for both). */
export type TrackResult = ActionResult<CaseStatusView | null>;

/** Public status lookup (no sign-in). */
export async function trackAction(
  _previous: ActionState<CaseStatusView | null>,
  formData: FormData,
): Promise<TrackResult> {
  const values = {
    caseNumber: String(formData.get("caseNumber") ?? "").slice(0, 40),
    code: String(formData.get("code") ?? "").slice(0, 40),
  };
  return runPublicAction(
    "status lookup",
    async (ip) => lookupCaseStatus(values, { ip, locale: await currentLocale() }),
    { values },
  );
}
