import "server-only";
import { type Actor, assertCan, can } from "../auth/policy";
import { getStaffCase } from "../cases/detail";
import { db } from "../db/client";
import { AppError } from "../errors";
import { listCaseRatings } from "../evaluation/rectifications";
import { SUPERVISION_ACTIONS, supervisionThread } from "./oversight";

/**
 * The read-only supervision view of any case (the console's case page is department-scoped): the staff case
 * detail of lib/cases/detail.ts without actions, plus the supervision thread. Supervisors and platform admins see
 * every case, department admins their department's (case.view decides; others get NOT_FOUND). The view is
 * logged as a read of the applicant's data (`read.case` with purpose "supervision", issue 15). Supervisors open
 * cases from their bad ratings, so the view carries the case's ratings and their rectifications (issue 18, point 7),
 * the raters' phones masked.
 */
export async function getSupervisionCase(
  actor: Actor,
  caseNumber: string,
  options: { locale?: string; now?: Date; ip?: string | null } = {},
) {
  assertCan(actor, "admin.access");
  if (!/^\d{20}$/.test(caseNumber)) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  const detail = await getStaffCase(actor, caseNumber, { ...options, purpose: "supervision" });
  const row = await db().case.findUniqueOrThrow({
    where: { caseNumber },
    select: { id: true, applicantUserId: true, applicantCompanyId: true, departmentId: true },
  });
  const supervisionActions: string[] = Object.values(SUPERVISION_ACTIONS);
  return {
    ...detail,
    actions: [],
    canProcess: false,
    staff: [],
    departments: [],
    timeline: detail.timeline.filter((event) => !supervisionActions.includes(event.action)),
    thread: await supervisionThread(row.id),
    ratings: await listCaseRatings(actor, caseNumber, { now: options.now }),
    canComment: can(actor, "supervision.comment", { kind: "case", ...row }),
  };
}
