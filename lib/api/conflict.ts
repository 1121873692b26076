import "server-only";
import { db } from "../db/client";
import { isAppError } from "../errors";
import type { Locale } from "../i18n/config";
import { caseStateDto } from "./dto";
import { ApiAnswer, apiErrorResponse } from "./http";

/**
 * A stale expectedVersion (CONFLICT from lib/cases/transition.ts, raised only after the caller's right to act on
 * the case was checked) answers 409 with the case's current state, so the client can reload and decide again.
 * Other errors pass through unchanged.
 */
export async function withCaseConflict<T>(locale: Locale, caseNumber: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.code === "CONFLICT" && error.messageKey === "cases.errors.stale") {
      const row = await db().case.findUnique({
        where: { caseNumber },
        select: { caseNumber: true, status: true, version: true, dueDate: true },
      });
      if (row)
        throw new ApiAnswer(
          apiErrorResponse(locale, 409, "CONFLICT", error.messageKey, { extra: { current: caseStateDto(row) } }),
        );
    }
    throw error;
  }
}
