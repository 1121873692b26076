import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, can } from "../auth/policy";
import { db } from "../db/client";
import { warningsFor, dueDateFor } from "../evaluation/due";
import { env } from "../env";
import { AppError } from "../errors";
import { translate } from "../i18n/translate";
import { createNotification } from "../notifications/notify";
import { AnswerInput, AskInput, PublishInput } from "./schemas";
import { changedPublicContent, PUBLIC_TAGS } from "../cache/public-cache";

/**
 * 咨询/投诉: a signed-in person asks about an item (its department answers), reports that a part of an item's
 * guide is wrong (its department answers, like a question), or complains about one of their cases (the case's
 * department answers), within CONSULTATION_WORKING_DAYS / COMPLAINT_WORKING_DAYS working days,
 * with yellow/red warnings like cases. An answered question can be published as an FAQ on the item page:
 * question and answer only, never who asked.
 */

const AUDIT_ACTION = { QUESTION: "ask", COMPLAINT: "complain", GUIDE_ERROR: "reportGuideError" } as const;

const notFound = () => new AppError("NOT_FOUND", "feedback.errors.notFound");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formError(error: { issues: { path: PropertyKey[]; message: string }[] }, key: string): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? "body")] ??= issue.message;
  return new AppError("VALIDATION", key, { fieldErrors });
}

export async function askQuestion(
  actor: Actor | null,
  input: unknown,
  { ip = null, now = new Date() }: { ip?: string | null; now?: Date } = {},
) {
  assertCan(actor, "consultation.ask");
  const parsed = AskInput.safeParse(input);
  if (!parsed.success) throw formError(parsed.error, "feedback.ask.errors.form");
  const data = parsed.data;
  let target: { departmentId: string; serviceItemId: string | null; caseId: string | null };
  if (data.kind === "QUESTION" || data.kind === "GUIDE_ERROR") {
    const item = await db().serviceItem.findFirst({
      where: { implementationCode: data.itemCode, status: "ACTIVE" },
      select: { id: true, departmentId: true },
    });
    if (!item) throw notFound();
    target = { departmentId: item.departmentId, serviceItemId: item.id, caseId: null };
  } else {
    const row = await db().case.findUnique({ where: { caseNumber: data.caseNumber } });
    if (
      !row ||
      !can(actor, "evaluation.rate", {
        kind: "case",
        applicantUserId: row.applicantUserId,
        applicantCompanyId: row.applicantCompanyId,
        departmentId: row.departmentId,
      })
    )
      throw new AppError("VALIDATION", "feedback.ask.errors.form", {
        fieldErrors: { caseNumber: "feedback.ask.errors.notYourCase" },
      });
    target = { departmentId: row.departmentId, serviceItemId: row.serviceItemId, caseId: row.id };
  }
  // A wrong guide is answered within the time a question is.
  const days = data.kind === "COMPLAINT" ? env().COMPLAINT_WORKING_DAYS : env().CONSULTATION_WORKING_DAYS;
  const dueDate = await dueDateFor(target.departmentId, days, now);
  return db().$transaction(async (tx) => {
    const row = await tx.consultation.create({
      data: {
        kind: data.kind,
        userId: actor.userId,
        ...target,
        // A report's title names the part reported, in the department's language (Chinese).
        title: data.kind === "GUIDE_ERROR" ? translate("zh-CN", `feedback.guideError.parts.${data.part}`) : data.title,
        body: data.body,
        guidePart: data.kind === "GUIDE_ERROR" ? data.part : null,
        dueDate,
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: `consultation.${AUDIT_ACTION[data.kind]}`,
      objectType: "Consultation",
      objectId: row.id,
      after: { kind: row.kind, departmentId: row.departmentId, dueDate },
      ip,
    });
    return row;
  });
}

async function itemNames(ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  return new Map(
    (
      await db().serviceItem.findMany({
        where: { id: { in: unique } },
        select: { id: true, name: true, nameEn: true, implementationCode: true },
      })
    ).map((item) => [item.id, item]),
  );
}

export async function listMyConsultations(actor: Actor | null) {
  assertCan(actor, "consultation.ask");
  const rows = await db().consultation.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const items = await itemNames(rows.map((row) => row.serviceItemId));
  return rows.map((row) => ({ ...row, item: row.serviceItemId ? (items.get(row.serviceItemId) ?? null) : null }));
}

export async function getMyConsultation(actor: Actor | null, id: string) {
  if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
  if (!UUID.test(id)) throw notFound();
  const row = await db().consultation.findUnique({ where: { id } });
  if (
    !row ||
    !can(actor, "consultation.own", { kind: "consultation", userId: row.userId, departmentId: row.departmentId })
  )
    throw notFound();
  const items = await itemNames([row.serviceItemId]);
  const caseNumber = row.caseId
    ? ((await db().case.findUnique({ where: { id: row.caseId }, select: { caseNumber: true } }))?.caseNumber ?? null)
    : null;
  const department = await db().department.findUnique({
    where: { id: row.departmentId },
    select: { name: true, nameEn: true },
  });
  return { ...row, item: row.serviceItemId ? (items.get(row.serviceItemId) ?? null) : null, caseNumber, department };
}

/** The department's questions and complaints: open ones first by due date, with warnings. */
export async function listDepartmentConsultations(
  actor: Actor | null,
  { now = new Date(), status }: { now?: Date; status?: "open" | "done" } = {},
) {
  assertCan(actor, "feedback.handle");
  if (!actor.departmentId) return [];
  const rows = await db().consultation.findMany({
    where: {
      departmentId: actor.departmentId,
      ...(status === "open" ? { status: "OPEN" } : status === "done" ? { status: { not: "OPEN" } } : {}),
    },
    orderBy: [{ status: "asc" }, { dueDate: "asc" }, { createdAt: "asc" }],
    take: 200,
  });
  const warnings = await warningsFor(
    rows.map((row) => ({ departmentId: row.departmentId, dueDate: row.dueDate, done: row.status !== "OPEN" })),
    now,
  );
  const items = await itemNames(rows.map((row) => row.serviceItemId));
  const cases = new Map(
    (
      await db().case.findMany({
        where: { id: { in: rows.map((row) => row.caseId).filter((id): id is string => Boolean(id)) } },
        select: { id: true, caseNumber: true },
      })
    ).map((row) => [row.id, row.caseNumber]),
  );
  return rows.map((row, index) => ({
    ...row,
    warning: warnings[index] ?? "GREEN",
    item: row.serviceItemId ? (items.get(row.serviceItemId) ?? null) : null,
    caseNumber: row.caseId ? (cases.get(row.caseId) ?? null) : null,
  }));
}

export async function getDepartmentConsultation(actor: Actor | null, id: string, now: Date = new Date()) {
  assertCan(actor, "feedback.handle");
  if (!UUID.test(id)) throw notFound();
  const row = await db().consultation.findUnique({ where: { id } });
  if (!row || !can(actor, "feedback.handle", { kind: "department", departmentId: row.departmentId })) throw notFound();
  const [warning] = await warningsFor(
    [{ departmentId: row.departmentId, dueDate: row.dueDate, done: row.status !== "OPEN" }],
    now,
  );
  const items = await itemNames([row.serviceItemId]);
  const caseNumber = row.caseId
    ? ((await db().case.findUnique({ where: { id: row.caseId }, select: { caseNumber: true } }))?.caseNumber ?? null)
    : null;
  return {
    ...row,
    warning: warning ?? "GREEN",
    item: row.serviceItemId ? (items.get(row.serviceItemId) ?? null) : null,
    caseNumber,
  };
}

/** Staff answer (once; the person is notified), optionally publishing a question as an FAQ. */
export async function answerConsultation(
  actor: Actor | null,
  input: unknown,
  { ip = null, now = new Date() }: { ip?: string | null; now?: Date } = {},
) {
  assertCan(actor, "feedback.handle");
  const parsed = AnswerInput.safeParse(input);
  if (!parsed.success) throw formError(parsed.error, "feedback.answer.errors.form");
  // An answer published as an FAQ shows on its item page.
  return changedPublicContent(
    [PUBLIC_TAGS.catalogue],
    db().$transaction(async (tx) => {
      const locked = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM consultation WHERE id = ${parsed.data.id}::uuid FOR UPDATE`;
      if (!locked[0]) throw notFound();
      const row = await tx.consultation.findUniqueOrThrow({ where: { id: parsed.data.id } });
      if (!can(actor, "feedback.handle", { kind: "department", departmentId: row.departmentId })) throw notFound();
      if (row.status !== "OPEN") throw new AppError("CONFLICT", "feedback.errors.alreadyAnswered");
      const publish = parsed.data.publish && row.kind === "QUESTION";
      const updated = await tx.consultation.update({
        where: { id: row.id },
        data: {
          status: "ANSWERED",
          answer: parsed.data.answer,
          answeredAt: now,
          answeredById: actor.userId,
          publishedAsFaq: publish,
        },
      });
      const department = await tx.department.findUnique({
        where: { id: row.departmentId },
        select: { name: true, nameEn: true },
      });
      await createNotification(
        tx,
        {
          userId: row.userId,
          template: "consultation.answered",
          params: { title: row.title, department: department?.name ?? "", departmentEn: department?.nameEn ?? "" },
          subject: { kind: "consultation", consultationId: row.id },
          dedupeKey: `consultation-answer:${row.id}`,
        },
        now,
      );
      await recordAudit(tx, {
        actor: { userId: actor.userId, role: actor.role },
        action: "consultation.answer",
        objectType: "Consultation",
        objectId: row.id,
        before: { status: row.status },
        after: { status: "ANSWERED", publishedAsFaq: publish },
        ip,
      });
      return updated;
    }),
  );
}

/** Publish or withdraw an answered question as an FAQ on its item page. */
export async function setFaqPublished(actor: Actor | null, input: unknown, { ip = null }: { ip?: string | null } = {}) {
  assertCan(actor, "feedback.handle");
  const parsed = PublishInput.safeParse(input);
  if (!parsed.success) throw notFound();
  return changedPublicContent(
    [PUBLIC_TAGS.catalogue],
    db().$transaction(async (tx) => {
      const row = await tx.consultation.findUnique({ where: { id: parsed.data.id } });
      if (!row || !can(actor, "feedback.handle", { kind: "department", departmentId: row.departmentId }))
        throw notFound();
      if (row.kind !== "QUESTION" || row.status === "OPEN")
        throw new AppError("UNPROCESSABLE", "feedback.errors.cannotPublish");
      const updated = await tx.consultation.update({
        where: { id: row.id },
        data: { publishedAsFaq: parsed.data.publish },
      });
      await recordAudit(tx, {
        actor: { userId: actor.userId, role: actor.role },
        action: parsed.data.publish ? "consultation.publish" : "consultation.unpublish",
        objectType: "Consultation",
        objectId: row.id,
        before: { publishedAsFaq: row.publishedAsFaq },
        after: { publishedAsFaq: parsed.data.publish },
        ip,
      });
      return updated;
    }),
  );
}

/** Published answers for an item page: question title, question and answer only. */
export async function publishedFaqs(serviceItemId: string) {
  return db().consultation.findMany({
    where: { serviceItemId, kind: "QUESTION", publishedAsFaq: true, status: { not: "OPEN" } },
    orderBy: { answeredAt: "desc" },
    take: 20,
    select: { id: true, title: true, body: true, answer: true, answeredAt: true },
  });
}
