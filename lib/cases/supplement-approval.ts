import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, can } from "../auth/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import { alertSupplementApproval } from "../notifications/staff-alerts";
import { text } from "../validation/text";
import { assertMayTakeStep, caseWorkflow } from "./case-workflow";
import { parseCaseInput } from "./input";
import { supplementsSoFar } from "./supplement-rule";
import { caseResource, lockCase } from "./transition";

/**
 * 一次性告知 (行政许可法 §32(1)(4), issue 19): the applicant is told everything missing at once. A further supplement
 * request on the same case is an exception: the clerk asks for it with the reason the first notice missed it, a
 * supervisor (the supervision office, or the case department's administrator; never the clerk who asked) approves
 * or refuses it, and one approval allows exactly one further request, which consumes it inside the case lock.
 */

const E = "cases.supplementApproval.errors";

export const SupplementApprovalRequest = z.object({
  reason: text({ multiline: true }).min(1, "cases.errors.required").max(1000, "cases.errors.tooLong"),
});

export const SupplementApprovalDecision = z.object({
  decision: z.enum(["APPROVE", "REFUSE"], { message: "cases.errors.choice" }),
  note: text({ multiline: true }).max(1000, "cases.errors.tooLong").optional().default(""),
});

export type SupplementApprovalView = {
  id: string;
  status: "PENDING" | "APPROVED" | "REFUSED" | "USED";
  reason: string;
  requestedAt: Date;
  requestedBy: string;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionNote: string | null;
  /** Whether the viewer may decide it now (pending, in their scope, not their own request). */
  mayDecide: boolean;
};

async function staffNames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = wanted.length
    ? await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, realName: true } })
    : [];
  return new Map(users.map((user) => [user.id, user.realName]));
}

function decideResource(row: { departmentId: string }, approval: { requestedById: string }) {
  return { kind: "supplementApproval" as const, departmentId: row.departmentId, requestedById: approval.requestedById };
}

/**
 * The case's approvals, newest first, and how many supplement requests it has had (the console offers the request
 * form when a further one needs an approval). Staff who may see the case only.
 */
export async function supplementApprovalsOf(
  actor: Actor,
  caseNumber: string,
): Promise<{ approvals: SupplementApprovalView[]; supplements: number }> {
  const row = await db().case.findUnique({
    where: { caseNumber },
    select: {
      id: true,
      applicantUserId: true,
      applicantCompanyId: true,
      departmentId: true,
      serviceItemId: true,
      sharedDepartmentIds: true,
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  assertCan(actor, "case.staffView", caseResource(row));
  const [approvals, supplements] = await Promise.all([
    db().supplementApproval.findMany({ where: { caseId: row.id }, orderBy: { requestedAt: "desc" } }),
    supplementsSoFar(db(), row.id),
  ]);
  const names = await staffNames(approvals.flatMap((approval) => [approval.requestedById, approval.decidedById]));
  return {
    supplements,
    approvals: approvals.map((approval) => ({
      id: approval.id,
      status: approval.status,
      reason: approval.reason,
      requestedAt: approval.requestedAt,
      requestedBy: names.get(approval.requestedById) ?? "—",
      decidedAt: approval.decidedAt,
      decidedBy: approval.decidedById ? (names.get(approval.decidedById) ?? "—") : null,
      decisionNote: approval.decisionNote,
      mayDecide:
        approval.status === "PENDING" && can(actor, "case.supplementApproval.decide", decideResource(row, approval)),
    })),
  };
}

/**
 * The clerk asks for a further supplement request: someone who may take the supplement step of the case now, after
 * a first request, with no approval already pending or unused. The supervisors are alerted.
 */
export async function requestSupplementApproval(
  actor: Actor,
  caseNumber: string,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const request = parseCaseInput(SupplementApprovalRequest, input);
  return db().$transaction(async (tx) => {
    const row = await lockCase(tx, caseNumber);
    assertCan(actor, "case.staffView", caseResource(row));
    // Asking is part of the supplement step: whoever may send the supplement request may ask.
    await assertMayTakeStep(tx, actor, row, "requestSupplement", await caseWorkflow(tx, row));
    if (row.status !== "SUBMITTED" && row.status !== "PRE_REVIEW")
      throw new AppError("UNPROCESSABLE", "cases.errors.notAllowedFromState");
    if ((await supplementsSoFar(tx, row.id)) === 0) throw new AppError("UNPROCESSABLE", `${E}.firstNeedsNone`);
    const open = await tx.supplementApproval.findFirst({
      where: { caseId: row.id, status: { in: ["PENDING", "APPROVED"] } },
      select: { status: true },
    });
    if (open) throw new AppError("CONFLICT", open.status === "PENDING" ? `${E}.pending` : `${E}.unused`);
    const approval = await tx.supplementApproval.create({
      data: { caseId: row.id, requestedById: actor.userId, requestedAt: now, reason: request.reason },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "case.supplementApproval.request",
      objectType: "Case",
      objectId: row.id,
      after: { approvalId: approval.id, reason: request.reason },
      ip,
    });
    await alertSupplementApproval(tx, row.id, approval.id, now);
    return approval;
  });
}

/** A supervisor approves or refuses a pending request (a refusal needs its note). */
export async function decideSupplementApproval(
  actor: Actor,
  caseNumber: string,
  approvalId: string,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const decision = parseCaseInput(SupplementApprovalDecision, input);
  if (decision.decision === "REFUSE" && !decision.note.trim())
    throw new AppError("VALIDATION", "cases.errors.missingFields", { fieldErrors: { note: `${E}.refusalNote` } });
  return db().$transaction(async (tx) => {
    const row = await lockCase(tx, caseNumber);
    const approval = z.uuid().safeParse(approvalId).success
      ? await tx.supplementApproval.findFirst({ where: { id: approvalId, caseId: row.id } })
      : null;
    // Someone who may not decide learns nothing about the case or the request.
    if (
      !approval ||
      !can(actor, "case.supplementApproval.decide", {
        kind: "supplementApproval",
        departmentId: row.departmentId,
        requestedById: "",
      })
    )
      throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
    assertCan(actor, "case.supplementApproval.decide", decideResource(row, approval));
    if (approval.status !== "PENDING") throw new AppError("CONFLICT", `${E}.decided`);
    const status = decision.decision === "APPROVE" ? "APPROVED" : "REFUSED";
    const updated = await tx.supplementApproval.update({
      where: { id: approval.id },
      data: { status, decidedById: actor.userId, decidedAt: now, decisionNote: decision.note.trim() || null },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "case.supplementApproval.decide",
      objectType: "Case",
      objectId: row.id,
      before: { approvalId: approval.id, status: approval.status },
      after: { approvalId: approval.id, status, note: decision.note.trim() || null },
      ip,
    });
    return updated;
  });
}

export type PendingSupplementApproval = {
  id: string;
  caseNumber: string;
  itemName: string;
  departmentName: string;
  reason: string;
  requestedAt: Date;
  requestedBy: string;
};

/** The requests waiting for the actor's decision, oldest first (the supervision page's list). */
export async function pendingSupplementApprovals(actor: Actor): Promise<PendingSupplementApproval[]> {
  assertCan(actor, "admin.access");
  const rows = await db().supplementApproval.findMany({
    where: { status: "PENDING" },
    orderBy: { requestedAt: "asc" },
    take: 200,
    include: { case: { select: { caseNumber: true, departmentId: true, serviceItemId: true } } },
  });
  const mine = rows.filter((row) => can(actor, "case.supplementApproval.decide", decideResource(row.case, row)));
  const [names, items, departments] = await Promise.all([
    staffNames(mine.map((row) => row.requestedById)),
    db().serviceItem.findMany({
      where: { id: { in: mine.map((row) => row.case.serviceItemId) } },
      select: { id: true, name: true },
    }),
    db().department.findMany({
      where: { id: { in: mine.map((row) => row.case.departmentId) } },
      select: { id: true, name: true },
    }),
  ]);
  const itemName = new Map(items.map((item) => [item.id, item.name]));
  const departmentName = new Map(departments.map((department) => [department.id, department.name]));
  return mine.map((row) => ({
    id: row.id,
    caseNumber: row.case.caseNumber,
    itemName: itemName.get(row.case.serviceItemId) ?? "—",
    departmentName: departmentName.get(row.case.departmentId) ?? "—",
    reason: row.reason,
    requestedAt: row.requestedAt,
    requestedBy: names.get(row.requestedById) ?? "—",
  }));
}
