import "server-only";
import { type Actor, assertCan, can, type Role, rolesWith } from "../auth/policy";
import { dateColumnToIso } from "../calendar/china-time";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { Locale } from "../i18n/config";
import { createNotification } from "./notify";
import { notificationLink, renderNotification, type NotificationParams } from "./templates";

/**
 * Supervision alerts (督办提醒, issue 19): when a case turns yellow or red, or a joint opinion it waits for is overdue,
 * the administrators of the department concerned and the platform's supervisors are told, in their alerts page and by
 * e-mail (the notification's channels), once per case and level: the dedupe key says which.
 */

type Tx = Prisma.TransactionClient;

/**
 * Who hears of a department's case: the staff the policy gives alerts (`alerts.own`) and lets watch that department
 * (`supervision.view`). Candidates are the accounts of the roles that may have alerts, in the department or in none.
 */
async function recipients(tx: Tx, departmentId: string): Promise<string[]> {
  const staff = await tx.user.findMany({
    where: { status: "ACTIVE", role: { in: rolesWith("alerts.own") }, OR: [{ departmentId }, { departmentId: null }] },
    select: { id: true, role: true, realName: true, departmentId: true },
  });
  return staff
    .filter((user) => {
      const actor: Actor = {
        userId: user.id,
        role: user.role as Role,
        realName: user.realName,
        departmentId: user.departmentId,
        companyId: null,
        assuranceLevel: 0,
      };
      return can(actor, "alerts.own") && can(actor, "supervision.view", { kind: "department", departmentId });
    })
    .map((user) => user.id);
}

async function caseFacts(tx: Tx, caseId: string) {
  return tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { caseNumber: true, dueDate: true, departmentId: true, serviceItemId: true },
  });
}

async function names(tx: Tx, serviceItemId: string, departmentId: string) {
  const [item, department] = await Promise.all([
    tx.serviceItem.findUnique({ where: { id: serviceItemId }, select: { name: true, nameEn: true } }),
    tx.department.findUnique({ where: { id: departmentId }, select: { name: true, nameEn: true } }),
  ]);
  return {
    item: item?.name ?? "",
    itemEn: item?.nameEn ?? "",
    department: department?.name ?? "",
    departmentEn: department?.nameEn ?? "",
  };
}

/** Tells the case's department administrators and the supervisors that the case reached `warning` (YELLOW or RED). */
export async function alertEscalation(tx: Tx, caseId: string, warning: string, now: Date): Promise<number> {
  const row = await caseFacts(tx, caseId);
  const params: NotificationParams = {
    caseNumber: row.caseNumber,
    warning,
    due: row.dueDate ? dateColumnToIso(row.dueDate) : "",
    ...(await names(tx, row.serviceItemId, row.departmentId)),
  };
  let sent = 0;
  for (const userId of await recipients(tx, row.departmentId)) {
    const created = await createNotification(
      tx,
      {
        userId,
        template: "case.escalated",
        params,
        subject: { kind: "supervisedCase", caseNumber: row.caseNumber },
        dedupeKey: `escalate:${caseId}:${warning}`,
        occurredAt: now,
      },
      now,
    );
    if (created) sent++;
  }
  return sent;
}

/** Tells the asked department's administrators and the supervisors that its joint opinion on the case is overdue. */
export async function alertOverdueOpinion(
  tx: Tx,
  caseId: string,
  departmentId: string,
  dueDate: Date | null,
  now: Date,
): Promise<number> {
  const row = await caseFacts(tx, caseId);
  const { item, itemEn, department, departmentEn } = await names(tx, row.serviceItemId, departmentId);
  const params: NotificationParams = {
    caseNumber: row.caseNumber,
    item,
    itemEn,
    department,
    departmentEn,
    due: dueDate ? dateColumnToIso(dueDate) : "",
  };
  let sent = 0;
  for (const userId of await recipients(tx, departmentId)) {
    const created = await createNotification(
      tx,
      {
        userId,
        template: "case.jointOpinionOverdue",
        params,
        subject: { kind: "supervisedCase", caseNumber: row.caseNumber },
        dedupeKey: `joint-overdue:${caseId}:${departmentId}`,
        occurredAt: now,
      },
      now,
    );
    if (created) sent++;
  }
  return sent;
}

/**
 * Tells those who may decide it (the supervisors, the department's administrators) that a clerk asks to send a
 * further supplement notice on the case (一次性告知, lib/cases/supplement-approval.ts); the requester is not told.
 */
export async function alertSupplementApproval(tx: Tx, caseId: string, approvalId: string, now: Date): Promise<number> {
  const row = await caseFacts(tx, caseId);
  const approval = await tx.supplementApproval.findUniqueOrThrow({
    where: { id: approvalId },
    select: { requestedById: true, reason: true },
  });
  const params: NotificationParams = {
    caseNumber: row.caseNumber,
    reason: approval.reason,
    ...(await names(tx, row.serviceItemId, row.departmentId)),
  };
  let sent = 0;
  for (const userId of await recipients(tx, row.departmentId)) {
    if (userId === approval.requestedById) continue;
    const created = await createNotification(
      tx,
      {
        userId,
        template: "case.supplementApprovalRequested",
        params,
        subject: { kind: "supervisedCase", caseNumber: row.caseNumber },
        dedupeKey: `supplement-approval:${approvalId}`,
        occurredAt: now,
      },
      now,
    );
    if (created) sent++;
  }
  return sent;
}

export type StaffAlert = {
  id: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: Date;
  read: boolean;
};

/** The actor's alerts, newest first (the latest 100); opening the page marks them read. */
export async function listStaffAlerts(
  actor: Actor | null,
  locale: Locale,
  now: Date = new Date(),
): Promise<{ alerts: StaffAlert[]; unread: number }> {
  assertCan(actor, "alerts.own");
  const rows = await db().notification.findMany({
    where: { userId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const unread = rows.filter((row) => row.readAt === null).length;
  if (unread > 0)
    await db().notification.updateMany({
      where: { userId: actor.userId, readAt: null, id: { in: rows.map((row) => row.id) } },
      data: { readAt: now },
    });
  return {
    unread,
    alerts: rows.map((row) => ({
      id: row.id,
      ...renderNotification(locale, row.template, (row.params ?? {}) as NotificationParams),
      link: notificationLink(row.subject),
      createdAt: row.createdAt,
      read: row.readAt !== null,
    })),
  };
}
