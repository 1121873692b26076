import "server-only";
import { z } from "zod";
import { text } from "../validation/text";
import { type Actor, assertCan } from "../auth/policy";
import { chinaDayEnd, chinaDayStart, dateColumnToIso } from "../calendar/china-time";
import { isIsoDate } from "../calendar/working-days";
import { db } from "../db/client";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import {
  CASE_STATUSES,
  type CaseStatus,
  DECIDING_STATUSES,
  ENDED_UNDECIDED_STATUSES,
  INTAKE_STATUSES,
  OPEN_STATUSES,
  REFUSED_STATUSES,
  RESULT_STATUSES,
  STAFF_WORK_STATUSES,
  statusListSql,
} from "../cases/state-machine";

/**
 * The clerk's queues: the cases of their department by view, with counts, filters, search and keyset pagination
 * (never OFFSET: page 500 costs what page 1 costs). Every query starts with the department, so the indexes
 * (department_id, status, due_date), (department_id, submitted_at DESC, id) and (department_id, warning, due_date)
 * serve it. One zod schema for the page's search parameters and the API's query string.
 */

export const QUEUE_VIEWS = {
  /** 待我办理: open cases whose current workflow step takes a duty I hold (lib/cases/workflow.ts). */
  todo: STAFF_WORK_STATUSES,
  /** 会签待办: other departments' cases waiting for my department's joint opinion (并联审批). */
  joint: DECIDING_STATUSES,
  /** 待预审: submitted online, not yet accepted. */
  new: INTAKE_STATUSES,
  /** 待补正: waiting for the applicant's supplement. */
  supplement: ["SUPPLEMENT_REQUESTED"],
  /** 已受理 / 特别程序. */
  accepted: ["ACCEPTED", "SPECIAL_PROCEDURE", "SUSPENDED"],
  /** 审查中, 待决定. */
  decision: ["IN_REVIEW"],
  /** 已准予, 待办结. */
  approved: ["APPROVED"],
  /** 已办结 / 已送达. */
  completed: RESULT_STATUSES,
  /** 不予受理 / 不予许可. */
  rejected: REFUSED_STATUSES,
  /** 已撤回, 作废, 转报. */
  withdrawn: ENDED_UNDECIDED_STATUSES,
  /** 即将到期 (yellow) and 已超期 (red): open cases by warning. */
  dueSoon: DECIDING_STATUSES,
  overdue: DECIDING_STATUSES,
  /** 全部: every case of the department (for searching by number or applicant whatever the state). */
  all: CASE_STATUSES,
  /** 我的办件: open cases assigned to me. */
  mine: OPEN_STATUSES,
} satisfies Record<string, readonly CaseStatus[]>;

export type QueueView = keyof typeof QUEUE_VIEWS;
export const QUEUE_VIEW_NAMES = Object.keys(QUEUE_VIEWS) as QueueView[];

const WARNING_OF_VIEW: Partial<Record<QueueView, string>> = { dueSoon: "YELLOW", overdue: "RED" };

/** Views whose natural order is the deadline (open work); the others list the newest submissions first. */
const DEADLINE_VIEWS: readonly QueueView[] = ["todo", "accepted", "decision", "dueSoon", "overdue"];

const isoDate = text()
  .refine(isIsoDate, "cases.errors.date")
  .optional()
  .or(z.literal("").transform(() => undefined));
const optionalText = (max: number) =>
  text()
    .max(max, "cases.errors.tooLong")
    .optional()
    .transform((value) => (value ? value : undefined));

export const QueueQuery = z.object({
  view: z.enum(QUEUE_VIEW_NAMES as [QueueView, ...QueueView[]], { message: "cases.errors.choice" }).default("todo"),
  /** Implementation code of an item of the department. */
  item: optionalText(64),
  status: z
    .enum(CASE_STATUSES, { message: "cases.errors.choice" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Applicant name (part of it). */
  applicant: optionalText(100),
  /** Case number (whole or its beginning) or applicant name. */
  q: optionalText(100),
  from: isoDate,
  to: isoDate,
  region: optionalText(12),
  sort: z
    .enum(["deadline", "submitted"], { message: "cases.errors.choice" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Opaque keyset cursor from the previous page. */
  after: optionalText(300),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type QueueQuery = z.input<typeof QueueQuery>;

export type QueueRow = {
  caseNumber: string;
  status: CaseStatus;
  applicantName: string;
  itemName: string;
  itemCode: string;
  regionCode: string;
  submittedAt: Date;
  dueDate: Date | null;
  warning: string;
  assigneeName: string | null;
  version: number;
};

type Cursor = { k: string | null; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    if (
      typeof parsed.id !== "string" ||
      !/^[0-9a-f-]{36}$/.test(parsed.id) ||
      (parsed.k !== null && typeof parsed.k !== "string")
    )
      return null;
    if (parsed.k !== null && Number.isNaN(Date.parse(parsed.k))) return null;
    return parsed;
  } catch {
    return null;
  }
}

function parseQuery(input: unknown) {
  const parsed = QueueQuery.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.map(String).join(".") || "_"] ??= issue.message;
  throw new AppError("VALIDATION", "cases.errors.form", { fieldErrors });
}

function departmentOf(actor: Actor): string {
  assertCan(actor, "console.access");
  if (!actor.departmentId) throw new AppError("FORBIDDEN", "auth.forbidden");
  return actor.departmentId;
}

/** Case numbers are digits only; a query of 6+ digits is a case number (or its beginning), anything else a name. */
function looksLikeCaseNumber(q: string): boolean {
  return /^\d{6,20}$/.test(q);
}

/** Enum literals typed as the column's enum, so the (department_id, status, …) index applies. */
function statusList(statuses: readonly CaseStatus[]): Prisma.Sql {
  return Prisma.join(statuses.map((status) => Prisma.sql`${status}::"CaseStatus"`));
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Cases whose current step takes one of the actor's duties (none held: none). */
function dutyFilter(actor: Actor): Prisma.Sql {
  const duties = actor.duties ?? [];
  return duties.length
    ? Prisma.sql`c.current_duty IN (${Prisma.join(duties.map((duty) => Prisma.sql`${duty}::"StaffDuty"`))})`
    : Prisma.sql`FALSE`;
}

/** One page of a view, with the cursor of the next page (null on the last). */
export async function listQueue(
  actor: Actor,
  input: unknown,
): Promise<{ rows: QueueRow[]; next: string | null; query: z.infer<typeof QueueQuery> }> {
  const departmentId = departmentOf(actor);
  const query = parseQuery(input);
  const statuses: readonly CaseStatus[] = query.status
    ? (QUEUE_VIEWS[query.view] as readonly CaseStatus[]).filter((status) => status === query.status)
    : QUEUE_VIEWS[query.view];
  const sort = query.sort ?? (DEADLINE_VIEWS.includes(query.view) ? "deadline" : "submitted");
  const cursor = decodeCursor(query.after);

  // 会签待办 lists other departments' cases (those asking this one for an opinion); every other view its own.
  const where: Prisma.Sql[] = [
    query.view === "joint"
      ? Prisma.sql`c.id IN (SELECT r.case_id FROM case_opinion_request r WHERE r.department_id = ${departmentId}::uuid AND r.answered_at IS NULL)`
      : Prisma.sql`c.department_id = ${departmentId}::uuid`,
  ];
  if (query.view !== "all" || query.status)
    where.push(statuses.length ? Prisma.sql`c.status IN (${statusList(statuses)})` : Prisma.sql`FALSE`);
  const warning = WARNING_OF_VIEW[query.view];
  if (warning) where.push(Prisma.sql`c.warning = ${warning}`);
  if (query.view === "mine") where.push(Prisma.sql`c.assignee_id = ${actor.userId}::uuid`);
  if (query.view === "todo") where.push(dutyFilter(actor));
  if (query.item)
    where.push(Prisma.sql`c.service_item_id = (SELECT id FROM service_item WHERE implementation_code = ${query.item})`);
  if (query.region) where.push(Prisma.sql`c.region_code = ${query.region}`);
  if (query.from) where.push(Prisma.sql`c.submitted_at >= ${chinaDayStart(query.from)}`);
  if (query.to) where.push(Prisma.sql`c.submitted_at < ${chinaDayEnd(query.to)}`);
  if (query.applicant) where.push(Prisma.sql`c.applicant_name ILIKE ${likePattern(query.applicant)}`);
  if (query.q) {
    if (looksLikeCaseNumber(query.q))
      where.push(
        query.q.length === 20
          ? Prisma.sql`c.case_number = ${query.q}`
          : Prisma.sql`c.case_number LIKE ${`${query.q}%`}`,
      );
    else where.push(Prisma.sql`c.applicant_name ILIKE ${likePattern(query.q)}`);
  }

  let order: Prisma.Sql;
  if (sort === "deadline") {
    // Due date ascending, cases without one (not yet accepted) last; the id breaks ties.
    order = Prisma.sql`c.due_date ASC NULLS LAST, c.id ASC`;
    if (cursor) {
      where.push(
        cursor.k === null
          ? Prisma.sql`(c.due_date IS NULL AND c.id > ${cursor.id}::uuid)`
          : Prisma.sql`(c.due_date > ${cursor.k}::date OR (c.due_date = ${cursor.k}::date AND c.id > ${cursor.id}::uuid) OR c.due_date IS NULL)`,
      );
    }
  } else {
    order = Prisma.sql`c.submitted_at DESC, c.id DESC`;
    if (cursor?.k) where.push(Prisma.sql`(c.submitted_at, c.id) < (${cursor.k}::timestamptz, ${cursor.id}::uuid)`);
  }

  const rows = await db().$queryRaw<
    (Omit<QueueRow, "itemName" | "itemCode" | "assigneeName"> & {
      id: string;
      serviceItemId: string;
      assigneeId: string | null;
    })[]
  >`
    SELECT c.id::text AS id, c.case_number AS "caseNumber", c.status::text AS status, c.applicant_name AS "applicantName",
           c.region_code AS "regionCode", c.submitted_at AS "submittedAt", c.due_date AS "dueDate", c.warning, c.version,
           c.service_item_id::text AS "serviceItemId", c.assignee_id::text AS "assigneeId"
    FROM case_record c
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${query.pageSize + 1}`;

  const page = rows.slice(0, query.pageSize);
  const itemIds = [...new Set(page.map((row) => row.serviceItemId))];
  const userIds = [...new Set(page.map((row) => row.assigneeId).filter((id): id is string => id !== null))];
  const [items, users] = await Promise.all([
    itemIds.length
      ? db().serviceItem.findMany({
          where: { id: { in: itemIds } },
          select: { id: true, name: true, implementationCode: true },
        })
      : [],
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, realName: true } }) : [],
  ]);
  const itemById = new Map(items.map((item) => [item.id, item]));
  const userById = new Map(users.map((user) => [user.id, user.realName]));
  const last = page.at(-1);
  const next =
    rows.length > query.pageSize && last
      ? encodeCursor({
          k: sort === "deadline" ? dateColumnToIso(last.dueDate) : last.submittedAt.toISOString(),
          id: last.id,
        })
      : null;
  return {
    rows: page.map((row) => ({
      caseNumber: row.caseNumber,
      status: row.status,
      applicantName: row.applicantName,
      itemName: itemById.get(row.serviceItemId)?.name ?? "",
      itemCode: itemById.get(row.serviceItemId)?.implementationCode ?? "",
      regionCode: row.regionCode,
      submittedAt: row.submittedAt,
      dueDate: row.dueDate,
      warning: row.warning,
      assigneeName: row.assigneeId ? (userById.get(row.assigneeId) ?? null) : null,
      version: row.version,
    })),
    next,
    query,
  };
}

/** How many cases each view holds (two index-only scans: by status, and open cases by warning). */
export async function queueCounts(actor: Actor): Promise<Record<QueueView, number>> {
  const departmentId = departmentOf(actor);
  const [byStatus, byWarning, mine, todo, joint] = await Promise.all([
    db().$queryRaw<{ status: CaseStatus; n: bigint }[]>`
      SELECT status::text AS status, count(*) AS n FROM case_record WHERE department_id = ${departmentId}::uuid GROUP BY status`,
    db().$queryRaw<{ warning: string; n: bigint }[]>`
      SELECT warning, count(*) AS n FROM case_record
      WHERE department_id = ${departmentId}::uuid AND warning IN ('YELLOW', 'RED') AND status IN ${Prisma.raw(statusListSql(DECIDING_STATUSES))}
      GROUP BY warning`,
    db().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM case_record
      WHERE department_id = ${departmentId}::uuid AND assignee_id = ${actor.userId}::uuid
        AND status IN (${statusList(QUEUE_VIEWS.mine)})`,
    db().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM case_record c
      WHERE c.department_id = ${departmentId}::uuid AND c.status IN (${statusList(QUEUE_VIEWS.todo)}) AND ${dutyFilter(actor)}`,
    db().$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM case_opinion_request WHERE department_id = ${departmentId}::uuid AND answered_at IS NULL`,
  ]);
  const perStatus = new Map(byStatus.map((row) => [row.status, Number(row.n)]));
  const counts = {} as Record<QueueView, number>;
  for (const view of QUEUE_VIEW_NAMES)
    counts[view] = (QUEUE_VIEWS[view] as readonly CaseStatus[]).reduce(
      (sum, status) => sum + (perStatus.get(status) ?? 0),
      0,
    );
  counts.dueSoon = Number(byWarning.find((row) => row.warning === "YELLOW")?.n ?? 0);
  counts.overdue = Number(byWarning.find((row) => row.warning === "RED")?.n ?? 0);
  counts.mine = Number(mine[0]?.n ?? 0);
  counts.todo = Number(todo[0]?.n ?? 0);
  counts.joint = Number(joint[0]?.n ?? 0);
  return counts;
}
