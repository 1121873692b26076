import { dateColumnToIso } from "../calendar/china-time";
import { AppError } from "../errors";

/**
 * Someone else changed the case since the caller read it: CONFLICT carrying the case's state as it stands now (the
 * API's CaseState), so a client can show it and retry instead of guessing.
 */
export function staleCaseError(row: { caseNumber: string; status: string; version: number; dueDate: Date | null }) {
  return new AppError("CONFLICT", "cases.errors.stale", {
    current: {
      caseNumber: row.caseNumber,
      status: row.status,
      version: row.version,
      dueDate: row.dueDate ? dateColumnToIso(row.dueDate) : null,
    },
  });
}
