import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, applicantScope, assertCan, can } from "../auth/policy";
import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { isStatusIn, RATEABLE_STATUSES } from "../cases/state-machine";
import { dueDateFor } from "./due";
import { rectificationMove } from "./rectification-states";
import { AppealInput, isBadLevel, RatingInput, TouchpointRef } from "./schemas";

/**
 * 好差评: one rating per touchpoint (a finished case, an attended visit, an answered consultation), changeable
 * until `changeableUntil` (EVALUATION_CHANGE_DAYS), given within EVALUATION_WINDOW_DAYS of the touchpoint. A bad
 * rating (1–2) opens a Rectification for the department with a due date in working days
 * (RECTIFICATION_WORKING_DAYS); see rectifications.ts for the rest of its life.
 */

type Tx = Prisma.TransactionClient;

/** Case states after which the applicant may rate: completed, delivered, denied, not accepted. */

export type Touchpoint = {
  kind: "CASE" | "BOOKING" | "CONSULTATION";
  id: string;
  /** Case number, booking code, consultation title: what the person recognises. */
  label: string;
  departmentId: string;
  serviceItemId: string | null;
  channel: "ONLINE" | "WINDOW";
  /** When it could first be rated (completion, the visit, the answer); null: not yet. */
  readyAt: Date | null;
};

const notFound = () => new AppError("NOT_FOUND", "feedback.errors.notFound");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The touchpoint, if the actor may rate it; refusals look exactly like missing ones. */
export async function findTouchpoint(actor: Actor, kind: Touchpoint["kind"], ref: string): Promise<Touchpoint> {
  if (kind === "CASE") {
    if (!/^\d{20}$/.test(ref)) throw notFound();
    const row = await db().case.findUnique({ where: { caseNumber: ref } });
    if (
      !row ||
      !can(actor, "evaluation.rate", {
        kind: "case",
        applicantUserId: row.applicantUserId,
        applicantCompanyId: row.applicantCompanyId,
        departmentId: row.departmentId,
        serviceItemId: row.serviceItemId,
      })
    )
      throw notFound();
    const ready = isStatusIn(RATEABLE_STATUSES, row.status);
    return {
      kind,
      id: row.id,
      label: row.caseNumber,
      departmentId: row.departmentId,
      serviceItemId: row.serviceItemId,
      channel: row.channel,
      readyAt: ready ? (row.completedAt ?? row.updatedAt) : null,
    };
  }
  if (!UUID.test(ref)) throw notFound();
  if (kind === "BOOKING") {
    const row = await db().booking.findUnique({
      where: { id: ref },
      include: { slot: { select: { startsAt: true, officeId: true } } },
    });
    if (!row || !can(actor, "evaluation.rate", { kind: "booking", userId: row.userId })) throw notFound();
    const office = await db().office.findUnique({ where: { id: row.slot.officeId }, select: { departmentId: true } });
    const item = row.serviceItemId
      ? await db().serviceItem.findUnique({ where: { id: row.serviceItemId }, select: { departmentId: true } })
      : null;
    const departmentId = item?.departmentId ?? office?.departmentId;
    if (!departmentId) throw notFound();
    return {
      kind,
      id: row.id,
      label: row.code,
      departmentId,
      serviceItemId: row.serviceItemId,
      channel: "WINDOW",
      readyAt: row.status === "ATTENDED" ? row.slot.startsAt : null,
    };
  }
  const row = await db().consultation.findUnique({ where: { id: ref } });
  if (
    !row ||
    !can(actor, "evaluation.rate", { kind: "consultation", userId: row.userId, departmentId: row.departmentId })
  )
    throw notFound();
  return {
    kind,
    id: row.id,
    label: row.title,
    departmentId: row.departmentId,
    serviceItemId: row.serviceItemId,
    channel: "ONLINE",
    readyAt: row.status === "OPEN" ? null : row.answeredAt,
  };
}

export type RateResult = {
  evaluationId: string;
  level: number;
  changeableUntil: Date;
  rectificationId: string | null;
  created: boolean;
};

function validationError(error: { issues: { path: PropertyKey[]; message: string }[] }): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? "level")] ??= issue.message;
  return new AppError("VALIDATION", "feedback.rate.errors.form", { fieldErrors });
}

/**
 * Gives or changes the rating of a touchpoint. Concurrent first ratings of one touchpoint are serialised by a
 * transaction-scoped advisory lock on it, so there is one rating and at most one rectification.
 */
export async function rateTouchpoint(
  actor: Actor | null,
  touchpoint: unknown,
  input: unknown,
  { ip = null, now = new Date() }: { ip?: string | null; now?: Date } = {},
): Promise<RateResult> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
  const ref = TouchpointRef.safeParse(touchpoint);
  if (!ref.success) throw notFound();
  const target = await findTouchpoint(actor, ref.data.kind, ref.data.ref);
  const parsed = RatingInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  if (!target.readyAt) throw new AppError("UNPROCESSABLE", "feedback.errors.notYetRateable");
  const config = env();
  const rating = parsed.data;
  const rectificationDue = isBadLevel(rating.level)
    ? await dueDateFor(target.departmentId, config.RECTIFICATION_WORKING_DAYS, now)
    : null;

  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`evaluation:${target.kind}:${target.id}`}))`;
    const existing = await tx.evaluation.findUnique({
      where: { touchpointKind_touchpointId: { touchpointKind: target.kind, touchpointId: target.id } },
      include: { rectification: true },
    });
    let evaluation;
    if (existing) {
      if (existing.userId !== actor.userId) throw notFound();
      if (existing.changeableUntil < now) throw new AppError("CONFLICT", "feedback.errors.notChangeable");
      evaluation = await tx.evaluation.update({
        where: { id: existing.id },
        data: { level: rating.level, tags: rating.tags, comment: rating.comment },
      });
    } else {
      if (now.getTime() - target.readyAt!.getTime() > config.EVALUATION_WINDOW_DAYS * 24 * 3600_000)
        throw new AppError("UNPROCESSABLE", "feedback.errors.windowClosed");
      evaluation = await tx.evaluation.create({
        data: {
          touchpointKind: target.kind,
          touchpointId: target.id,
          userId: actor.userId,
          serviceItemId: target.serviceItemId,
          departmentId: target.departmentId,
          level: rating.level,
          tags: rating.tags,
          comment: rating.comment,
          channel: target.channel,
          changeableUntil: new Date(now.getTime() + config.EVALUATION_CHANGE_DAYS * 24 * 3600_000),
          createdAt: now,
        },
      });
    }
    let rectificationId = existing?.rectification?.id ?? null;
    // Every bad rating gets a call-back: opening is once per rating (a later change to good keeps the task).
    if (rectificationDue && !rectificationId) {
      const rectification = await tx.rectification.create({
        data: {
          evaluationId: evaluation.id,
          departmentId: target.departmentId,
          dueDate: rectificationDue,
          createdAt: now,
        },
      });
      rectificationId = rectification.id;
    }
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: existing ? "evaluation.change" : "evaluation.rate",
      objectType: "Evaluation",
      objectId: evaluation.id,
      before: existing ? { level: existing.level, tags: existing.tags } : undefined,
      after: { touchpoint: `${target.kind}:${target.id}`, level: rating.level, tags: rating.tags, rectificationId },
      ip,
    });
    return {
      evaluationId: evaluation.id,
      level: evaluation.level,
      changeableUntil: evaluation.changeableUntil,
      rectificationId,
      created: !existing,
    };
  });
}

/** POST /api/v1/cases/{caseNumber}/evaluation (issue 10) calls this with the body `{"level", "tags", "comment"}`. */
export function rateCase(
  actor: Actor | null,
  caseNumber: string,
  body: unknown,
  options: { ip?: string | null; now?: Date } = {},
) {
  return rateTouchpoint(actor, { kind: "CASE", ref: caseNumber }, body, options);
}

const evaluationInclude = { rectification: true } as const;

export type MyEvaluation = Awaited<ReturnType<typeof getMyEvaluation>>;

/** The actor's rating of a touchpoint with its rectification's public part (reply once given), or null. */
export async function getMyEvaluation(
  actor: Actor | null,
  kind: Touchpoint["kind"],
  ref: string,
  now: Date = new Date(),
) {
  assertCan(actor, "portal.account");
  const target = await findTouchpoint(actor, kind, ref);
  const row = await db().evaluation.findUnique({
    where: { touchpointKind_touchpointId: { touchpointKind: kind, touchpointId: target.id } },
    include: evaluationInclude,
  });
  return { touchpoint: target, evaluation: row && row.userId === actor.userId ? publicView(row, now) : null };
}

export async function getMyEvaluationById(actor: Actor | null, evaluationId: string, now: Date = new Date()) {
  assertCan(actor, "portal.account");
  if (!UUID.test(evaluationId)) throw notFound();
  const row = await db().evaluation.findUnique({ where: { id: evaluationId }, include: evaluationInclude });
  if (!row || row.userId !== actor.userId) throw notFound();
  const ref =
    row.touchpointKind === "CASE"
      ? ((await db().case.findUnique({ where: { id: row.touchpointId }, select: { caseNumber: true } }))?.caseNumber ??
        "")
      : row.touchpointId;
  const touchpoint = await findTouchpoint(actor, row.touchpointKind, ref);
  return { touchpoint, evaluation: publicView(row, now) };
}

type EvaluationRow = Prisma.EvaluationGetPayload<{ include: typeof evaluationInclude }>;

function publicView(row: EvaluationRow, now: Date) {
  const rectification = row.rectification;
  return {
    id: row.id,
    level: row.level,
    tags: row.tags,
    comment: row.comment,
    createdAt: row.createdAt,
    changeableUntil: row.changeableUntil,
    changeable: row.changeableUntil >= now,
    rectification: rectification
      ? {
          id: rectification.id,
          status: rectification.status,
          dueDate: rectification.dueDate,
          // The department's reply, once given (the internal outcome and the supervisor's note stay inside).
          reply: rectification.repliedAt ? rectification.reply : null,
          repliedAt: rectification.repliedAt,
          canAppeal: rectificationMove(rectification.status, "appeal") !== null && rectification.repliedAt !== null,
        }
      : null,
  };
}

/** The actor's ratings, newest first, and what is waiting for a rating (finished cases, visits, answers). */
export async function listMyEvaluations(actor: Actor | null, now: Date = new Date()) {
  assertCan(actor, "portal.account");
  const windowStart = new Date(now.getTime() - env().EVALUATION_WINDOW_DAYS * 24 * 3600_000);
  const rows = await db().evaluation.findMany({
    where: { userId: actor.userId },
    include: evaluationInclude,
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const rated = new Set(rows.map((row) => `${row.touchpointKind}:${row.touchpointId}`));
  const caseWhere: Prisma.CaseWhereInput = applicantScope(actor);
  const [cases, bookings, consultations] = await Promise.all([
    db().case.findMany({
      where: { ...caseWhere, status: { in: [...RATEABLE_STATUSES] }, completedAt: { gte: windowStart } },
      orderBy: { completedAt: "desc" },
      take: 50,
      select: { id: true, caseNumber: true, serviceItemId: true, completedAt: true },
    }),
    db().booking.findMany({
      where: { userId: actor.userId, status: "ATTENDED", createdAt: { gte: windowStart } },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, code: true, serviceItemId: true },
    }),
    db().consultation.findMany({
      where: { userId: actor.userId, status: { in: ["ANSWERED", "CLOSED"] }, answeredAt: { gte: windowStart } },
      orderBy: { answeredAt: "desc" },
      take: 50,
      select: { id: true, title: true, serviceItemId: true },
    }),
  ]);
  const itemIds = [
    ...new Set(
      [...cases, ...bookings, ...consultations, ...rows]
        .map((row) => row.serviceItemId)
        .filter((id): id is string => Boolean(id)),
    ),
  ];
  const items = new Map(
    (
      await db().serviceItem.findMany({
        where: { id: { in: itemIds } },
        select: { id: true, name: true, nameEn: true },
      })
    ).map((item) => [item.id, item]),
  );
  const caseNumbers = new Map(
    (
      await db().case.findMany({
        where: { id: { in: rows.filter((row) => row.touchpointKind === "CASE").map((row) => row.touchpointId) } },
        select: { id: true, caseNumber: true },
      })
    ).map((row) => [row.id, row.caseNumber]),
  );
  const waiting = [
    ...cases
      .filter((row) => !rated.has(`CASE:${row.id}`))
      .map((row) => ({
        kind: "CASE" as const,
        ref: row.caseNumber,
        label: row.caseNumber,
        item: items.get(row.serviceItemId) ?? null,
      })),
    ...bookings
      .filter((row) => !rated.has(`BOOKING:${row.id}`))
      .map((row) => ({
        kind: "BOOKING" as const,
        ref: row.id,
        label: row.code,
        item: row.serviceItemId ? (items.get(row.serviceItemId) ?? null) : null,
      })),
    ...consultations
      .filter((row) => !rated.has(`CONSULTATION:${row.id}`))
      .map((row) => ({
        kind: "CONSULTATION" as const,
        ref: row.id,
        label: row.title,
        item: row.serviceItemId ? (items.get(row.serviceItemId) ?? null) : null,
      })),
  ];
  const given = rows.map((row) => ({
    ...publicView(row, now),
    kind: row.touchpointKind,
    ref: row.touchpointKind === "CASE" ? (caseNumbers.get(row.touchpointId) ?? "") : row.touchpointId,
    item: row.serviceItemId ? (items.get(row.serviceItemId) ?? null) : null,
  }));
  return { waiting, given };
}

/** The applicant disagrees with the department's reply (申诉): once, after a reply; a supervisor reviews it. */
export async function appealRectification(
  actor: Actor | null,
  input: unknown,
  { ip = null, now = new Date() }: { ip?: string | null; now?: Date } = {},
) {
  assertCan(actor, "portal.account");
  const parsed = AppealInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return db().$transaction(async (tx: Tx) => {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM rectification WHERE id = ${parsed.data.id}::uuid FOR UPDATE`;
    if (!locked[0]) throw notFound();
    const row = await tx.rectification.findUniqueOrThrow({
      where: { id: parsed.data.id },
      include: { evaluation: { select: { userId: true } } },
    });
    if (row.evaluation.userId !== actor.userId) throw notFound();
    const appealed = rectificationMove(row.status, "appeal");
    if (!appealed || !row.repliedAt) throw new AppError("UNPROCESSABLE", "feedback.errors.cannotAppeal");
    const earlier = await tx.auditLog.count({
      where: { objectType: "Rectification", objectId: row.id, action: "rectification.appeal" },
    });
    if (earlier > 0) throw new AppError("CONFLICT", "feedback.errors.alreadyAppealed");
    await tx.rectification.update({ where: { id: row.id }, data: { status: appealed } });
    // The appeal's text lives in the audit trail (append-only), where the supervisor's review reads it.
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "rectification.appeal",
      objectType: "Rectification",
      objectId: row.id,
      before: { status: row.status },
      after: { status: appealed, reason: parsed.data.reason, at: now.toISOString() },
      ip,
    });
  });
}
