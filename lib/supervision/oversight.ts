import "server-only";
import { z } from "zod";
import { text as safeText } from "../validation/text";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, can } from "../auth/policy";
import { caseResource } from "../cases/transition";
import { db } from "../db/client";
import { AppError } from "../errors";
import { fieldErrorsOf } from "../statistics/filters";

/**
 * Supervision on a case (督办): a supervisor comments on it or asks its department for an explanation; the
 * department answers. All three are timeline events of the case that the applicant never sees
 * (visibleToApplicant = false), each audited in the same transaction.
 */

export const SUPERVISION_ACTIONS = {
  comment: "supervision.comment",
  request: "supervision.explanationRequested",
  answer: "supervision.explanationGiven",
} as const;

const caseNumber = safeText().regex(/^\d{20}$/, "supervision.errors.caseNumber");
const text = safeText({ multiline: true })
  .min(1, "supervision.errors.required")
  .max(2000, "supervision.errors.tooLong");

/** A supervisor's comment or request for an explanation. */
export const SupervisionNote = z.object({
  caseNumber,
  kind: z.enum(["comment", "request"], { message: "supervision.errors.kind" }),
  text,
});
export type SupervisionNote = z.infer<typeof SupervisionNote>;

/** The department's answer to one request. */
export const ExplanationAnswer = z.object({
  caseNumber,
  requestId: safeText().regex(/^\d{1,18}$/, "supervision.errors.request"),
  text,
});
export type ExplanationAnswer = z.infer<typeof ExplanationAnswer>;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "supervision.errors.form", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

async function findCase(number: string) {
  const row = await db().case.findUnique({ where: { caseNumber: number } });
  if (!row) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  return row;
}

type Options = { ip?: string | null; now?: Date };

/** Records a supervisor's comment or request for an explanation on the case. */
export async function addSupervisionNote(actor: Actor, input: unknown, { ip = null, now = new Date() }: Options = {}) {
  const note = parse(SupervisionNote, input);
  const row = await findCase(note.caseNumber);
  assertCan(actor, "supervision.comment", caseResource(row));
  const action = note.kind === "comment" ? SUPERVISION_ACTIONS.comment : SUPERVISION_ACTIONS.request;
  return db().$transaction(async (tx) => {
    const event = await tx.caseEvent.create({
      data: {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        actorRole: actor.role,
        action,
        reason: note.text,
        data: { text: note.text },
        visibleToApplicant: false,
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action,
      objectType: "Case",
      objectId: row.id,
      after: { eventId: event.id.toString(), text: note.text },
      ip,
    });
    return { eventId: event.id.toString() };
  });
}

/** The department answers an open request; a request is answered once. */
export async function answerExplanationRequest(
  actor: Actor,
  input: unknown,
  { ip = null, now = new Date() }: Options = {},
) {
  const answer = parse(ExplanationAnswer, input);
  const row = await findCase(answer.caseNumber);
  if (!can(actor, "case.view", caseResource(row))) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  assertCan(actor, "supervision.explain", caseResource(row));
  return db().$transaction(async (tx) => {
    // One answer per request even when two colleagues submit at once: serialise on the case row.
    await tx.$executeRaw`SELECT 1 FROM case_record WHERE id = ${row.id}::uuid FOR UPDATE`;
    const request = await tx.caseEvent.findFirst({
      where: { id: BigInt(answer.requestId), caseId: row.id, action: SUPERVISION_ACTIONS.request },
    });
    if (!request) throw new AppError("NOT_FOUND", "supervision.errors.noSuchRequest");
    const existing = await tx.caseEvent.findFirst({
      where: {
        caseId: row.id,
        action: SUPERVISION_ACTIONS.answer,
        data: { path: ["requestId"], equals: answer.requestId },
      },
    });
    if (existing)
      throw new AppError("CONFLICT", "supervision.errors.alreadyAnswered", {
        fieldErrors: { text: "supervision.errors.alreadyAnswered" },
      });
    const event = await tx.caseEvent.create({
      data: {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        actorRole: actor.role,
        action: SUPERVISION_ACTIONS.answer,
        reason: answer.text,
        data: { requestId: answer.requestId, text: answer.text },
        visibleToApplicant: false,
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: SUPERVISION_ACTIONS.answer,
      objectType: "Case",
      objectId: row.id,
      after: { eventId: event.id.toString(), requestId: answer.requestId, text: answer.text },
      ip,
    });
    return { eventId: event.id.toString() };
  });
}

export type SupervisionThread = {
  id: string;
  kind: "comment" | "request";
  at: Date;
  text: string;
  authorName: string | null;
  answer: { at: Date; text: string; authorName: string | null } | null;
}[];

/** The supervision entries of one case, requests with their answers. */
export async function supervisionThread(caseId: string): Promise<SupervisionThread> {
  const events = await db().caseEvent.findMany({
    where: { caseId, action: { in: Object.values(SUPERVISION_ACTIONS) } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  const people = await db().user.findMany({
    where: { id: { in: events.map((event) => event.actorId).filter((id): id is string => !!id) } },
    select: { id: true, realName: true },
  });
  const nameOf = new Map(people.map((person) => [person.id, person.realName]));
  const textOf = (data: unknown, reason: string | null) =>
    ((data as { text?: string } | null)?.text ?? reason ?? "") as string;
  const answers = new Map(
    events
      .filter((event) => event.action === SUPERVISION_ACTIONS.answer)
      .map((event) => [
        String((event.data as { requestId?: string } | null)?.requestId ?? ""),
        {
          at: event.at,
          text: textOf(event.data, event.reason),
          authorName: event.actorId ? (nameOf.get(event.actorId) ?? null) : null,
        },
      ]),
  );
  return events
    .filter((event) => event.action !== SUPERVISION_ACTIONS.answer)
    .map((event) => ({
      id: event.id.toString(),
      kind: event.action === SUPERVISION_ACTIONS.comment ? ("comment" as const) : ("request" as const),
      at: event.at,
      text: textOf(event.data, event.reason),
      authorName: event.actorId ? (nameOf.get(event.actorId) ?? null) : null,
      answer: event.action === SUPERVISION_ACTIONS.request ? (answers.get(event.id.toString()) ?? null) : null,
    }));
}

/**
 * The department's requests for an explanation (open first, then answered), for the console page. Staff of
 * other departments never see them.
 */
export async function listExplanationRequests(actor: Actor, { take = 100 }: { take?: number } = {}) {
  assertCan(actor, "supervision.explain");
  if (!actor.departmentId) return [];
  const rows = await db().$queryRaw<
    {
      id: bigint;
      case_number: string;
      at: Date;
      text: string | null;
      answered_at: Date | null;
      answer: string | null;
      item_name: string;
      item_name_en: string;
    }[]
  >`
    SELECT e.id, c.case_number, e.at, coalesce(e.data->>'text', e.reason) AS text, a.at AS answered_at, coalesce(a.data->>'text', a.reason) AS answer,
           i.name AS item_name, i.name_en AS item_name_en
    FROM case_event e
    JOIN case_record c ON c.id = e.case_id
    JOIN service_item i ON i.id = c.service_item_id
    LEFT JOIN case_event a ON a.case_id = e.case_id AND a.action = ${SUPERVISION_ACTIONS.answer} AND a.data->>'requestId' = e.id::text
    WHERE e.action = ${SUPERVISION_ACTIONS.request} AND c.department_id = ${actor.departmentId}::uuid
    ORDER BY (a.id IS NULL) DESC, e.at DESC
    LIMIT ${take}`;
  return rows.map((row) => ({
    requestId: row.id.toString(),
    caseNumber: row.case_number,
    at: row.at,
    text: row.text ?? "",
    itemName: row.item_name,
    itemNameEn: row.item_name_en,
    answer: row.answered_at ? { at: row.answered_at, text: row.answer ?? "" } : null,
  }));
}
