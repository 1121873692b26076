import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, isDepartmentRole, type Permission } from "../auth/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import { isId } from "../http/params";
import { text } from "../validation/text";
import type { Prisma } from "../generated/prisma/client";
import { parseCaseInput } from "./input";
import { caseResource } from "./transition";
import { FINAL_STATUSES, isStatusIn } from "./state-machine";
import { staleCaseError } from "./stale";

/**
 * Work on a case that does not change its status: claim, assign to a colleague, transfer to another department,
 * internal notes and messages to the applicant. Each is checked by the policy, written to the timeline and, when it
 * changes who handles the case, audited and version-bumped (a colleague acting on what they saw gets CONFLICT).
 */

type Tx = Prisma.TransactionClient;

const parse = parseCaseInput;

const version = z.coerce.number({ message: "cases.errors.version" }).int().min(0);

export const AssignRequest = z.object({
  /** The colleague; empty means "myself" (claim). */
  assigneeId: z.string().uuid("cases.errors.choice").nullish(),
  expectedVersion: version,
});

export const TransferRequest = z.object({
  departmentId: z.string({ message: "cases.errors.required" }).uuid("cases.errors.choice"),
  reason: text({ multiline: true, typeMessage: "cases.errors.required" })
    .min(2, "cases.errors.required")
    .max(2000, "cases.errors.tooLong"),
  expectedVersion: version,
});

export const NoteRequest = z.object({
  kind: z.enum(["note", "message"], { message: "cases.errors.choice" }),
  text: text({ multiline: true, typeMessage: "cases.errors.required" })
    .min(1, "cases.errors.required")
    .max(4000, "cases.errors.tooLong"),
});

async function lockForWork(tx: Tx, actor: Actor, caseNumber: string, permission: Permission) {
  // Not a case number: unknown, before any query (PostgreSQL refuses NUL in text; a 500 is no answer).
  if (!isId("caseNumber", caseNumber)) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM case_record WHERE case_number = ${caseNumber} FOR UPDATE`;
  const id = rows[0]?.id;
  if (!id) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  const row = await tx.case.findUniqueOrThrow({ where: { id } });
  assertCan(actor, permission, caseResource(row));
  return row;
}

function assertFresh(row: Parameters<typeof staleCaseError>[0], expected: number) {
  if (row.version !== expected) throw staleCaseError(row);
}

function assertOpen(row: { status: string }) {
  if (isStatusIn(FINAL_STATUSES, row.status)) throw new AppError("UNPROCESSABLE", "cases.errors.closed");
}

/** Claim (no assignee given) or assign to a colleague of the same department. */
export async function assignCase(
  actor: Actor,
  caseNumber: string,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const request = parse(AssignRequest, input);
  return db().$transaction(async (tx) => {
    const row = await lockForWork(tx, actor, caseNumber, "case.assign");
    assertFresh(row, request.expectedVersion);
    assertOpen(row);
    const assigneeId = request.assigneeId ?? actor.userId;
    const assignee = await tx.user.findUnique({
      where: { id: assigneeId },
      select: { id: true, realName: true, role: true, status: true, departmentId: true },
    });
    if (
      !assignee ||
      assignee.status !== "ACTIVE" ||
      assignee.departmentId !== row.departmentId ||
      !isDepartmentRole(assignee.role)
    )
      throw new AppError("VALIDATION", "cases.errors.form", {
        fieldErrors: { assigneeId: "cases.errors.notColleague" },
      });
    const updated = await tx.case.update({ where: { id: row.id }, data: { assigneeId, version: { increment: 1 } } });
    const action = assigneeId === actor.userId ? "claim" : "assign";
    await tx.caseEvent.create({
      data: {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        actorRole: actor.role,
        action,
        data: { assigneeId, assigneeName: assignee.realName, previousAssigneeId: row.assigneeId },
        visibleToApplicant: false,
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: `case.${action}`,
      objectType: "Case",
      objectId: row.id,
      before: { assigneeId: row.assigneeId, version: row.version },
      after: { assigneeId, version: updated.version },
      ip,
    });
    return updated;
  });
}

/** Transfer to another department (wrongly routed, or the other body is competent), with a reason. */
export async function transferCase(
  actor: Actor,
  caseNumber: string,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const request = parse(TransferRequest, input);
  return db().$transaction(async (tx) => {
    const row = await lockForWork(tx, actor, caseNumber, "case.transfer");
    assertFresh(row, request.expectedVersion);
    assertOpen(row);
    if (request.departmentId === row.departmentId)
      throw new AppError("VALIDATION", "cases.errors.form", {
        fieldErrors: { departmentId: "cases.errors.sameDepartment" },
      });
    const target = await tx.department.findUnique({
      where: { id: request.departmentId },
      select: { id: true, name: true, regionCode: true },
    });
    if (!target)
      throw new AppError("VALIDATION", "cases.errors.form", { fieldErrors: { departmentId: "cases.errors.choice" } });
    const from = await tx.department.findUnique({ where: { id: row.departmentId }, select: { name: true } });
    const updated = await tx.case.update({
      where: { id: row.id },
      data: { departmentId: target.id, assigneeId: null, version: { increment: 1 } },
    });
    await tx.caseEvent.create({
      data: {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        actorRole: actor.role,
        action: "transfer",
        reason: request.reason,
        data: {
          fromDepartmentId: row.departmentId,
          fromDepartment: from?.name ?? null,
          toDepartmentId: target.id,
          toDepartment: target.name,
        },
        // The applicant learns which department now handles the case (not the internal reason's wording alone).
        visibleToApplicant: true,
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "case.transfer",
      objectType: "Case",
      objectId: row.id,
      before: { departmentId: row.departmentId, assigneeId: row.assigneeId, version: row.version },
      after: { departmentId: target.id, version: updated.version, reason: request.reason },
      ip,
    });
    return updated;
  });
}

/**
 * An internal note (visible to staff only, never to the applicant) or a message to the applicant. Neither changes
 * the case, so neither needs the version; messages are audited (they speak for the department), notes too.
 */
export async function addCaseNote(
  actor: Actor,
  caseNumber: string,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const request = parse(NoteRequest, input);
  return db().$transaction(async (tx) => {
    const row = await lockForWork(tx, actor, caseNumber, "case.note");
    const event = await tx.caseEvent.create({
      data: {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        actorRole: actor.role,
        action: request.kind,
        reason: request.text,
        visibleToApplicant: request.kind === "message",
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: `case.${request.kind}`,
      objectType: "Case",
      objectId: row.id,
      after: { eventId: event.id.toString(), visibleToApplicant: event.visibleToApplicant },
      ip,
    });
    return { id: event.id.toString(), visibleToApplicant: event.visibleToApplicant };
  });
}
