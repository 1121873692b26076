import "server-only";
import { z } from "zod";
import { verifyAuditChain } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { Table } from "../statistics/export";
import { endOfDay, fieldErrorsOf, startOfDay } from "../statistics/filters";
import { isIsoDate } from "../calendar/working-days";

/**
 * Searching the audit trail: who (a staff member's name or login name), what (an action, or its beginning such as
 * "case."), which object (type and id), when (a date range in China). Newest first, keyset pages by id; the
 * indexes (at), (actor_id, at) and (object_type, object_id) serve the filters.
 */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "supervision.errors.tooLong")
    .optional()
    .transform((value) => (value ? value : undefined));
const optionalDate = z
  .string()
  .trim()
  .refine((value) => value === "" || isIsoDate(value), "supervision.errors.date")
  .optional()
  .transform((value) => (value ? value : undefined));

export const AuditQuery = z
  .object({
    actor: optionalText(64),
    action: optionalText(60),
    objectType: optionalText(60),
    objectId: optionalText(100),
    from: optionalDate,
    to: optionalDate,
    after: z
      .string()
      .regex(/^\d{1,19}$/)
      .optional()
      .catch(undefined),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, { message: "supervision.errors.range", path: ["to"] });
export type AuditQuery = z.infer<typeof AuditQuery>;

function parse(input: unknown): AuditQuery {
  const parsed = AuditQuery.safeParse(input ?? {});
  if (!parsed.success) throw new AppError("VALIDATION", "supervision.errors.form", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

async function whereOf(query: AuditQuery): Promise<Prisma.AuditLogWhereInput | null> {
  const where: Prisma.AuditLogWhereInput = {};
  if (query.actor) {
    const people = await db().user.findMany({
      where: { OR: [{ loginName: query.actor }, { realName: { contains: query.actor } }, ...(/^[0-9a-f-]{36}$/i.test(query.actor) ? [{ id: query.actor }] : [])] },
      select: { id: true },
      take: 200,
    });
    if (people.length === 0) return null;
    where.actorId = { in: people.map((person) => person.id) };
  }
  if (query.action) where.action = { startsWith: query.action };
  if (query.objectType) where.objectType = query.objectType;
  if (query.objectId) where.objectId = query.objectId;
  if (query.from || query.to) where.at = { ...(query.from ? { gte: startOfDay(query.from) } : {}), ...(query.to ? { lt: endOfDay(query.to) } : {}) };
  return where;
}

async function withNames<T extends { actorId: string | null }>(entries: T[]) {
  const ids = [...new Set(entries.map((entry) => entry.actorId).filter((id): id is string => !!id))];
  const people = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, realName: true, loginName: true } }) : [];
  const byId = new Map(people.map((person) => [person.id, person]));
  return entries.map((entry) => ({ ...entry, actorName: entry.actorId ? (byId.get(entry.actorId)?.realName ?? null) : null, actorLogin: entry.actorId ? (byId.get(entry.actorId)?.loginName ?? null) : null }));
}

const SELECT = { id: true, at: true, actorId: true, actorRole: true, action: true, objectType: true, objectId: true, ip: true, hash: true } as const;

/** One page of matching entries (newest first) and the cursor of the next. */
export async function searchAudit(actor: Actor, input: unknown, { pageSize = 50 }: { pageSize?: number } = {}) {
  assertCan(actor, "admin.audit.view");
  const query = parse(input);
  const where = await whereOf(query);
  if (!where) return { query, entries: [], next: null };
  const rows = await db().auditLog.findMany({
    where: { ...where, ...(query.after ? { id: { lt: BigInt(query.after) } } : {}) },
    orderBy: { id: "desc" },
    take: pageSize + 1,
    select: SELECT,
  });
  const page = rows.slice(0, pageSize);
  const entries = (await withNames(page)).map((entry) => ({ ...entry, id: entry.id.toString() }));
  return { query, entries, next: rows.length > pageSize ? (page.at(-1)?.id.toString() ?? null) : null };
}

export const AUDIT_EXPORT_LIMIT = 50_000;

/** The matching entries as a table (newest first, at most AUDIT_EXPORT_LIMIT), for CSV/XLSX: platform admins. */
export async function auditTable(actor: Actor, input: unknown): Promise<Table> {
  assertCan(actor, "admin.audit.export");
  const query = parse(input);
  const where = await whereOf(query);
  const rows = where ? await withNames(await db().auditLog.findMany({ where, orderBy: { id: "desc" }, take: AUDIT_EXPORT_LIMIT, select: { ...SELECT, before: true, after: true } })) : [];
  return {
    columns: ["id", "at", "actorName", "actorLogin", "actorRole", "action", "objectType", "objectId", "ip", "before", "after", "hash"],
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
  return result.ok ? { ok: true as const, checked: result.checked } : { ok: false as const, checked: result.checked, firstBrokenId: result.firstBrokenId.toString() };
}
