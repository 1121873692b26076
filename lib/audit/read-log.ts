import "server-only";
import { z } from "zod";
import { type Actor, assertCan, can, ownDataSubject, type Role } from "../auth/policy";
import { type Db, db } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { recordAudit } from "./audit";

/**
 * "Who read my data" (个人信息保护法 / PIPL, issue 15). Every read of an applicant's personal data by staff (a case
 * opened in the console, the supervision view or through the REST API; a material or result document downloaded;
 * an export of the supervision, statistics or audit tables) is one entry in the audit trail (lib/audit/audit.ts),
 * so it is hash-chained and append-only like every change.
 *
 * The entry says who read (actor id and role, their department at the time), what (object type and id, the case
 * number) and whose data it was (the applicant's user id, the company's id for a company's case), never the data
 * itself: no names, ID numbers, answers or file names. The applicant sees these entries on /account/access-log
 * (`listOwnReadLog`), with the reader's department and role but not their name; supervisors find them in the
 * audit search (lib/supervision/audit-search.ts).
 *
 * A person reading their own data is not logged (`readLog.own` decides who that is). One read costs one INSERT
 * (recordAudit takes no lock; the sealer job chains the entry a second or so later).
 */

/** `read.contact`: a full phone number shown to call the person back (masked everywhere else on staff pages). */
/** `read.licences`: the applicant's valid licences looked up for a case (证照共享, lib/results/sharing.ts). */
export const READ_ACTIONS = ["read.case", "read.file", "read.export", "read.contact", "read.licences"] as const;
export type ReadAction = (typeof READ_ACTIONS)[number];

/** Where the read happened: the clerk console, the supervision view, the REST API, a file download, an export. */
export const READ_PURPOSES = ["console", "supervision", "api", "download", "export"] as const;
export type ReadPurpose = (typeof READ_PURPOSES)[number];

export type PersonalDataRead = {
  actor: Actor;
  ip?: string | null;
  action: ReadAction;
  /** The applicant whose data was read (null for an export spanning many applicants). */
  subjectUserId: string | null;
  /** The company, when the case is a company's (its agent applied). */
  subjectCompanyId: string | null;
  caseNumber?: string | null;
  /** The case's item: a company agent authorised for some items only sees reads of those items' cases. */
  serviceItemId?: string | null;
  objectType: string;
  objectId: string;
  purpose: ReadPurpose;
  /** Facts about the read itself, never personal data: an export's row count and filters. */
  details?: Record<string, string | number | boolean | null | Record<string, string>>;
};

type Client = Db | Prisma.TransactionClient;

/**
 * Writes one read entry, unless the reader is the data subject. Pass the transaction the read happens in, or the
 * client (the entry is then one INSERT of its own). Returns whether an entry was written. Callers await it before
 * handing the data out: if the trail cannot be written, nothing is shown.
 */
export async function recordPersonalDataRead(client: Client, read: PersonalDataRead): Promise<boolean> {
  const subject = {
    kind: "dataSubject",
    userId: read.subjectUserId ?? "",
    companyId: read.subjectCompanyId,
    serviceItemId: read.serviceItemId ?? undefined,
  } as const;
  if (read.subjectUserId !== null && can(read.actor, "readLog.own", subject)) return false;
  const entry = {
    actor: { userId: read.actor.userId, role: read.actor.role },
    action: read.action,
    objectType: read.objectType,
    objectId: read.objectId,
    after: {
      ...read.details,
      subjectUserId: read.subjectUserId,
      subjectCompanyId: read.subjectCompanyId,
      caseNumber: read.caseNumber ?? null,
      serviceItemId: read.serviceItemId ?? null,
      purpose: read.purpose,
      // The department the reader worked for at the time (staff move; the applicant sees who it was then).
      readerDepartmentId: read.actor.departmentId,
    },
    ip: read.ip ?? null,
  };
  await recordAudit(client, entry);
  return true;
}

/**
 * An export of the supervision, statistics or audit tables: one entry with the row count and the filters used
 * (query parameters, so capped: at most 12, names of 40 and values of 200 characters). Filters never carry an ID
 * number: the audit search turns one into an account id before it reaches an address (lib/supervision/audit-search.ts).
 */
export async function recordExportRead({
  actor,
  ip,
  name,
  rowCount,
  filters,
}: {
  actor: Actor;
  ip?: string | null;
  name: string;
  rowCount: number;
  filters: Record<string, string>;
}) {
  const kept = Object.fromEntries(
    Object.entries(filters)
      .slice(0, 12)
      .map(([key, value]) => [key.slice(0, 40), value.slice(0, 200)]),
  );
  return recordPersonalDataRead(db(), {
    actor,
    ip,
    action: "read.export",
    subjectUserId: null,
    subjectCompanyId: null,
    objectType: "Export",
    objectId: name,
    purpose: "export",
    details: { rowCount, filters: kept },
  });
}

export const ReadLogQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

export const READ_LOG_PAGE_SIZE = 20;

export type ReadLogEntry = {
  id: string;
  at: Date;
  action: ReadAction;
  purpose: ReadPurpose | null;
  readerRole: Role | null;
  /** The reader's department at the time; null for platform-wide staff (supervisors, platform administrators). */
  department: { name: string; nameEn: string | null } | null;
  caseNumber: string | null;
  /** For a file read: the file's name as the applicant uploaded it (looked up now; the trail keeps only the id). */
  fileName: string | null;
};

type Row = {
  id: bigint;
  at: Date;
  actorRole: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  after: Record<string, unknown> | null;
};

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * The reads of the actor's own data, newest first, one page at a time: their personal cases and files (a
 * representative's verification evidence too), and for a company agent acting for a company the company's cases (of
 * the items their authorisation covers), one filter ORed with the other. Readers appear as department and role only (no names, no ids, no addresses).
 *
 * The filters match the partial expression indexes of migration 20261206223000_audit_read_subject (on
 * `after ->> 'subjectUserId'` / `'subjectCompanyId'`, `action LIKE 'read.%'`), so a page is an index range scan
 * however long the trail grows. Keep the SQL text of both in step.
 */
export async function listOwnReadLog(actor: Actor | null, input: unknown = {}) {
  assertCan(actor, "readLog.own");
  const subject = ownDataSubject(actor);
  if (!subject) return { entries: [] as ReadLogEntry[], company: false, total: 0, page: 1, pageCount: 1 };
  const { page } = ReadLogQuery.parse(input ?? {});
  if (subject.serviceItemIds !== null && subject.serviceItemIds.length === 0)
    return { entries: [] as ReadLogEntry[], company: true, total: 0, page, pageCount: 1 };
  const items = subject.serviceItemIds
    ? Prisma.sql` AND (a.after ->> 'serviceItemId') IN (${Prisma.join([...subject.serviceItemIds])})`
    : Prisma.empty;
  // Reads of the person's own data, and for an agent acting for a company the company's (within their items).
  const personal = Prisma.sql`(a.after ->> 'subjectUserId') = ${subject.userId} AND (a.after ->> 'subjectCompanyId') IS NULL`;
  const where =
    subject.companyId !== null
      ? Prisma.sql`a.action LIKE 'read.%' AND (((a.after ->> 'subjectCompanyId') = ${subject.companyId}${items}) OR (${personal}))`
      : Prisma.sql`a.action LIKE 'read.%' AND ${personal}`;
  const [rows, counted] = await Promise.all([
    db().$queryRaw<Row[]>`
      SELECT a.id, a.at, a.actor_role AS "actorRole", a.action, a.object_type AS "objectType", a.object_id AS "objectId", a.after
      FROM audit_log a WHERE ${where}
      ORDER BY a.id DESC LIMIT ${READ_LOG_PAGE_SIZE} OFFSET ${(page - 1) * READ_LOG_PAGE_SIZE}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_log a WHERE ${where}`,
  ]);
  const total = counted[0]?.n ?? 0;

  const departmentIds = [
    ...new Set(rows.map((row) => str(row.after?.readerDepartmentId)).filter((id): id is string => id !== null)),
  ];
  const fileIds = [
    ...new Set(rows.filter((row) => row.action === "read.file" && row.objectId).map((row) => row.objectId as string)),
  ];
  const [departments, files] = await Promise.all([
    departmentIds.length
      ? db().department.findMany({
          where: { id: { in: departmentIds } },
          select: { id: true, name: true, nameEn: true },
        })
      : [],
    fileIds.length
      ? db().storedFile.findMany({ where: { id: { in: fileIds } }, select: { id: true, originalName: true } })
      : [],
  ]);
  const departmentById = new Map(departments.map((department) => [department.id, department]));
  const fileNameById = new Map(files.map((file) => [file.id, file.originalName]));

  const entries: ReadLogEntry[] = rows.map((row) => {
    const departmentId = str(row.after?.readerDepartmentId);
    const department = departmentId ? departmentById.get(departmentId) : undefined;
    const purpose = str(row.after?.purpose);
    return {
      id: row.id.toString(),
      at: row.at,
      action: row.action as ReadAction,
      purpose: (READ_PURPOSES as readonly string[]).includes(purpose ?? "") ? (purpose as ReadPurpose) : null,
      readerRole: row.actorRole as Role | null,
      department: department ? { name: department.name, nameEn: department.nameEn } : null,
      caseNumber: str(row.after?.caseNumber),
      fileName: row.action === "read.file" && row.objectId ? (fileNameById.get(row.objectId) ?? null) : null,
    };
  });
  // `company`: the log is the company's (an agent's view), not the person's own.
  return {
    entries,
    company: subject.companyId !== null,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / READ_LOG_PAGE_SIZE)),
  };
}
