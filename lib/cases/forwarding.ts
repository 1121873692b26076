import "server-only";
import { publishedVersionOf } from "../catalogue/versions";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { nextStepFields } from "./case-workflow";
import type { CaseStatus } from "./state-machine";
import { workflowOfVersion } from "./workflow";

/**
 * 转报 (issue 19): a case goes to another (usually higher) authority that implements the same catalogue item. It
 * moves into that department's queue under its item's published version, starting again there (not accepted, no
 * clock, the new item's limits and workflow); the sending department keeps read access through the case's shared
 * departments. Called inside the case's lock by lib/cases/transition.ts.
 */

type Client = Prisma.TransactionClient | ReturnType<typeof db>;

export type ForwardTarget = {
  departmentId: string;
  departmentName: string;
  serviceItemId: string;
  itemCode: string;
  itemType: string;
  regionCode: string;
  itemVersionId: string;
  content: unknown;
};

const refuse = (messageKey: string) =>
  new AppError("VALIDATION", "cases.errors.form", { fieldErrors: { targetDepartment: messageKey } });

/**
 * Moves the case into the target: its department, item, version and region, no clock or assignee, the sender among
 * its readers, the first step of the target's workflow. Open pauses end, and opinions still asked on the sender's
 * behalf go with its handling (the new department asks its own). Returns the case fields to write.
 */
export async function moveCaseTo(
  tx: Prisma.TransactionClient,
  row: { id: string; departmentId: string; sharedDepartmentIds: string[] },
  target: ForwardTarget,
  status: CaseStatus,
  now: Date,
) {
  await tx.casePause.updateMany({ where: { caseId: row.id, endedAt: null }, data: { endedAt: now } });
  await tx.caseOpinionRequest.deleteMany({ where: { caseId: row.id, answeredAt: null } });
  const sharedDepartmentIds = [...new Set([...row.sharedDepartmentIds, row.departmentId])].filter(
    (id) => id !== target.departmentId,
  );
  const step = await nextStepFields(
    tx,
    {
      regionCode: target.regionCode,
      departmentId: target.departmentId,
      sharedDepartmentIds,
      currentStep: null,
      stepDueDate: null,
    },
    status,
    { workflow: workflowOfVersion(target.content, target.itemType), signOffs: [] },
    now,
  );
  return {
    departmentId: target.departmentId,
    regionCode: target.regionCode,
    serviceItemId: target.serviceItemId,
    itemVersionId: target.itemVersionId,
    acceptedAt: null,
    dueDate: null,
    statutoryDueDate: null,
    assigneeId: null,
    sharedDepartmentIds,
    ...step,
  };
}

/** The departments a case may be forwarded to: those with an active implementation of the case's catalogue item. */
export async function forwardTargets(client: Client, row: { serviceItemId: string; departmentId: string }) {
  const item = await client.serviceItem.findUnique({
    where: { id: row.serviceItemId },
    select: { catalogItemId: true },
  });
  if (!item) return [];
  const items = await client.serviceItem.findMany({
    where: { catalogItemId: item.catalogItemId, status: "ACTIVE", departmentId: { not: row.departmentId } },
    select: { department: { select: { code: true, name: true, nameEn: true, regionCode: true } } },
    orderBy: [{ regionCode: "asc" }],
    take: 200,
  });
  return items.map((entry) => entry.department);
}

/** The department named by `code` and its implementation of the case's catalogue item, or a field error. */
export async function forwardTarget(
  tx: Prisma.TransactionClient,
  row: { serviceItemId: string; departmentId: string },
  code: string,
): Promise<ForwardTarget> {
  const department = await tx.department.findUnique({ where: { code: code.trim() }, select: { id: true, name: true } });
  if (!department) throw refuse("cases.errors.unknownDepartment");
  if (department.id === row.departmentId) throw refuse("cases.errors.sameDepartment");
  const current = await tx.serviceItem.findUniqueOrThrow({
    where: { id: row.serviceItemId },
    select: { catalogItemId: true },
  });
  const item = await tx.serviceItem.findFirst({
    where: { catalogItemId: current.catalogItemId, departmentId: department.id, status: "ACTIVE" },
    select: { id: true, status: true, version: true, implementationCode: true, itemType: true, regionCode: true },
  });
  if (!item) throw refuse("cases.errors.noTargetItem");
  const version = await publishedVersionOf(tx, item);
  if (!version) throw refuse("cases.errors.noTargetItem");
  return {
    departmentId: department.id,
    departmentName: department.name,
    serviceItemId: item.id,
    itemCode: item.implementationCode,
    itemType: item.itemType,
    regionCode: item.regionCode,
    itemVersionId: version.id,
    content: version.content,
  };
}
