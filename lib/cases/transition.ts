import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, applicantKind, assertCan } from "../auth/policy";
import { chinaToday, isoToDateColumn } from "../calendar/china-time";
import { db } from "../db/client";
import { AppError } from "../errors";
import { isId } from "../http/params";
import { text } from "../validation/text";
import type { Prisma } from "../generated/prisma/client";
import { type ClockRow, deadlineOfCase } from "./clock";
import { assertMayTakeStep, caseWorkflow, nextStepFields } from "./case-workflow";
import {
  type CaseActorKind,
  type CaseStatus,
  DECIDING_STATUSES,
  planTransition,
  type TransitionPlan,
} from "./state-machine";
import { forwardTarget, moveCaseTo } from "./forwarding";
import { parseCaseInput } from "./input";
import { requestJointOpinions } from "./joint-opinions";
import { consumeSupplementApproval } from "./supplement-rule";
import { OPINIONS } from "./workflow";
import { staleCaseError } from "./stale";

/**
 * The one way a case changes state, for the console, the applicant's pages and the API alike: parse the request,
 * lock the case row, check the policy and the version the caller saw (a stale version is a CONFLICT: one clerk
 * wins, the other sees the fresh state), plan the move with the state machine, apply its side effects (clock,
 * pauses, outcome), and write the timeline event and the audit entry in the same transaction.
 */

type Tx = Prisma.TransactionClient;

const isoDate = text().regex(/^\d{4}-\d{2}-\d{2}$/, "cases.errors.date");

export const SupplementEntry = z.object({
  /** The material concerned, when the problem is a material. */
  materialCode: text().max(64).nullish(),
  /** The form answer concerned (its path), when the problem is an answer. */
  field: text().max(200).nullish(),
  note: text({ multiline: true }).min(1, "cases.errors.required").max(1000, "cases.errors.tooLong"),
});
export type SupplementEntry = z.infer<typeof SupplementEntry>;

export const TransitionRequest = z.object({
  action: text().max(40),
  reason: text({ multiline: true }).max(2000, "cases.errors.tooLong").nullish(),
  legalBasis: text({ multiline: true }).max(2000, "cases.errors.tooLong").nullish(),
  supplementList: z.array(SupplementEntry).max(100, "cases.errors.tooMany").nullish(),
  plannedEnd: isoDate.nullish(),
  deliveryMethod: z.enum(["DOWNLOAD", "POST", "WINDOW_PICKUP"], { message: "cases.errors.choice" }).nullish(),
  trackingNumber: text().max(64, "cases.errors.tooLong").nullish(),
  targetDepartment: text().max(32, "cases.errors.tooLong").nullish(),
  /** A sign-off's opinion (同意/不同意); 不同意 needs its reasons in `reason`. */
  opinion: z.enum(OPINIONS, { message: "cases.errors.choice" }).nullish(),
  /** The case version the caller last saw. */
  expectedVersion: z.number({ message: "cases.errors.version" }).int().min(0),
});
export type TransitionRequest = z.input<typeof TransitionRequest>;

export type CaseRow = Awaited<ReturnType<typeof lockCase>>;

/** The case row, locked for this transaction (FOR UPDATE); NOT_FOUND for anything that is not a known case number. */
export async function lockCase(tx: Tx, caseNumber: string) {
  // Not a case number: unknown, before any query (PostgreSQL refuses NUL in text; a 500 is no answer).
  if (!isId("caseNumber", caseNumber)) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM case_record WHERE case_number = ${caseNumber} FOR UPDATE`;
  const id = rows[0]?.id;
  if (!id) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  return tx.case.findUniqueOrThrow({ where: { id } });
}

export function actorKind(actor: Actor): CaseActorKind {
  return applicantKind(actor) !== null ? "applicant" : "staff";
}

type CaseRowFacts = {
  applicantUserId: string;
  applicantCompanyId: string | null;
  departmentId: string;
  serviceItemId?: string;
  sharedDepartmentIds?: readonly string[];
};

export function caseResource(row: CaseRowFacts) {
  return {
    kind: "case" as const,
    applicantUserId: row.applicantUserId,
    applicantCompanyId: row.applicantCompanyId,
    departmentId: row.departmentId,
    serviceItemId: row.serviceItemId,
    sharedDepartmentIds: row.sharedDepartmentIds ?? [],
  };
}

/**
 * Checks that the actor may take actions of their kind on this case. Unknown and forbidden look the same. Staff
 * must see the case; which step they may take is the workflow's question (lib/cases/case-workflow.ts), asked next.
 */
export function assertMayAct(actor: Actor, row: CaseRowFacts) {
  const kind = actorKind(actor);
  try {
    assertCan(actor, kind === "applicant" ? "case.view" : "case.staffView", caseResource(row));
  } catch (error) {
    // An applicant guessing another person's case number learns nothing: the same answer as "no such case".
    if (kind === "applicant") throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
    throw error;
  }
}

/** Due dates from acceptance, pauses excluded, and the warning; recomputed whenever the clock starts or pauses. */
export async function computeDueDates(tx: Tx, row: ClockRow, now: Date) {
  const deadline = await deadlineOfCase(tx, row, now);
  return {
    dueDate: isoToDateColumn(deadline.dueDate),
    statutoryDueDate: isoToDateColumn(deadline.statutoryDueDate),
    warning: deadline.warning,
  };
}

export type TransitionOptions = {
  ip: string | null;
  /** Extra writes in the same transaction, after the plan is known (the resubmission's new answers, a result). */
  effects?: (
    tx: Tx,
    row: CaseRow,
    plan: Extract<TransitionPlan, { ok: true }>,
  ) => Promise<Record<string, unknown> | void>;
  now?: Date;
};

function planError(plan: Extract<TransitionPlan, { ok: false }>): AppError {
  switch (plan.error) {
    case "missingFields":
      return new AppError("VALIDATION", "cases.errors.missingFields", {
        fieldErrors: Object.fromEntries((plan.missing ?? []).map((field) => [field, "cases.errors.required"])),
      });
    case "unknownAction":
      return new AppError("VALIDATION", "cases.errors.unknownAction", {
        fieldErrors: { action: "cases.errors.unknownAction" },
      });
    case "wrongActor":
      return new AppError("FORBIDDEN", "cases.errors.notYourAction");
    case "notAllowedFromState":
      return new AppError("UNPROCESSABLE", "cases.errors.notAllowedFromState");
  }
}

/** Takes `input.action` on the case; returns the case's new state. */
export async function transitionCase(actor: Actor, caseNumber: string, input: unknown, options: TransitionOptions) {
  const request = parseCaseInput(TransitionRequest, input);
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const row = await lockCase(tx, caseNumber);
    assertMayAct(actor, row);
    if (row.version !== request.expectedVersion) throw staleCaseError(row);
    const plan = planTransition(row.status as CaseStatus, { ...request, by: actorKind(actor) });
    if (!plan.ok) throw planError(plan);
    // The item's workflow: which step this is, and whether this person's duties (and the separation of duties) let
    // them take it.
    const facts = await caseWorkflow(tx, row);
    const step =
      actorKind(actor) === "staff" ? (await assertMayTakeStep(tx, actor, row, plan.action, facts)).step : null;
    if (plan.action === "signOff" && request.opinion === "DISAGREE" && !request.reason?.trim())
      throw new AppError("VALIDATION", "cases.errors.missingFields", {
        fieldErrors: { reason: "cases.errors.disagreeReason" },
      });
    if (plan.action === "signOff" && step) facts.signOffs.push({ step: step.kind, userId: actor.userId });
    if (plan.action === "deliver" && request.deliveryMethod === "POST" && !request.trackingNumber)
      throw new AppError("VALIDATION", "cases.errors.missingFields", {
        fieldErrors: { trackingNumber: "cases.errors.required" },
      });
    if (plan.action === "startSpecialProcedure" && request.plannedEnd && request.plannedEnd < chinaToday(now))
      throw new AppError("VALIDATION", "cases.errors.form", { fieldErrors: { plannedEnd: "cases.errors.pastDate" } });

    const data: Prisma.CaseUncheckedUpdateInput = { status: plan.to, version: { increment: 1 } };
    for (const stamp of plan.stamps) data[stamp] = now;
    // An outcome (办结结果) ends the handling: the completion time is set with it.
    if (plan.outcomeCode !== null) Object.assign(data, { outcomeCode: plan.outcomeCode, completedAt: now });
    const clock = plan.clock;
    if (clock && typeof clock === "object" && "opensPause" in clock)
      await tx.casePause.create({
        data: {
          caseId: row.id,
          kind: clock.opensPause,
          reason: request.reason ?? "",
          startedAt: now,
          // Only a special procedure has a planned end (the action requires it); a suspension lasts until resumed.
          plannedEnd:
            clock.opensPause === "SPECIAL_PROCEDURE" && request.plannedEnd ? isoToDateColumn(request.plannedEnd) : null,
        },
      });
    if (clock && typeof clock === "object" && "closesPause" in clock)
      await tx.casePause.updateMany({
        where: { caseId: row.id, kind: clock.closesPause, endedAt: null },
        data: { endedAt: now },
      });

    // 一次性告知: a supplement request after the first spends a supervisor's approval (lib/cases/supplement-rule.ts).
    const supplementApproval =
      plan.action === "requestSupplement" ? await consumeSupplementApproval(tx, row.id, now) : null;

    // 转报: the case moves to the target department's implementation of the item and starts again there.
    const forwarded = plan.action === "forward" ? await forwardTarget(tx, row, request.targetDepartment ?? "") : null;
    // 并联审批: accepting the case asks the workflow's joint departments for their opinions; they may read it.
    const jointDepartments = plan.action === "accept" ? await requestJointOpinions(tx, row, facts.workflow, now) : [];
    if (jointDepartments.length)
      data.sharedDepartmentIds = [...new Set([...row.sharedDepartmentIds, ...jointDepartments])];

    const extra = (await options.effects?.(tx, row, plan)) ?? undefined;
    if (plan.clock)
      Object.assign(
        data,
        await computeDueDates(
          tx,
          { ...row, acceptedAt: plan.stamps.includes("acceptedAt") ? now : row.acceptedAt },
          now,
        ),
      );
    if (!DECIDING_STATUSES.includes(plan.to)) data.warning = "GREEN";
    // The step the case waits for next: in its own workflow, or (forwarded) from the start in the target's.
    Object.assign(
      data,
      forwarded
        ? await moveCaseTo(tx, row, forwarded, plan.to, now)
        : await nextStepFields(
            tx,
            {
              ...row,
              sharedDepartmentIds: (data.sharedDepartmentIds as string[] | undefined) ?? row.sharedDepartmentIds,
            },
            plan.to,
            facts,
            now,
          ),
    );

    const updated = await tx.case.update({ where: { id: row.id }, data });
    const eventData = {
      ...(request.supplementList ? { supplementList: request.supplementList } : {}),
      ...(supplementApproval ? { supplementApprovalId: supplementApproval.approvalId } : {}),
      ...(request.plannedEnd ? { plannedEnd: request.plannedEnd } : {}),
      ...(request.deliveryMethod
        ? {
            deliveryMethod: request.deliveryMethod,
            trackingNumber: request.deliveryMethod === "POST" ? (request.trackingNumber ?? null) : null,
          }
        : {}),
      ...(request.targetDepartment ? { targetDepartment: request.targetDepartment } : {}),
      ...(forwarded
        ? {
            fromDepartmentId: row.departmentId,
            toDepartmentId: forwarded.departmentId,
            toDepartment: forwarded.departmentName,
            toItemCode: forwarded.itemCode,
          }
        : {}),
      // The workflow step the action took, and a sign-off's opinion: the case page's 审批意见 and the 审批表 read them.
      ...(step ? { step: step.kind } : {}),
      ...(plan.action === "signOff" ? { opinion: request.opinion } : {}),
      ...(extra ?? {}),
    };
    await tx.caseEvent.create({
      data: {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        actorRole: actor.role,
        action: plan.action,
        fromStatus: plan.from,
        toStatus: plan.to,
        reason: request.reason ?? null,
        legalBasis: request.legalBasis ?? null,
        data: Object.keys(eventData).length ? (eventData as Prisma.InputJsonValue) : undefined,
        // Opinions are the department's deliberation (内部审批意见): staff see them, the applicant sees the decision.
        visibleToApplicant: plan.action !== "signOff",
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: `case.${plan.action}`,
      objectType: "Case",
      objectId: row.id,
      before: { status: row.status, version: row.version },
      after: { status: updated.status, version: updated.version, reason: request.reason ?? null },
      ip: options.ip,
    });
    return updated;
  });
}
