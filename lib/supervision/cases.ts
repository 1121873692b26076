import "server-only";
import { z } from "zod";
import { text } from "../validation/text";
import type { Actor } from "../auth/policy";
import {
  chinaDateSql,
  chinaDayEnd,
  chinaDayStart,
  chinaTimestamp,
  dateColumnToIso,
  isoToDateColumn,
} from "../calendar/china-time";
import { CONCLUDED_STATUSES, DECIDING_STATUSES, statusListSql } from "../cases/state-machine";
import { db } from "../db/client";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { isOpenRectification, warningsFor } from "../evaluation/due";
import { fieldErrorsOf } from "../statistics/filters";
import { resolveSlice, type Slice } from "./dashboard";
import {
  RECTIFICATION_FIGURES,
  type RectificationFigure,
  rectificationFigureWhere,
  rectificationScope,
} from "./rectification-figures";

/**
 * The cases behind a dashboard figure (drill-down). Each figure's condition is the one the statistics count with
 * (lib/statistics/rollup.ts), so the list's length is the figure. Newest submission first, keyset pages.
 *
 * The rectification figures count rectifications, and a rated visit or question has one but no case, so their
 * drill-down lists rectifications (listFigureRectifications, below); see rectification-figures.ts for why the
 * figure and that list always agree.
 */

export const FIGURES = [
  "received",
  "accepted",
  "completed",
  "onTime",
  "late",
  "supplement",
  "rejectedAtIntake",
  "denied",
  "withdrawn",
  "dueSoon",
  "overdue",
  "badRating",
  "rectification",
] as const;
export type Figure = (typeof FIGURES)[number];

export const FigureQuery = z.object({
  figure: z.enum(FIGURES, { message: "supervision.errors.figure" }),
  /** For `rectification`: the rectification status, or overdue. */
  status: z
    .enum(RECTIFICATION_FIGURES, { message: "supervision.errors.figure" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  after: text().max(200).optional(),
});

const day = (column: string) => Prisma.raw(chinaDateSql(column));

/**
 * The cases among a rectification figure's rows: those whose own rating has a rectification counted by the figure,
 * taken through the figure's where clause so they are exactly that subset (sliced by the rectification's department,
 * as the figure is, not by the case's). The page lists the rectifications themselves (listFigureRectifications);
 * this keeps `listFigureCases(…, { figure: "rectification" })` from being a second, disagreeing definition.
 */
async function rectifiedCaseIds(slice: Slice, status: RectificationFigure | undefined, now: Date): Promise<string[]> {
  const where = rectificationFigureWhere(await rectificationScope(slice), status, now);
  const rows = await db().rectification.findMany({
    where: { AND: [where, { evaluation: { touchpointKind: "CASE" } }] },
    select: { evaluation: { select: { touchpointId: true } } },
  });
  return rows.map((row) => row.evaluation.touchpointId);
}

function figureCondition(figure: Exclude<Figure, "rectification">, slice: Slice): Prisma.Sql {
  const from = slice.from;
  const to = slice.to;
  const submitted = Prisma.sql`c.submitted_at >= ${chinaDayStart(from)} AND c.submitted_at < ${chinaDayEnd(to)}`;
  const completed = Prisma.sql`c.status IN ${Prisma.raw(statusListSql(CONCLUDED_STATUSES))} AND c.completed_at >= ${chinaDayStart(from)} AND c.completed_at < ${chinaDayEnd(to)}`;
  switch (figure) {
    case "received":
      return submitted;
    case "accepted":
      return Prisma.sql`c.accepted_at >= ${chinaDayStart(from)} AND c.accepted_at < ${chinaDayEnd(to)}`;
    case "completed":
      return completed;
    case "onTime":
      return Prisma.sql`${completed} AND (c.due_date IS NULL OR ${day("c.completed_at")} <= c.due_date)`;
    case "late":
      return Prisma.sql`${completed} AND c.due_date IS NOT NULL AND ${day("c.completed_at")} > c.due_date`;
    case "supplement":
      return Prisma.sql`${submitted} AND EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.action = 'requestSupplement')`;
    case "rejectedAtIntake":
      return Prisma.sql`${submitted} AND c.status = 'REJECTED_AT_INTAKE'`;
    case "withdrawn":
      return Prisma.sql`${submitted} AND c.status = 'WITHDRAWN'`;
    case "denied":
      return Prisma.sql`${completed} AND c.status = 'DENIED'`;
    case "dueSoon":
    case "overdue":
      return Prisma.sql`c.status IN ${Prisma.raw(statusListSql(DECIDING_STATUSES))} AND c.warning = ${figure === "dueSoon" ? "YELLOW" : "RED"}`;
    case "badRating":
      return Prisma.sql`EXISTS (SELECT 1 FROM evaluation v WHERE v.touchpoint_kind = 'CASE' AND v.touchpoint_id = c.id AND v.level <= 2
        AND v.created_at >= ${chinaDayStart(from)} AND v.created_at < ${chinaDayEnd(to)})`;
  }
}

type Cursor = { at: string; id: string };

function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    return typeof parsed.at === "string" &&
      typeof parsed.id === "string" &&
      /^[0-9a-f-]{36}$/.test(parsed.id) &&
      !Number.isNaN(Date.parse(parsed.at))
      ? parsed
      : null;
  } catch {
    return null;
  }
}

export type FigureCaseRow = {
  caseNumber: string;
  itemName: string;
  itemNameEn: string;
  departmentName: string;
  departmentNameEn: string;
  status: string;
  warning: string;
  channel: string;
  submittedAt: Date;
  acceptedAt: Date | null;
  dueDate: Date | null;
  completedAt: Date | null;
};

async function query(
  slice: Slice,
  figure: Figure,
  status: RectificationFigure | undefined,
  cursor: Cursor | null,
  limit: number,
  now: Date,
) {
  const where: Prisma.Sql[] = [];
  if (figure === "rectification")
    where.push(Prisma.sql`c.id = ANY(${await rectifiedCaseIds(slice, status, now)}::uuid[])`);
  else {
    where.push(figureCondition(figure, slice));
    if (slice.departmentId) where.push(Prisma.sql`c.department_id = ${slice.departmentId}::uuid`);
    if (slice.regions) where.push(Prisma.sql`c.region_code = ANY(${slice.regions}::text[])`);
  }
  if (cursor) where.push(Prisma.sql`(c.submitted_at, c.id) < (${new Date(cursor.at)}, ${cursor.id}::uuid)`);
  const rows = await db().$queryRaw<
    (Omit<FigureCaseRow, "itemName" | "itemNameEn" | "departmentName" | "departmentNameEn"> & {
      id: string;
      item_id: string;
      department_id: string;
    })[]
  >`
    SELECT c.id::text AS id, c.case_number AS "caseNumber", c.service_item_id::text AS item_id, c.department_id::text AS department_id,
           c.status::text AS status, c.warning, c.channel::text AS channel, c.submitted_at AS "submittedAt", c.accepted_at AS "acceptedAt",
           c.due_date AS "dueDate", c.completed_at AS "completedAt"
    FROM case_record c
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY c.submitted_at DESC, c.id DESC
    LIMIT ${limit}`;
  const [items, departments] = await Promise.all([
    db().serviceItem.findMany({
      where: { id: { in: [...new Set(rows.map((row) => row.item_id))] } },
      select: { id: true, name: true, nameEn: true },
    }),
    db().department.findMany({
      where: { id: { in: [...new Set(rows.map((row) => row.department_id))] } },
      select: { id: true, name: true, nameEn: true },
    }),
  ]);
  const itemOf = new Map(items.map((item) => [item.id, item]));
  const departmentOf = new Map(departments.map((department) => [department.id, department]));
  return rows.map((row) => ({
    id: row.id,
    caseNumber: row.caseNumber,
    itemName: itemOf.get(row.item_id)?.name ?? "",
    itemNameEn: itemOf.get(row.item_id)?.nameEn ?? "",
    departmentName: departmentOf.get(row.department_id)?.name ?? "",
    departmentNameEn: departmentOf.get(row.department_id)?.nameEn ?? "",
    status: row.status,
    warning: row.warning,
    channel: row.channel,
    submittedAt: row.submittedAt,
    acceptedAt: row.acceptedAt,
    dueDate: row.dueDate,
    completedAt: row.completedAt,
  }));
}

function parseFigure(input: Record<string, unknown>) {
  const parsed = FigureQuery.safeParse({ figure: input.figure, status: input.status, after: input.after });
  if (!parsed.success)
    throw new AppError("VALIDATION", "supervision.errors.form", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

/** One page of the cases behind a figure, with the cursor of the next page. */
export async function listFigureCases(
  actor: Actor,
  input: Record<string, unknown>,
  { now = new Date(), pageSize = 50 }: { now?: Date; pageSize?: number } = {},
) {
  const slice = await resolveSlice(actor, input, now);
  const figure = parseFigure(input);
  const rows = await query(slice, figure.figure, figure.status, decodeCursor(figure.after), pageSize + 1, now);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const next =
    rows.length > pageSize && last
      ? Buffer.from(JSON.stringify({ at: last.submittedAt.toISOString(), id: last.id })).toString("base64url")
      : null;
  return {
    slice,
    figure: figure.figure,
    status: figure.status,
    rows: page.map((row) => ({ ...row, id: undefined })),
    next,
  };
}

export const EXPORT_LIMIT = 10_000;

const EXPORT_COLUMNS = [
  "caseNumber",
  "item",
  "department",
  "status",
  "warning",
  "channel",
  "submittedAt",
  "acceptedAt",
  "dueDate",
  "completedAt",
] as const;

/** The cases behind a figure as a table (first EXPORT_LIMIT rows): no applicant data, only the case facts. */
export async function figureCasesTable(
  actor: Actor,
  input: Record<string, unknown>,
  { now = new Date(), locale = "zh-CN" }: { now?: Date; locale?: string } = {},
) {
  const slice = await resolveSlice(actor, input, now);
  const figure = parseFigure(input);
  const rows = await query(slice, figure.figure, figure.status, null, EXPORT_LIMIT, now);
  const en = locale === "en";
  const iso = (value: Date | null) => (value ? chinaTimestamp(value) : "");
  return {
    columns: [...EXPORT_COLUMNS],
    rows: rows.map((row) => [
      row.caseNumber,
      en ? row.itemNameEn || row.itemName : row.itemName,
      en ? row.departmentNameEn || row.departmentName : row.departmentName,
      row.status,
      row.warning,
      row.channel,
      iso(row.submittedAt),
      iso(row.acceptedAt),
      dateColumnToIso(row.dueDate) ?? "",
      iso(row.completedAt),
    ]),
  };
}

export type FigureRectificationRow = {
  id: string;
  /** What was rated: a case (with its number), a visit or a question. */
  touchpointKind: "CASE" | "BOOKING" | "CONSULTATION";
  caseNumber: string | null;
  itemName: string;
  itemNameEn: string;
  departmentName: string;
  departmentNameEn: string;
  level: number;
  status: string;
  dueDate: Date;
  warning: "GREEN" | "YELLOW" | "RED";
  ratedAt: Date;
};

type RectificationCursor = { due: string; id: string };

function decodeRectificationCursor(value: string | undefined): RectificationCursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as RectificationCursor;
    return typeof parsed.due === "string" &&
      /^\d{4}-\d{2}-\d{2}$/.test(parsed.due) &&
      typeof parsed.id === "string" &&
      /^[0-9a-f-]{36}$/.test(parsed.id)
      ? parsed
      : null;
  } catch {
    return null;
  }
}

/** The rectifications behind a rectification figure, earliest due first (then by id, for stable keyset pages). */
async function rectificationRows(
  slice: Slice,
  status: RectificationFigure | undefined,
  cursor: RectificationCursor | null,
  limit: number,
  now: Date,
): Promise<FigureRectificationRow[]> {
  const where = rectificationFigureWhere(await rectificationScope(slice), status, now);
  const after: Prisma.RectificationWhereInput[] = cursor
    ? [
        {
          OR: [
            { dueDate: { gt: isoToDateColumn(cursor.due) } },
            { dueDate: isoToDateColumn(cursor.due), id: { gt: cursor.id } },
          ],
        },
      ]
    : [];
  const rows = await db().rectification.findMany({
    where: { AND: [where, ...after] },
    select: {
      id: true,
      status: true,
      dueDate: true,
      departmentId: true,
      evaluation: {
        select: { touchpointKind: true, touchpointId: true, level: true, serviceItemId: true, createdAt: true },
      },
    },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    take: limit,
  });
  const caseIds = rows
    .filter((row) => row.evaluation.touchpointKind === "CASE")
    .map((row) => row.evaluation.touchpointId);
  const itemIds = [
    ...new Set(rows.map((row) => row.evaluation.serviceItemId).filter((id): id is string => Boolean(id))),
  ];
  const [cases, items, departments, warnings] = await Promise.all([
    db().case.findMany({ where: { id: { in: caseIds } }, select: { id: true, caseNumber: true } }),
    db().serviceItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, name: true, nameEn: true } }),
    db().department.findMany({
      where: { id: { in: [...new Set(rows.map((row) => row.departmentId))] } },
      select: { id: true, name: true, nameEn: true },
    }),
    warningsFor(
      rows.map((row) => ({
        departmentId: row.departmentId,
        dueDate: row.dueDate,
        done: !isOpenRectification(row.status),
      })),
      now,
    ),
  ]);
  const caseNumberOf = new Map(cases.map((row) => [row.id, row.caseNumber]));
  const itemOf = new Map(items.map((item) => [item.id, item]));
  const departmentOf = new Map(departments.map((department) => [department.id, department]));
  return rows.map((row, index) => {
    const item = row.evaluation.serviceItemId ? itemOf.get(row.evaluation.serviceItemId) : undefined;
    const department = departmentOf.get(row.departmentId);
    return {
      id: row.id,
      touchpointKind: row.evaluation.touchpointKind,
      caseNumber:
        row.evaluation.touchpointKind === "CASE" ? (caseNumberOf.get(row.evaluation.touchpointId) ?? null) : null,
      itemName: item?.name ?? "",
      itemNameEn: item?.nameEn ?? "",
      departmentName: department?.name ?? "",
      departmentNameEn: department?.nameEn ?? "",
      level: row.evaluation.level,
      status: row.status,
      dueDate: row.dueDate,
      warning: warnings[index] ?? "GREEN",
      ratedAt: row.evaluation.createdAt,
    };
  });
}

/**
 * One page of the rectifications behind a rectification figure (差评整改：待整改 …), with the cursor of the next page:
 * every rated touchpoint, not only cases, so the list's length is the figure (rectification-figures.ts). Like the
 * case lists it carries no applicant data (no rater, no comment); a case's own page shows the rating in full.
 */
export async function listFigureRectifications(
  actor: Actor,
  input: Record<string, unknown>,
  { now = new Date(), pageSize = 50 }: { now?: Date; pageSize?: number } = {},
) {
  const slice = await resolveSlice(actor, input, now);
  const figure = parseFigure(input);
  const rows = await rectificationRows(
    slice,
    figure.status,
    decodeRectificationCursor(figure.after),
    pageSize + 1,
    now,
  );
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const next =
    rows.length > pageSize && last
      ? Buffer.from(JSON.stringify({ due: dateColumnToIso(last.dueDate), id: last.id })).toString("base64url")
      : null;
  return { slice, status: figure.status, rows: page, next };
}

const RECTIFICATION_EXPORT_COLUMNS = [
  "touchpoint",
  "caseNumber",
  "item",
  "department",
  "level",
  "status",
  "dueDate",
  "warning",
  "ratedAt",
] as const;

/** The rectifications behind a rectification figure as a table (first EXPORT_LIMIT rows), without applicant data. */
export async function figureRectificationsTable(
  actor: Actor,
  input: Record<string, unknown>,
  { now = new Date(), locale = "zh-CN" }: { now?: Date; locale?: string } = {},
) {
  const slice = await resolveSlice(actor, input, now);
  const figure = parseFigure(input);
  const rows = await rectificationRows(slice, figure.status, null, EXPORT_LIMIT, now);
  const en = locale === "en";
  return {
    columns: [...RECTIFICATION_EXPORT_COLUMNS],
    rows: rows.map((row) => [
      row.touchpointKind,
      row.caseNumber ?? "",
      en ? row.itemNameEn || row.itemName : row.itemName,
      en ? row.departmentNameEn || row.departmentName : row.departmentName,
      row.level,
      row.status,
      dateColumnToIso(row.dueDate),
      row.warning,
      chinaTimestamp(row.ratedAt),
    ]),
  };
}
