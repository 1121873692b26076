import "server-only";
import { fromStored, IDENTITY_SELECT, masked } from "../accounts/identity-fields";
import { recordAudit } from "../audit/audit";
import {
  OWED_RECTIFICATION_STATUSES,
  rectificationMove,
  REVIEWABLE_RECTIFICATION_STATUSES,
} from "./rectification-states";
import { type Actor, assertCan, can } from "../auth/policy";
import { chinaTime } from "../calendar/china-time";
import { recordPersonalDataRead } from "../audit/read-log";
import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { createNotification } from "../notifications/notify";
import { dueDateFor, isOpenRectification, overdueRectificationWhere, warningsFor } from "./due";
import { RectificationReplyInput, RectificationReviewInput } from "./schemas";

/**
 * 差评整改: the department calls the applicant back (回访核实), records what it found and did, and replies
 * (OPEN/REOPENED → REPLIED); a supervisor accepts the reply (ACCEPTED) or reopens it with a note (REOPENED, new
 * due date); the applicant reads the reply and may appeal once (APPEALED, reviewed by a supervisor again).
 * "谁办理、谁负责": the task belongs to the department that handled the touchpoint.
 */

type Tx = Prisma.TransactionClient;

const notFound = () => new AppError("NOT_FOUND", "feedback.errors.notFound");

function formError(error: { issues: { path: PropertyKey[]; message: string }[] }): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? "id")] ??= issue.message;
  return new AppError("VALIDATION", "feedback.rectify.errors.form", { fieldErrors });
}

const listInclude = { evaluation: true } as const;

async function describe(
  rows: Prisma.RectificationGetPayload<{ include: typeof listInclude }>[],
  now: Date,
  { withContact }: { withContact: boolean },
) {
  const warnings = await warningsFor(
    rows.map((row) => ({
      departmentId: row.departmentId,
      dueDate: row.dueDate,
      done: !isOpenRectification(row.status),
    })),
    now,
  );
  const userIds = [...new Set(rows.map((row) => row.evaluation.userId))];
  const users = new Map(
    (
      await db().user.findMany({
        where: { id: { in: userIds } },
        select: { id: true, realName: true, ...IDENTITY_SELECT },
      })
    ).map((user) => [user.id, user]),
  );
  const itemIds = [
    ...new Set(rows.map((row) => row.evaluation.serviceItemId).filter((id): id is string => Boolean(id))),
  ];
  const items = new Map(
    (
      await db().serviceItem.findMany({
        where: { id: { in: itemIds } },
        select: { id: true, name: true, nameEn: true },
      })
    ).map((item) => [item.id, item]),
  );
  const caseIds = rows
    .filter((row) => row.evaluation.touchpointKind === "CASE")
    .map((row) => row.evaluation.touchpointId);
  const cases = new Map(
    (await db().case.findMany({ where: { id: { in: caseIds } }, select: { id: true, caseNumber: true } })).map(
      (row) => [row.id, row.caseNumber],
    ),
  );
  const appeals = new Map(
    (
      await db().auditLog.findMany({
        where: {
          objectType: "Rectification",
          action: "rectification.appeal",
          objectId: { in: rows.map((row) => row.id) },
        },
        select: { objectId: true, after: true },
      })
    ).map((entry) => [entry.objectId, (entry.after as { reason?: string } | null)?.reason ?? ""]),
  );
  return rows.map((row, index) => {
    const user = users.get(row.evaluation.userId);
    return {
      id: row.id,
      status: row.status,
      dueDate: row.dueDate,
      warning: warnings[index] ?? "GREEN",
      level: row.evaluation.level,
      tags: row.evaluation.tags,
      comment: row.evaluation.comment,
      touchpointKind: row.evaluation.touchpointKind,
      caseNumber: cases.get(row.evaluation.touchpointId) ?? null,
      item: row.evaluation.serviceItemId ? (items.get(row.evaluation.serviceItemId) ?? null) : null,
      ratedAt: row.evaluation.createdAt,
      // Staff call the applicant back, so they see the name and number; supervisors see them masked.
      applicantName: user?.realName ?? "",
      applicantPhone: (withContact ? fromStored(user) : masked(user)).phone,
      contactedAt: row.contactedAt,
      outcome: row.outcome,
      reply: row.reply,
      repliedAt: row.repliedAt,
      reviewNote: row.reviewNote,
      reviewedAt: row.reviewedAt,
      appeal: appeals.get(row.id) ?? null,
    };
  });
}

/** The department's rectification tasks: open ones first, by due date. */
export async function listDepartmentRectifications(
  actor: Actor | null,
  { now = new Date(), status }: { now?: Date; status?: "open" | "done" } = {},
) {
  assertCan(actor, "feedback.handle");
  if (!actor.departmentId) return [];
  const open = [...OWED_RECTIFICATION_STATUSES];
  const rows = await db().rectification.findMany({
    where: {
      departmentId: actor.departmentId,
      status: status === "done" ? { notIn: open } : status === "open" ? { in: open } : undefined,
    },
    include: listInclude,
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
    take: 200,
  });
  return describe(rows, now, { withContact: false });
}

/**
 * One rectification task. The rater's phone is masked like on every staff page (issue 18); the clerk who calls
 * them back asks for the full number (`revealContact`), and that read goes into the read log the person sees
 * (lib/audit/read-log.ts, `read.contact`) before the number is returned.
 */
export async function getDepartmentRectification(
  actor: Actor | null,
  id: string,
  {
    now = new Date(),
    revealContact = false,
    ip = null,
  }: { now?: Date; revealContact?: boolean; ip?: string | null } = {},
) {
  assertCan(actor, "feedback.handle");
  const parsed = RectificationReplyInput.shape.id.safeParse(id);
  if (!parsed.success) throw notFound();
  const row = await db().rectification.findUnique({ where: { id }, include: listInclude });
  if (!row || !can(actor, "feedback.handle", { kind: "department", departmentId: row.departmentId })) throw notFound();
  if (revealContact) {
    const caseRow =
      row.evaluation.touchpointKind === "CASE"
        ? await db().case.findUnique({
            where: { id: row.evaluation.touchpointId },
            select: { caseNumber: true, applicantCompanyId: true },
          })
        : null;
    await recordPersonalDataRead(db(), {
      actor,
      ip,
      action: "read.contact",
      // Logged like the case it rates: a company's case under the company, whose agents see the company's reads
      // (lib/audit/read-log.ts listOwnReadLog); a person's under the person.
      subjectUserId: row.evaluation.userId,
      subjectCompanyId: caseRow?.applicantCompanyId ?? null,
      caseNumber: caseRow?.caseNumber ?? null,
      serviceItemId: row.evaluation.serviceItemId,
      objectType: "Rectification",
      objectId: row.id,
      purpose: "console",
    });
  }
  return (await describe([row], now, { withContact: revealContact }))[0]!;
}

async function lock(tx: Tx, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM rectification WHERE id = ${id}::uuid FOR UPDATE`;
  if (!locked[0]) throw notFound();
  return tx.rectification.findUniqueOrThrow({ where: { id }, include: { evaluation: true } });
}

/** Staff record the call-back, the outcome and the reply; the applicant is notified. */
export async function replyToRectification(
  actor: Actor | null,
  input: unknown,
  { ip = null, now = new Date() }: { ip?: string | null; now?: Date } = {},
) {
  assertCan(actor, "feedback.handle");
  const parsed = RectificationReplyInput.safeParse(input);
  if (!parsed.success) throw formError(parsed.error);
  const contactedAt = chinaTime(parsed.data.contactedAt, "12:00");
  if (contactedAt.getTime() > now.getTime() + 24 * 3600_000)
    throw new AppError("VALIDATION", "feedback.rectify.errors.form", {
      fieldErrors: { contactedAt: "feedback.rectify.errors.contactedFuture" },
    });
  return db().$transaction(async (tx) => {
    const row = await lock(tx, parsed.data.id);
    if (!can(actor, "feedback.handle", { kind: "department", departmentId: row.departmentId })) throw notFound();
    const replied = rectificationMove(row.status, "reply");
    if (!replied) throw new AppError("CONFLICT", "feedback.errors.alreadyReplied");
    const updated = await tx.rectification.update({
      where: { id: row.id },
      data: {
        status: replied,
        contactedAt,
        outcome: parsed.data.outcome,
        reply: parsed.data.reply,
        repliedAt: now,
        repliedById: actor.userId,
      },
    });
    const [item, department] = await Promise.all([
      row.evaluation.serviceItemId
        ? tx.serviceItem.findUnique({
            where: { id: row.evaluation.serviceItemId },
            select: { name: true, nameEn: true },
          })
        : null,
      tx.department.findUnique({ where: { id: row.departmentId }, select: { name: true, nameEn: true } }),
    ]);
    await createNotification(
      tx,
      {
        userId: row.evaluation.userId,
        template: "evaluation.replied",
        params: {
          item: item?.name ?? "",
          itemEn: item?.nameEn ?? "",
          department: department?.name ?? "",
          departmentEn: department?.nameEn ?? "",
        },
        subject: { kind: "evaluation", evaluationId: row.evaluationId },
        dedupeKey: `rectification-reply:${row.id}:${now.getTime()}`,
      },
      now,
    );
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "rectification.reply",
      objectType: "Rectification",
      objectId: row.id,
      before: { status: row.status },
      after: {
        status: "REPLIED",
        contactedAt: parsed.data.contactedAt,
        outcome: parsed.data.outcome,
        reply: parsed.data.reply,
      },
      ip,
    });
    return updated;
  });
}

const REVIEW_PAGE = 200;

/**
 * Supervisors: replies and appeals waiting for review, oldest first; also the overdue open tasks (for oversight).
 * Each list shows its first 200 rows; the totals are counted with the same where clause, so the page's "(N)" is the
 * platform-wide figure the dashboard shows for 已答复待审核 + 申诉中 and 超期未整改, not the length of a cut list.
 */
export async function listForReview(actor: Actor | null, now: Date = new Date()) {
  assertCan(actor, "rectification.review");
  const waiting: Prisma.RectificationWhereInput = { status: { in: [...REVIEWABLE_RECTIFICATION_STATUSES] } };
  const [rows, overdue, toReviewTotal, overdueTotal] = await Promise.all([
    db().rectification.findMany({
      where: waiting,
      include: listInclude,
      orderBy: [{ repliedAt: "asc" }],
      take: REVIEW_PAGE,
    }),
    db().rectification.findMany({
      where: overdueRectificationWhere(now),
      include: listInclude,
      orderBy: { dueDate: "asc" },
      take: REVIEW_PAGE,
    }),
    db().rectification.count({ where: waiting }),
    db().rectification.count({ where: overdueRectificationWhere(now) }),
  ]);
  const departments = new Map(
    (
      await db().department.findMany({
        where: { id: { in: [...new Set([...rows, ...overdue].map((row) => row.departmentId))] } },
        select: { id: true, name: true, nameEn: true },
      })
    ).map((d) => [d.id, d]),
  );
  const withDepartment = async (list: typeof rows) =>
    (await describe(list, now, { withContact: false })).map((entry, index) => ({
      ...entry,
      department: departments.get(list[index]!.departmentId) ?? null,
    }));
  return { toReview: await withDepartment(rows), overdue: await withDepartment(overdue), toReviewTotal, overdueTotal };
}

/**
 * The ratings of one case, for the supervision case view (issue 18, point 7: a supervisor who opened a case from
 * its bad rating could not see the rating there): the case's own rating and those of the visits booked for it and
 * the complaints about it, oldest first, each with its rectification (status, due date and warning, the
 * department's call-back, findings and reply, an appeal, the supervisor's review note).
 *
 * The staff who may see the case read them (case.staffView: the department's findings are internal, so applicants
 * read their rating through the portal instead), asked here because the page is not the only possible caller; a
 * refusal reads as a missing case. The rater's phone is always masked: supervisors never call raters back, and
 * nothing here can reveal the number (only the department's task page does, logged; see getDepartmentRectification).
 */
export async function listCaseRatings(
  actor: Actor | null,
  caseNumber: string,
  { now = new Date() }: { now?: Date } = {},
) {
  if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
  const row = /^\d{20}$/.test(caseNumber)
    ? await db().case.findUnique({
        where: { caseNumber },
        select: { id: true, applicantUserId: true, applicantCompanyId: true, departmentId: true, serviceItemId: true },
      })
    : null;
  if (!row || !can(actor, "case.staffView", { kind: "case", ...row }))
    throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  const [bookings, consultations] = await Promise.all([
    db().booking.findMany({ where: { caseId: row.id }, select: { id: true, code: true } }),
    db().consultation.findMany({ where: { caseId: row.id }, select: { id: true, title: true } }),
  ]);
  const evaluations = await db().evaluation.findMany({
    where: {
      OR: [
        { touchpointKind: "CASE", touchpointId: row.id },
        { touchpointKind: "BOOKING", touchpointId: { in: bookings.map((booking) => booking.id) } },
        { touchpointKind: "CONSULTATION", touchpointId: { in: consultations.map((consultation) => consultation.id) } },
      ],
    },
    include: { rectification: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const references = new Map<string, string>([
    ...bookings.map((booking) => [booking.id, booking.code] as const),
    ...consultations.map((consultation) => [consultation.id, consultation.title] as const),
  ]);
  const rectified = evaluations.flatMap(({ rectification, ...evaluation }) =>
    rectification ? [{ ...rectification, evaluation }] : [],
  );
  // describe() gives the rectifications' warnings and appeals as the department and review pages show them.
  const tasks = new Map((await describe(rectified, now, { withContact: false })).map((task) => [task.id, task]));
  const users = new Map(
    (
      await db().user.findMany({
        where: { id: { in: [...new Set(evaluations.map((evaluation) => evaluation.userId))] } },
        select: { id: true, realName: true, ...IDENTITY_SELECT },
      })
    ).map((user) => [user.id, user]),
  );
  return evaluations.map((evaluation) => {
    const task = evaluation.rectification ? tasks.get(evaluation.rectification.id) : undefined;
    const user = users.get(evaluation.userId);
    return {
      id: evaluation.id,
      touchpointKind: evaluation.touchpointKind,
      /** The booking's code or the complaint's title; null for the case's own rating. */
      reference: references.get(evaluation.touchpointId) ?? null,
      level: evaluation.level,
      tags: evaluation.tags,
      comment: evaluation.comment,
      ratedAt: evaluation.createdAt,
      raterName: user?.realName ?? "",
      raterPhone: masked(user).phone,
      rectification: task
        ? {
            id: task.id,
            status: task.status,
            dueDate: task.dueDate,
            warning: task.warning,
            contactedAt: task.contactedAt,
            outcome: task.outcome,
            reply: task.reply,
            repliedAt: task.repliedAt,
            appeal: task.appeal,
            reviewNote: task.reviewNote,
            reviewedAt: task.reviewedAt,
          }
        : null,
    };
  });
}

/** Supervisor accepts (ACCEPTED) or reopens with a note (REOPENED, a new due date for the department). */
export async function reviewRectification(
  actor: Actor | null,
  input: unknown,
  { ip = null, now = new Date() }: { ip?: string | null; now?: Date } = {},
) {
  assertCan(actor, "rectification.review");
  const parsed = RectificationReviewInput.safeParse(input);
  if (!parsed.success) throw formError(parsed.error);
  const { id, decision, note } = parsed.data;
  const pre = await db().rectification.findUnique({ where: { id }, select: { departmentId: true } });
  if (!pre) throw notFound();
  const newDue =
    decision === "reopen" ? await dueDateFor(pre.departmentId, env().RECTIFICATION_WORKING_DAYS, now) : null;
  return db().$transaction(async (tx) => {
    const row = await lock(tx, id);
    const status = rectificationMove(row.status, decision === "accept" ? "accept" : "reopen");
    if (!status) throw new AppError("CONFLICT", "feedback.errors.notForReview");
    const updated = await tx.rectification.update({
      where: { id },
      data: {
        status,
        reviewNote: note || null,
        reviewedAt: now,
        reviewedById: actor.userId,
        ...(newDue ? { dueDate: newDue } : {}),
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: `rectification.${decision}`,
      objectType: "Rectification",
      objectId: id,
      before: { status: row.status },
      after: { status, note },
      ip,
    });
    return updated;
  });
}
