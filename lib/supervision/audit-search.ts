import "server-only";
import { z } from "zod";
import { text } from "../validation/text";
import { masked, whereIdNumber } from "../accounts/identity-fields";
import { verifyAuditChain } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { chinaDayEnd, chinaDayStart } from "../calendar/china-time";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { Table } from "../statistics/export";
import { fieldErrorsOf } from "../statistics/filters";
import { isIsoDate } from "../calendar/working-days";
import { normaliseIdNumber } from "../identity/id-number";

/**
 * Searching the audit trail: who (a staff member's name or login name), what (an action, or its beginning such as
 * "case."), which object (type and id), when (a date range in China). Newest first, keyset pages by id; the
 * indexes (at), (actor_id, at) and (object_type, object_id) serve the filters.
 *
 * Reads of personal data (issue 15, lib/audit/read-log.ts) are entries whose action starts with "read.": `reads`
 * keeps only those, and `subject` those of one data subject: a case number, or the id of the applicant's account.
 * An ID number is never put in an address (it would sit in proxy logs and browser history): the supervisor types it
 * into a form that `resolveReadSubject` turns into the account id. Both filters need `readLog.search`. They walk the
 * trail newest first like the action filter; add a date range to keep a search over a long trail short.
 */

const optionalText = (max: number) =>
  text()
    .max(max, "supervision.errors.tooLong")
    .optional()
    .transform((value) => (value ? value : undefined));
const CASE_NUMBER = /^\d{20}$/;
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optionalDate = text()
  .refine((value) => value === "" || isIsoDate(value), "supervision.errors.date")
  .optional()
  .transform((value) => (value ? value : undefined));

export const AuditQuery = z
  .object({
    actor: optionalText(64),
    action: optionalText(60),
    objectType: optionalText(60),
    objectId: optionalText(100),
    /** A case's number: every entry about the case (its changes, and reads of it). */
    caseNumber: text()
      .refine((value) => value === "" || CASE_NUMBER.test(value), "supervision.errors.caseNumber")
      .optional()
      .transform((value) => (value ? value : undefined)),
    from: optionalDate,
    to: optionalDate,
    reads: z.enum(["1"]).optional().catch(undefined),
    subject: text()
      .refine(
        (value) => value === "" || CASE_NUMBER.test(value) || ACCOUNT_ID.test(value),
        "readLog.search.subjectInvalid",
      )
      .optional()
      .transform((value) => (value ? value : undefined)),
    after: z
      .string()
      .regex(/^\d{1,19}$/)
      .optional()
      .catch(undefined),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    message: "supervision.errors.range",
    path: ["to"],
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

function parse(actor: Actor, input: unknown): AuditQuery {
  const parsed = AuditQuery.safeParse(input ?? {});
  if (!parsed.success)
    throw new AppError("VALIDATION", "supervision.errors.form", { fieldErrors: fieldErrorsOf(parsed.error) });
  if (parsed.data.reads || parsed.data.subject) assertCan(actor, "readLog.search");
  return parsed.data;
}

async function whereOf(query: AuditQuery): Promise<Prisma.AuditLogWhereInput | null> {
  const where: Prisma.AuditLogWhereInput = {};
  if (query.actor) {
    const people = await db().user.findMany({
      where: {
        OR: [
          { loginName: query.actor },
          { realName: { contains: query.actor } },
          ...(/^[0-9a-f-]{36}$/i.test(query.actor) ? [{ id: query.actor }] : []),
        ],
      },
      select: { id: true },
      take: 200,
    });
    if (people.length === 0) return null;
    where.actorId = { in: people.map((person) => person.id) };
  }
  const actions = [query.action, query.reads || query.subject ? "read." : undefined].filter(
    (prefix): prefix is string => !!prefix,
  );
  const and: Prisma.AuditLogWhereInput[] = actions.map((prefix) => ({ action: { startsWith: prefix } }));
  if (query.caseNumber) {
    // Changes are filed under the case's id, reads under its number (lib/audit/read-log.ts): either names it.
    const row = await db().case.findUnique({ where: { caseNumber: query.caseNumber }, select: { id: true } });
    and.push({
      OR: [
        ...(row ? [{ objectType: "Case", objectId: row.id }] : []),
        { after: { path: ["caseNumber"], equals: query.caseNumber } },
      ],
    });
  }
  if (and.length > 0) where.AND = and;
  if (query.subject)
    where.after = CASE_NUMBER.test(query.subject)
      ? { path: ["caseNumber"], equals: query.subject }
      : { path: ["subjectUserId"], equals: query.subject };
  if (query.objectType) where.objectType = query.objectType;
  if (query.objectId) where.objectId = query.objectId;
  if (query.from || query.to)
    where.at = {
      ...(query.from ? { gte: chinaDayStart(query.from) } : {}),
      ...(query.to ? { lt: chinaDayEnd(query.to) } : {}),
    };
  return where;
}

async function withNames<T extends { actorId: string | null }>(entries: T[]) {
  const ids = [...new Set(entries.map((entry) => entry.actorId).filter((id): id is string => !!id))];
  const people = ids.length
    ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, realName: true, loginName: true } })
    : [];
  const byId = new Map(people.map((person) => [person.id, person]));
  return entries.map((entry) => ({
    ...entry,
    actorName: entry.actorId ? (byId.get(entry.actorId)?.realName ?? null) : null,
    actorLogin: entry.actorId ? (byId.get(entry.actorId)?.loginName ?? null) : null,
  }));
}

const SELECT = {
  id: true,
  at: true,
  actorId: true,
  actorRole: true,
  action: true,
  objectType: true,
  objectId: true,
  ip: true,
  hash: true,
} as const;

/** One page of matching entries (newest first) and the cursor of the next. */
export async function searchAudit(actor: Actor, input: unknown, { pageSize = 50 }: { pageSize?: number } = {}) {
  assertCan(actor, "admin.audit.view");
  const query = parse(actor, input);
  const subject = query.subject ? await describeSubject(query.subject) : null;
  const where = await whereOf(query);
  if (!where) return { query, subject, entries: [], next: null };
  const rows = await db().auditLog.findMany({
    where: { ...where, ...(query.after ? { id: { lt: BigInt(query.after) } } : {}) },
    orderBy: { id: "desc" },
    take: pageSize + 1,
    select: { ...SELECT, after: true },
  });
  const page = rows.slice(0, pageSize);
  // Cases are shown by their number, which people know, not by their row id (issue 18).
  // Only ids that can be a case's (the trail's object ids are free text; a malformed one names no case).
  const caseIds = [
    ...new Set(
      page
        .filter((entry) => entry.objectType === "Case" && entry.objectId && ACCOUNT_ID.test(entry.objectId))
        .map((entry) => entry.objectId as string),
    ),
  ];
  const caseNumbers = new Map(
    caseIds.length
      ? (await db().case.findMany({ where: { id: { in: caseIds } }, select: { id: true, caseNumber: true } })).map(
          (row) => [row.id, row.caseNumber],
        )
      : [],
  );
  const entries = (await withNames(page)).map(({ after, ...entry }) => ({
    ...entry,
    id: entry.id.toString(),
    caseNumber:
      (entry.objectType === "Case" && entry.objectId ? caseNumbers.get(entry.objectId) : undefined) ??
      readCaseNumberOf(entry.action, after),
  }));
  return { query, subject, entries, next: rows.length > pageSize ? (page.at(-1)?.id.toString() ?? null) : null };
}

/** The case number a read entry names (shown next to the object; other entries' details stay out of the list). */
function readCaseNumberOf(action: string, after: unknown): string | null {
  if (!action.startsWith("read.") || !after || typeof after !== "object") return null;
  const caseNumber = (after as Record<string, unknown>).caseNumber;
  return typeof caseNumber === "string" ? caseNumber : null;
}

export type ReadSubjectLabel =
  { kind: "case"; caseNumber: string } | { kind: "account"; idNumber: string | null; role: string | null };

/** What a `subject` filter names, for the page: the case number, or the account's masked ID number and role. */
async function describeSubject(subject: string): Promise<ReadSubjectLabel> {
  if (CASE_NUMBER.test(subject)) return { kind: "case", caseNumber: subject };
  const account = await db().user.findUnique({
    where: { id: subject },
    select: { role: true, idNumberEncrypted: true },
  });
  return { kind: "account", idNumber: account ? masked(account).idNumber : null, role: account?.role ?? null };
}

export const ReadSubjectInput = z.object({ subject: text().max(40, "supervision.errors.tooLong") });

/**
 * Turns what a supervisor typed (an ID number or a case number) into the `subject` filter of the audit search:
 * the case number itself, or the id of the account with that ID number (found by its keyed hash,
 * lib/accounts/identity-fields.ts). NOT_FOUND when no account has it; VALIDATION for anything else.
 */
export async function resolveReadSubject(actor: Actor | null, input: unknown): Promise<{ subject: string }> {
  assertCan(actor, "readLog.search");
  const parsed = ReadSubjectInput.safeParse(input ?? {});
  if (!parsed.success)
    throw new AppError("VALIDATION", "readLog.search.subjectInvalid", { fieldErrors: fieldErrorsOf(parsed.error) });
  const value = normaliseIdNumber(parsed.data.subject);
  if (CASE_NUMBER.test(value)) return { subject: value };
  if (!/^\d{17}[\dX]$/.test(value))
    throw new AppError("VALIDATION", "readLog.search.subjectInvalid", {
      fieldErrors: { subject: "readLog.search.subjectInvalid" },
    });
  const account = await db().user.findFirst({ where: whereIdNumber(value), select: { id: true } });
  if (!account) throw new AppError("NOT_FOUND", "readLog.search.noAccount");
  return { subject: account.id };
}

export const AUDIT_EXPORT_LIMIT = 50_000;

/** The matching entries as a table (newest first, at most AUDIT_EXPORT_LIMIT), for CSV/XLSX: platform admins. */
export async function auditTable(actor: Actor, input: unknown): Promise<Table> {
  assertCan(actor, "admin.audit.export");
  const query = parse(actor, input);
  const where = await whereOf(query);
  const rows = where
    ? await withNames(
        await db().auditLog.findMany({
          where,
          orderBy: { id: "desc" },
          take: AUDIT_EXPORT_LIMIT,
          select: { ...SELECT, before: true, after: true },
        }),
      )
    : [];
  return {
    columns: [
      "id",
      "at",
      "actorName",
      "actorLogin",
      "actorRole",
      "action",
      "objectType",
      "objectId",
      "ip",
      "before",
      "after",
      "hash",
    ],
    rows: rows.map((row) => [
      row.id.toString(),
      row.at.toISOString(),
      row.actorName,
      row.actorLogin,
      row.actorRole,
      row.action,
      row.objectType,
      row.objectId,
      row.ip,
      row.before === null ? null : JSON.stringify(row.before),
      row.after === null ? null : JSON.stringify(row.after),
      row.hash,
    ]),
  };
}

/** Runs the hash-chain check over the whole trail (the same check as `npm run db -- audit-verify`). */
export async function runAuditChainCheck(actor: Actor) {
  assertCan(actor, "admin.audit.verify");
  const result = await verifyAuditChain(db());
  return result.ok
    ? { ok: true as const, checked: result.checked }
    : { ok: false as const, checked: result.checked, firstBrokenId: result.firstBrokenId.toString() };
}
