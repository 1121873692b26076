import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, can } from "../auth/policy";
import type { Workflow } from "../catalogue/guide-content";
import { loadCalendar } from "../calendar/load";
import { chinaToday, dateColumnToIso, isoToDateColumn } from "../calendar/china-time";
import { addWorkingDays } from "../calendar/working-days";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { text } from "../validation/text";
import { FINAL_STATUSES, isStatusIn } from "./state-machine";
import { OPINIONS } from "./workflow";
import { parseCaseInput } from "./input";
import { lockCase } from "./transition";
import { alertOverdueOpinion } from "../notifications/staff-alerts";
import { staleCaseError } from "./stale";

/**
 * 并联审批 (joint approval, issue 19): the departments an item's workflow names give their opinions on a case in
 * parallel. The requests are made when the case is accepted (lib/cases/transition.ts), each department sees the case
 * (it joins the case's shared departments) and answers in its own console; the decision waits for every answer
 * (lib/cases/case-workflow.ts), and an answer past its due date is escalated once by the deadline job. A "no" needs
 * its reason and legal basis and goes back to the deciding department with the case.
 */

type Tx = Prisma.TransactionClient;
type Client = Tx | ReturnType<typeof db>;

export const JointOpinionInput = z.object({
  opinion: z.enum(OPINIONS, { message: "cases.errors.choice" }),
  reason: text({ multiline: true }).max(2000, "cases.errors.tooLong").nullish(),
  legalBasis: text({ multiline: true }).max(2000, "cases.errors.tooLong").nullish(),
  expectedVersion: z.coerce.number({ message: "cases.errors.version" }).int().min(0),
});

/** Asks each department the workflow names (known codes, other than the case's own) for its opinion; returns their ids. */
export async function requestJointOpinions(
  tx: Tx,
  row: { id: string; departmentId: string; regionCode: string },
  workflow: Workflow,
  now: Date,
): Promise<string[]> {
  if (workflow.jointDepartmentCodes.length === 0) return [];
  const departments = await tx.department.findMany({
    where: { code: { in: workflow.jointDepartmentCodes }, id: { not: row.departmentId } },
    select: { id: true },
  });
  const dueDate = workflow.jointLimitDays
    ? isoToDateColumn(addWorkingDays(await loadCalendar(row.regionCode), chinaToday(now), workflow.jointLimitDays))
    : null;
  for (const department of departments)
    await tx.caseOpinionRequest.upsert({
      where: { caseId_departmentId: { caseId: row.id, departmentId: department.id } },
      create: { caseId: row.id, departmentId: department.id, requestedAt: now, dueDate },
      update: {},
    });
  return departments.map((department) => department.id);
}

/** How many requested opinions the case still waits for. */
export function openJointOpinions(client: Client, caseId: string): Promise<number> {
  return client.caseOpinionRequest.count({ where: { caseId, answeredAt: null } });
}

/** The case's opinion requests with department and answerer names, for the case page. */
export async function jointOpinionsOf(client: Client, caseId: string) {
  const requests = await client.caseOpinionRequest.findMany({ where: { caseId }, orderBy: { requestedAt: "asc" } });
  if (requests.length === 0) return [];
  const [departments, people] = await Promise.all([
    client.department.findMany({
      where: { id: { in: requests.map((request) => request.departmentId) } },
      select: { id: true, name: true, nameEn: true },
    }),
    client.user.findMany({
      where: { id: { in: requests.map((request) => request.answeredById).filter((id): id is string => !!id) } },
      select: { id: true, realName: true },
    }),
  ]);
  const departmentOf = new Map(departments.map((department) => [department.id, department]));
  const nameOf = new Map(people.map((person) => [person.id, person.realName]));
  return requests.map((request) => ({
    departmentId: request.departmentId,
    department: departmentOf.get(request.departmentId) ?? null,
    requestedAt: request.requestedAt,
    dueDate: request.dueDate,
    answeredAt: request.answeredAt,
    answeredBy: request.answeredById ? (nameOf.get(request.answeredById) ?? null) : null,
    opinion: request.opinion as (typeof OPINIONS)[number] | null,
    reason: request.reason,
    legalBasis: request.legalBasis,
    escalated: request.escalatedAt !== null,
  }));
}

/** Whether the actor may answer for the requested department: its staff holding the review or decision duty. */
export function mayGiveOpinion(actor: Actor, departmentId: string): boolean {
  return (["REVIEW", "DECISION"] as const).some((duty) =>
    can(actor, "case.step", { kind: "caseStep", departmentId, duty, excludedUserIds: [] }),
  );
}

/** Records the actor's department's opinion on the case; a "no" needs reason and legal basis. */
export async function answerJointOpinion(
  actor: Actor,
  caseNumber: string,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const request = parseCaseInput(JointOpinionInput, input);
  if (request.opinion === "DISAGREE") {
    const missing: Record<string, string> = {};
    if (!request.reason?.trim()) missing.reason = "cases.errors.disagreeReason";
    if (!request.legalBasis?.trim()) missing.legalBasis = "cases.errors.required";
    if (Object.keys(missing).length)
      throw new AppError("VALIDATION", "cases.errors.missingFields", { fieldErrors: missing });
  }
  return db().$transaction(async (tx) => {
    const row = await lockCase(tx, caseNumber);
    if (!actor.departmentId) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
    const asked = await tx.caseOpinionRequest.findUnique({
      where: { caseId_departmentId: { caseId: row.id, departmentId: actor.departmentId } },
    });
    // Not asked of this department: the case is none of its business (the same answer as an unknown case).
    if (!asked) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
    if (!mayGiveOpinion(actor, asked.departmentId)) throw new AppError("FORBIDDEN", "cases.errors.notYourDuty");
    if (row.version !== request.expectedVersion) throw staleCaseError(row);
    if (asked.answeredAt) throw new AppError("CONFLICT", "cases.errors.opinionGiven");
    if (isStatusIn(FINAL_STATUSES, row.status)) throw new AppError("UNPROCESSABLE", "cases.errors.closed");
    const reason = request.reason?.trim() || null;
    const legalBasis = request.legalBasis?.trim() || null;
    await tx.caseOpinionRequest.update({
      where: { id: asked.id },
      data: { answeredAt: now, answeredById: actor.userId, opinion: request.opinion, reason, legalBasis },
    });
    // The deciding department sees a fresh page (its decision may now be possible).
    const updated = await tx.case.update({ where: { id: row.id }, data: { version: { increment: 1 } } });
    const department = await tx.department.findUnique({ where: { id: asked.departmentId }, select: { name: true } });
    await tx.caseEvent.create({
      data: {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        actorRole: actor.role,
        action: "jointOpinion",
        reason,
        legalBasis,
        data: { departmentId: asked.departmentId, department: department?.name ?? null, opinion: request.opinion },
        // Another authority's opinion is part of the deliberation; the applicant learns the decision.
        visibleToApplicant: false,
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "case.jointOpinion",
      objectType: "Case",
      objectId: row.id,
      before: { version: row.version },
      after: { version: updated.version, departmentId: asked.departmentId, opinion: request.opinion, reason },
      ip,
    });
    return updated;
  });
}

/**
 * Opinions past their due date and not yet escalated: each is marked once and leaves an internal escalation event on
 * the case for the deciding department and supervision (like an overdue case). Returns how many.
 */
export async function escalateOverdueOpinions(now: Date = new Date()): Promise<number> {
  const today = isoToDateColumn(chinaToday(now));
  const overdue = await db().caseOpinionRequest.findMany({
    where: { answeredAt: null, escalatedAt: null, dueDate: { lt: today } },
    take: 500,
  });
  let escalated = 0;
  for (const request of overdue) {
    const marked = await db().$transaction(async (tx) => {
      const updated = await tx.caseOpinionRequest.updateMany({
        where: { id: request.id, escalatedAt: null },
        data: { escalatedAt: now },
      });
      if (updated.count === 0) return false;
      const department = await tx.department.findUnique({
        where: { id: request.departmentId },
        select: { name: true },
      });
      await tx.caseEvent.create({
        data: {
          caseId: request.caseId,
          at: now,
          action: "escalate",
          data: {
            jointOpinion: true,
            departmentId: request.departmentId,
            department: department?.name ?? null,
            dueDate: dateColumnToIso(request.dueDate),
            to: "RED",
          },
          visibleToApplicant: false,
        },
      });
      await alertOverdueOpinion(tx, request.caseId, request.departmentId, request.dueDate, now);
      await recordAudit(tx, {
        actor: null,
        action: "case.jointOpinion.escalate",
        objectType: "Case",
        objectId: request.caseId,
        after: { departmentId: request.departmentId },
        ip: null,
      });
      return true;
    });
    if (marked) escalated++;
  }
  return escalated;
}
