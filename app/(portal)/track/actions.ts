"use server";

import { headers } from "next/headers";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { currentLocale } from "@/lib/i18n/request";
import { logger } from "@/lib/logger";
import { type CaseStatusView, lookupCaseStatus } from "@/lib/tracking/lookup";

export type TrackState = {
  values: { caseNumber: string; code: string };
  fieldErrors?: Record<string, string>;
  formError?: string;
  result?: CaseStatusView;
  notFound?: boolean;
};

/** Public status lookup (no sign-in); the same answer for an unknown number and a wrong code. */
export async function trackAction(_previous: TrackState, formData: FormData): Promise<TrackState> {
  const values = {
    caseNumber: String(formData.get("caseNumber") ?? "").slice(0, 40),
    code: String(formData.get("code") ?? "").slice(0, 40),
  };
  try {
    const result = await lookupCaseStatus(values, { ip: clientIpFrom(await headers()), locale: await currentLocale() });
    return result ? { values, result } : { values, notFound: true };
  } catch (error) {
    if (isAppError(error))
      return {
        values,
        fieldErrors: error.details.fieldErrors,
        formError: error.code === "VALIDATION" ? undefined : error.messageKey,
      };
    logger.error({ err: error }, "status lookup failed");
    return { values, formError: "errors.unexpected" };
  }
}
