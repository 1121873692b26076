import "server-only";
import { type Actor, can } from "../auth/policy";
import type { StaffDuty, Workflow } from "../catalogue/guide-content";
import { loadCalendar } from "../calendar/load";
import { chinaToday, isoToDateColumn } from "../calendar/china-time";
import { addWorkingDays } from "../calendar/working-days";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { db } from "../db/client";
import type { CaseAction, CaseStatus } from "./state-machine";
import { openJointOpinions } from "./joint-opinions";
import {
  type CaseStep,
  currentStep,
  excludedSigners,
  type RecordedSignOff,
  stepOfAction,
  workflowOfVersion,
} from "./workflow";

/**
 * The database side of lib/cases/workflow.ts: a case's workflow (from the item version it was filed under), the
 * sign-offs recorded on it, the check that an actor may take an action's step, and the step the case waits for next
 * (stored on the case for the console's "待我办理"). Called inside the case's row lock.
 */

type Client = Prisma.TransactionClient | ReturnType<typeof db>;

/** The case's workflow, the opinions signed in its current department, and the joint opinions it still waits for. */
export type CaseWorkflowFacts = { workflow: Workflow; signOffs: RecordedSignOff[]; jointOpen?: number };

type CaseRef = { id: string; itemVersionId: string; serviceItemId: string };

export async function caseWorkflow(client: Client, row: CaseRef): Promise<CaseWorkflowFacts> {
  const [version, item, events, jointOpen] = await Promise.all([
    client.itemVersion.findUnique({ where: { id: row.itemVersionId }, select: { content: true } }),
    client.serviceItem.findUnique({ where: { id: row.serviceItemId }, select: { itemType: true } }),
    client.caseEvent.findMany({
      where: { caseId: row.id, action: { in: ["signOff", "forward"] } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { action: true, actorId: true, data: true },
    }),
    openJointOpinions(client, row.id),
  ]);
  // A forwarded case starts again in its new department: only the opinions given there count.
  const lastForward = events.findLastIndex((event) => event.action === "forward");
  const signOffs = events
    .slice(lastForward + 1)
    .map((event) => ({ step: String((event.data as { step?: unknown } | null)?.step ?? ""), userId: event.actorId }));
  return { workflow: workflowOfVersion(version?.content, item?.itemType ?? ""), signOffs, jointOpen };
}

/** The department a step is taken in: its own department code when set and known, else the case's department. */
async function departmentOfStep(client: Client, step: CaseStep, caseDepartmentId: string): Promise<string> {
  if (!step.departmentCode) return caseDepartmentId;
  const department = await client.department.findUnique({ where: { code: step.departmentCode }, select: { id: true } });
  return department?.id ?? caseDepartmentId;
}

/** 准予 and 不予许可 wait for every joint opinion (并联审批). */
const isDecidingAction = (action: CaseAction) => action === "approve" || action === "deny";

/**
 * Refuses a staff action the case's workflow does not give this actor now: not a step of this workflow, a decision
 * before every opinion is in, a duty the actor does not hold, or a step separation of duties keeps from them.
 * Returns the step and the department it is taken in.
 */
export async function assertMayTakeStep(
  client: Client,
  actor: Actor,
  row: CaseRef & { status: string; departmentId: string },
  action: CaseAction,
  facts: CaseWorkflowFacts,
): Promise<{ step: CaseStep; departmentId: string }> {
  const plan = stepOfAction(facts.workflow, row.status as CaseStatus, action, facts.signOffs);
  if (!plan.ok)
    throw new AppError(
      "UNPROCESSABLE",
      plan.error === "signOffsPending" ? "cases.errors.signOffsPending" : "cases.errors.notInWorkflow",
    );
  if (isDecidingAction(action) && (facts.jointOpen ?? 0) > 0)
    throw new AppError("UNPROCESSABLE", "cases.errors.jointOpinionsPending");
  const departmentId = await departmentOfStep(client, plan.step, row.departmentId);
  const resource = { kind: "caseStep" as const, departmentId, duty: plan.step.duty, excludedUserIds: [] as string[] };
  if (!can(actor, "case.step", resource)) throw new AppError("FORBIDDEN", "cases.errors.notYourDuty");
  if (
    !can(actor, "case.step", {
      ...resource,
      excludedUserIds: excludedSigners(facts.workflow, plan.step.kind, facts.signOffs),
    })
  )
    throw new AppError("FORBIDDEN", "cases.errors.separationOfDuties");
  return { step: plan.step, departmentId };
}

/** Whether the actor may take this action's step now (for the buttons the console offers); never throws. */
export function mayTakeStep(
  actor: Actor,
  row: { status: string; departmentId: string },
  action: CaseAction,
  facts: CaseWorkflowFacts,
  stepDepartmentIds: ReadonlyMap<string, string>,
): boolean {
  const plan = stepOfAction(facts.workflow, row.status as CaseStatus, action, facts.signOffs);
  if (!plan.ok || (isDecidingAction(action) && (facts.jointOpen ?? 0) > 0)) return false;
  const departmentId =
    (plan.step.departmentCode && stepDepartmentIds.get(plan.step.departmentCode)) || row.departmentId;
  return can(actor, "case.step", {
    kind: "caseStep",
    departmentId,
    duty: plan.step.duty,
    excludedUserIds: excludedSigners(facts.workflow, plan.step.kind, facts.signOffs),
  });
}

/**
 * What the case waits for after moving to `status`: the step, its duty, its own due date (working days from today
 * when the step has a limit) and, for a step in another department, that department joining the case's readers.
 */
export async function nextStepFields(
  client: Client,
  row: {
    regionCode: string;
    departmentId: string;
    sharedDepartmentIds: string[];
    currentStep: string | null;
    stepDueDate: Date | null;
  },
  status: CaseStatus,
  facts: CaseWorkflowFacts,
  now: Date,
): Promise<{
  currentStep: string | null;
  currentDuty: StaffDuty | null;
  stepDueDate: Date | null;
  sharedDepartmentIds?: string[];
}> {
  const step = currentStep(facts.workflow, status, facts.signOffs);
  if (!step) return { currentStep: null, currentDuty: null, stepDueDate: null };
  // The same step still waiting (a special procedure starts or ends): its due date stands.
  const stepDueDate =
    step.kind === row.currentStep
      ? row.stepDueDate
      : step.limitDays
        ? isoToDateColumn(addWorkingDays(await loadCalendar(row.regionCode), chinaToday(now), step.limitDays))
        : null;
  const departmentId = await departmentOfStep(client, step, row.departmentId);
  const shared =
    departmentId !== row.departmentId && !row.sharedDepartmentIds.includes(departmentId)
      ? { sharedDepartmentIds: [...row.sharedDepartmentIds, departmentId] }
      : {};
  return { currentStep: step.kind, currentDuty: step.duty, stepDueDate, ...shared };
}
