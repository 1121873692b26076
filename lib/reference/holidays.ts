import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, can } from "../auth/policy";
import { CHINESE_DAYS_SOURCE, chineseDaysRows, MANUAL_SOURCE } from "../calendar/chinese-days";
import { dateColumnToIso, isoToDateColumn } from "../calendar/china-time";
import { missingCalendarYears } from "../calendar/load";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { auditActor, fieldProblem, LOCKS, parseInput } from "./common";
import { CalendarYear, HolidayInput } from "./schemas";

/**
 * Holiday administration (工作日历维护): the Holiday table that every deadline reads. Platform administrators
 * edit it (admin.structure.manage); department administrators may look (admin.structure.view).
 *
 * Rows loaded from the `chinese-days` package carry a source starting with "chinese-days"; a row added or
 * edited by hand carries "manual" and is never touched by a later load. (A package row deleted by hand comes
 * back with the next load of its year: the table has no place to remember a deletion.)
 */

type Tx = Prisma.TransactionClient;

const isPackageSource = (source: string) => source.startsWith(CHINESE_DAYS_SOURCE);

async function lockHolidays(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCKS.holiday}))`;
}

/** One year's rows: national ones, and those of one region when `regionCode` is given ("all" for every region). */
export async function listHolidays(
  actor: Actor,
  { year, regionCode }: { year: number; regionCode: string | null | "all" },
) {
  assertCan(actor, "admin.structure.view");
  const where: Prisma.HolidayWhereInput = {
    date: { gte: isoToDateColumn(`${year}-01-01`), lte: isoToDateColumn(`${year}-12-31`) },
    ...(regionCode === "all"
      ? {}
      : regionCode === null
        ? { regionCode: null }
        : { OR: [{ regionCode: null }, { regionCode }] }),
  };
  const rows = await db().holiday.findMany({
    where,
    orderBy: [{ date: "asc" }, { regionCode: { sort: "asc", nulls: "first" } }],
    select: {
      id: true,
      date: true,
      kind: true,
      name: true,
      source: true,
      regionCode: true,
      region: { select: { name: true, nameEn: true } },
    },
  });
  return rows.map((row) => ({ ...row, date: dateColumnToIso(row.date), manual: !isPackageSource(row.source) }));
}

/** The years (current and next) without national rows, for the warning banner; empty for those who cannot act on it. */
export async function calendarWarning(actor: Actor | null, now: Date = new Date()): Promise<number[]> {
  if (!can(actor, "admin.structure.view")) return [];
  return missingCalendarYears(now);
}

async function assertNoOtherRow(
  tx: Tx,
  { regionCode, date, exceptId }: { regionCode: string | null; date: string; exceptId?: string },
) {
  const other = await tx.holiday.findFirst({
    where: { regionCode, date: isoToDateColumn(date), ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (other) throw fieldProblem("CONFLICT", "date", "reference.errors.holidayTaken");
}

const snapshot = (row: {
  date: Date | string;
  kind: string;
  name: string;
  regionCode: string | null;
  source: string;
}) => ({
  date: typeof row.date === "string" ? row.date : dateColumnToIso(row.date),
  kind: row.kind,
  name: row.name,
  regionCode: row.regionCode,
  source: row.source,
});

/** Adds a date or edits one (kind, name, date, region). Either way the row becomes a manual one. */
export async function saveHoliday({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.structure.manage");
  const data = parseInput(HolidayInput, input);
  if (
    data.regionCode &&
    !(await db().region.findUnique({ where: { code: data.regionCode }, select: { code: true } }))
  ) {
    throw fieldProblem("VALIDATION", "regionCode", "reference.errors.noSuchRegion");
  }
  return db().$transaction(async (tx) => {
    await lockHolidays(tx);
    const before = data.id ? await tx.holiday.findUnique({ where: { id: data.id } }) : null;
    if (data.id && !before) throw new AppError("NOT_FOUND", "reference.errors.gone");
    await assertNoOtherRow(tx, { regionCode: data.regionCode, date: data.date, exceptId: data.id });
    const values = {
      date: isoToDateColumn(data.date),
      kind: data.kind,
      name: data.name,
      regionCode: data.regionCode,
      source: MANUAL_SOURCE,
    };
    const saved = before
      ? await tx.holiday.update({ where: { id: before.id }, data: values })
      : await tx.holiday.create({ data: values });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: before ? "calendar.holiday.update" : "calendar.holiday.create",
      objectType: "Holiday",
      objectId: saved.id,
      before: before ? snapshot(before) : null,
      after: snapshot(saved),
      ip,
    });
    return { id: saved.id };
  });
}

export async function deleteHoliday({ actor, id, ip }: { actor: Actor; id: string; ip: string | null }) {
  assertCan(actor, "admin.structure.manage");
  const parsed = HolidayInput.shape.id.safeParse(id);
  if (!parsed.success || !parsed.data) throw new AppError("NOT_FOUND", "reference.errors.gone");
  await db().$transaction(async (tx) => {
    await lockHolidays(tx);
    const before = await tx.holiday.findUnique({ where: { id: parsed.data } });
    if (!before) throw new AppError("NOT_FOUND", "reference.errors.gone");
    await tx.holiday.delete({ where: { id: before.id } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "calendar.holiday.delete",
      objectType: "Holiday",
      objectId: before.id,
      before: snapshot(before),
      ip,
    });
  });
}

export type LoadYearResult = {
  year: number;
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  keptManual: number;
};

/**
 * Loads one year's national calendar from the `chinese-days` package. Idempotent: a second load changes nothing.
 * Package rows are added or brought up to date, package rows the package no longer lists are removed, and
 * manual rows are left exactly as they are (the package does not overwrite an administrator's decision).
 */
export async function loadHolidayYear({
  actor,
  year,
  ip,
}: {
  actor: Actor;
  year: unknown;
  ip: string | null;
}): Promise<LoadYearResult> {
  assertCan(actor, "admin.structure.manage");
  const parsedYear = parseInput(CalendarYear, year, "year");
  const packageRows = chineseDaysRows(parsedYear);
  if (packageRows.length === 0) throw fieldProblem("VALIDATION", "year", "reference.errors.yearNotInPackage");
  return db().$transaction(async (tx) => {
    await lockHolidays(tx);
    const existing = await tx.holiday.findMany({
      where: {
        regionCode: null,
        date: { gte: isoToDateColumn(`${parsedYear}-01-01`), lte: isoToDateColumn(`${parsedYear}-12-31`) },
      },
    });
    const byDate = new Map(existing.map((row) => [dateColumnToIso(row.date), row]));
    const result: LoadYearResult = {
      year: parsedYear,
      created: 0,
      updated: 0,
      removed: 0,
      unchanged: 0,
      keptManual: 0,
    };
    const listed = new Set<string>();
    for (const row of packageRows) {
      listed.add(row.date);
      const current = byDate.get(row.date);
      if (!current) {
        await tx.holiday.create({
          data: {
            date: isoToDateColumn(row.date),
            kind: row.kind,
            name: row.name,
            regionCode: null,
            source: CHINESE_DAYS_SOURCE,
          },
        });
        result.created++;
      } else if (!isPackageSource(current.source)) {
        result.keptManual++;
      } else if (current.kind !== row.kind || current.name !== row.name) {
        await tx.holiday.update({ where: { id: current.id }, data: { kind: row.kind, name: row.name } });
        result.updated++;
      } else {
        result.unchanged++;
      }
    }
    const stale = existing.filter((row) => isPackageSource(row.source) && !listed.has(dateColumnToIso(row.date)));
    if (stale.length > 0) await tx.holiday.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });
    result.removed = stale.length;
    result.keptManual += existing.filter(
      (row) => !isPackageSource(row.source) && !listed.has(dateColumnToIso(row.date)),
    ).length;
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "calendar.year.load",
      objectType: "Holiday",
      objectId: String(parsedYear),
      after: result,
      ip,
    });
    return result;
  });
}

export async function findHoliday(actor: Actor, id: string) {
  assertCan(actor, "admin.structure.view");
  const parsed = HolidayInput.shape.id.safeParse(id);
  if (!parsed.success || !parsed.data) return null;
  const row = await db().holiday.findUnique({
    where: { id: parsed.data },
    select: { id: true, date: true, kind: true, name: true, regionCode: true, source: true },
  });
  return row ? { ...row, date: dateColumnToIso(row.date) } : null;
}
