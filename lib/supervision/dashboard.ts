import "server-only";
import { z } from "zod";
import { text } from "../validation/text";
import { type Actor, assertCan, departmentScope, reachesEveryDepartment } from "../auth/policy";
import { chinaDateSql, chinaDayEnd, chinaDayStart } from "../calendar/china-time";
import { CONCLUDED_STATUSES, DECIDING_STATUSES, statusListSql } from "../cases/state-machine";
import { db } from "../db/client";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { percentileOfHistogram, workingDaysUsed } from "../statistics/durations";
import { fieldErrorsOf, RangeFilters, regionScope, resolveRange } from "../statistics/filters";
import { calendarCache } from "../statistics/rollup";
import { pausesAsDays } from "../cases/deadline";
import { countRectificationFigures } from "./rectification-figures";

/**
 * The supervision dashboard (电子监察): for the platform or one department, over a date range and a region.
 *
 * Where each figure comes from (and why):
 * - due soon / overdue: the open cases' `warning` now (kept fresh by the deadline job), by the index
 *   (department_id, warning, due_date);
 * - volumes, rates, average working days: sums of case_stats_daily (maintained by the statistics job), so a
 *   three-year platform range reads ~100,000 small rows instead of a million cases; see lib/statistics/rollup.ts
 *   for which day each case counts on;
 * - p90 of working days: cannot come from sums. It is computed on demand from the completed cases of the slice,
 *   grouped in SQL by (region, acceptance day, completion day, pauses) so only a few thousand groups reach Node,
 *   which turns each group into working days with the region's calendar and keeps a histogram; the page streams it
 *   in after the first paint (measured on the 1M benchmark: see scripts/bench-console.ts);
 * - bad ratings and rectifications: the evaluation and rectification tables (issue 7); the rectification figures
 *   and the lists they open share one where clause (rectification-figures.ts), so a figure is its list's length.
 */

export const DashboardQuery = RangeFilters.and(
  z.object({
    /** A department id; absent: the whole platform (department admins always get their own). */
    department: text()
      .uuid("supervision.errors.department")
      .optional()
      .or(z.literal("").transform(() => undefined)),
  }),
);
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export type Slice = {
  from: string;
  to: string;
  departmentId: string | null;
  regions: string[] | null;
  region: string | undefined;
};

/** Parses the filters and decides the department the actor may look at. */
export async function resolveSlice(actor: Actor, input: unknown, now: Date = new Date()): Promise<Slice> {
  const parsed = DashboardQuery.safeParse(input ?? {});
  if (!parsed.success)
    throw new AppError("VALIDATION", "supervision.errors.form", { fieldErrors: fieldErrorsOf(parsed.error) });
  const departmentId =
    parsed.data.department ?? (reachesEveryDepartment(actor, "supervision.view") ? null : actor.departmentId);
  if (departmentId) assertCan(actor, "supervision.view", { kind: "department", departmentId });
  else assertCan(actor, "supervision.view");
  const { from, to } = resolveRange(parsed.data, now);
  return { from, to, departmentId, regions: await regionScope(parsed.data.region), region: parsed.data.region };
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function statsWhere(slice: Slice, alias = "s"): Prisma.Sql {
  const parts = [Prisma.sql`${Prisma.raw(alias)}.day BETWEEN ${slice.from}::date AND ${slice.to}::date`];
  if (slice.departmentId) parts.push(Prisma.sql`${Prisma.raw(alias)}.department_id = ${slice.departmentId}::uuid`);
  if (slice.regions) parts.push(Prisma.sql`${Prisma.raw(alias)}.region_code = ANY(${slice.regions}::text[])`);
  return Prisma.join(parts, " AND ");
}

function caseWhere(slice: Slice): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (slice.departmentId) parts.push(Prisma.sql`c.department_id = ${slice.departmentId}::uuid`);
  if (slice.regions) parts.push(Prisma.sql`c.region_code = ANY(${slice.regions}::text[])`);
  return parts;
}

type Sums = {
  received: number;
  accepted: number;
  completed: number;
  completedOnTime: number;
  supplementRequested: number;
  rejectedAtIntake: number;
  denied: number;
  withdrawn: number;
  workingDaysUsed: number;
  promisedDays: number;
};

async function sums(slice: Slice): Promise<Sums> {
  const [row] = await db().$queryRaw<Record<keyof Sums, number | null>[]>`
    SELECT sum(s.received)::int AS "received", sum(s.accepted)::int AS "accepted", sum(s.completed)::int AS "completed",
           sum(s."completedOnTime")::int AS "completedOnTime", sum(s.supplement_requested)::int AS "supplementRequested",
           sum(s.rejected_at_intake)::int AS "rejectedAtIntake", sum(s.denied)::int AS "denied", sum(s.withdrawn)::int AS "withdrawn",
           sum(s.working_days_used)::int AS "workingDaysUsed",
           sum(s.completed * CASE WHEN i.promised_unit = 'WORKING_DAY' THEN i.promised_limit ELSE 0 END)::int AS "promisedDays"
    FROM case_stats_daily s JOIN service_item i ON i.id = s.service_item_id
    WHERE ${statsWhere(slice)}`;
  const value = (key: keyof Sums) => Number(row?.[key] ?? 0);
  return {
    received: value("received"),
    accepted: value("accepted"),
    completed: value("completed"),
    completedOnTime: value("completedOnTime"),
    supplementRequested: value("supplementRequested"),
    rejectedAtIntake: value("rejectedAtIntake"),
    denied: value("denied"),
    withdrawn: value("withdrawn"),
    workingDaysUsed: value("workingDaysUsed"),
    promisedDays: value("promisedDays"),
  };
}

async function warnings(slice: Slice): Promise<{ dueSoon: number; overdue: number }> {
  const where = [
    Prisma.raw(`c.status IN ${statusListSql(DECIDING_STATUSES)}`),
    Prisma.sql`c.warning IN ('YELLOW', 'RED')`,
    ...caseWhere(slice),
  ];
  const rows = await db().$queryRaw<{ warning: string; n: number }[]>`
    SELECT c.warning, count(*)::int AS n FROM case_record c WHERE ${Prisma.join(where, " AND ")} GROUP BY c.warning`;
  return {
    dueSoon: rows.find((row) => row.warning === "YELLOW")?.n ?? 0,
    overdue: rows.find((row) => row.warning === "RED")?.n ?? 0,
  };
}

async function ratings(slice: Slice): Promise<{ ratings: number; bad: number }> {
  const where = [
    Prisma.sql`e.created_at >= ${chinaDayStart(slice.from)}`,
    Prisma.sql`e.created_at < ${chinaDayEnd(slice.to)}`,
  ];
  if (slice.departmentId) where.push(Prisma.sql`e.department_id = ${slice.departmentId}::uuid`);
  if (slice.regions)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM department d WHERE d.id = e.department_id AND d.region_code = ANY(${slice.regions}::text[]))`,
    );
  const [row] = await db().$queryRaw<{ ratings: number; bad: number }[]>`
    SELECT count(*)::int AS ratings, count(*) FILTER (WHERE e.level <= 2)::int AS bad FROM evaluation e WHERE ${Prisma.join(where, " AND ")}`;
  return { ratings: row?.ratings ?? 0, bad: row?.bad ?? 0 };
}

/**
 * p90 (and the exact mean, as a check) of working days used by the cases completed in the slice. Cases without a
 * pause are grouped by region and day pair in SQL; cases with pauses come with their pauses.
 */
export async function workingDaysPercentiles(
  slice: Slice,
): Promise<{ completed: number; p90: number | null; p50: number | null; mean: number | null }> {
  const where = [
    Prisma.raw(`c.status IN ${statusListSql(CONCLUDED_STATUSES)}`),
    Prisma.sql`c.accepted_at IS NOT NULL`,
    Prisma.sql`c.completed_at >= ${chinaDayStart(slice.from)}`,
    Prisma.sql`c.completed_at < ${chinaDayEnd(slice.to)}`,
    ...caseWhere(slice),
  ];
  const groups = await db().$queryRaw<
    { region_code: string; accepted_on: string; completed_on: string; pauses: string | null; n: number }[]
  >`
    SELECT c.region_code,
           to_char(${Prisma.raw(chinaDateSql("c.accepted_at"))}, 'YYYY-MM-DD') AS accepted_on,
           to_char(${Prisma.raw(chinaDateSql("c.completed_at"))}, 'YYYY-MM-DD') AS completed_on,
           p.pauses,
           count(*)::int AS n
    FROM case_record c
    -- Pauses aggregated once per paused case and hash-joined (a per-row subquery costs an index probe per case).
    LEFT JOIN (
      SELECT case_id, json_agg(json_build_array(started_at, ended_at) ORDER BY started_at)::text AS pauses FROM case_pause GROUP BY case_id
    ) p ON p.case_id = c.id
    WHERE ${Prisma.join(where, " AND ")}
    GROUP BY 1, 2, 3, 4`;
  const calendarOf = calendarCache();
  const histogram = new Map<number, number>();
  let total = 0;
  let sum = 0;
  for (const group of groups) {
    const calendar = await calendarOf(group.region_code);
    const raw = group.pauses ? (JSON.parse(group.pauses) as [string, string | null][]) : [];
    const pauses = pausesAsDays(
      raw.map(([startedAt, endedAt]) => ({
        startedAt: new Date(startedAt),
        endedAt: endedAt ? new Date(endedAt) : null,
      })),
    );
    const used = workingDaysUsed(calendar, group.accepted_on, group.completed_on, pauses);
    histogram.set(used, (histogram.get(used) ?? 0) + group.n);
    total += group.n;
    sum += used * group.n;
  }
  return {
    completed: total,
    p90: percentileOfHistogram(histogram, 0.9),
    p50: percentileOfHistogram(histogram, 0.5),
    mean: total > 0 ? sum / total : null,
  };
}

export type DashboardFigures = Awaited<ReturnType<typeof dashboardFigures>>;

/** Every figure of the dashboard except the p90 (see {@link workingDaysPercentiles}), for a resolved slice. */
export async function dashboardFigures(slice: Slice, now: Date = new Date()) {
  const [totals, open, rated, rectification, freshness] = await Promise.all([
    sums(slice),
    warnings(slice),
    ratings(slice),
    countRectificationFigures(slice, now),
    db().$queryRaw<{ at: Date | null }[]>`SELECT max(updated_at) AS at FROM case_stats_daily`,
  ]);
  return {
    slice,
    asOf: freshness[0]?.at ?? null,
    dueSoon: open.dueSoon,
    overdue: open.overdue,
    ...totals,
    onTimeRate: rate(totals.completedOnTime, totals.completed),
    averageWorkingDays: totals.completed > 0 ? totals.workingDaysUsed / totals.completed : null,
    averagePromisedDays: totals.completed > 0 ? totals.promisedDays / totals.completed : null,
    supplementRate: rate(totals.supplementRequested, totals.received),
    notAcceptedRate: rate(totals.rejectedAtIntake, totals.received),
    deniedRate: rate(totals.denied, totals.completed),
    withdrawnRate: rate(totals.withdrawn, totals.received),
    ratings: rated.ratings,
    badRatings: rated.bad,
    badRatingRate: rate(rated.bad, rated.ratings),
    rectifications: rectification,
  };
}

/** The platform view's table: per department, the volumes and rates of the slice and the open warnings now. */
export async function departmentBreakdown(slice: Slice) {
  const [stats, open] = await Promise.all([
    db().$queryRaw<{ id: string; received: number; completed: number; on_time: number; used: number }[]>`
      SELECT s.department_id::text AS id, sum(s.received)::int AS received, sum(s.completed)::int AS completed,
             sum(s."completedOnTime")::int AS on_time, sum(s.working_days_used)::int AS used
      FROM case_stats_daily s WHERE ${statsWhere(slice)} GROUP BY s.department_id`,
    db().$queryRaw<{ id: string; due_soon: number; overdue: number }[]>`
      SELECT c.department_id::text AS id, count(*) FILTER (WHERE c.warning = 'YELLOW')::int AS due_soon, count(*) FILTER (WHERE c.warning = 'RED')::int AS overdue
      FROM case_record c
      WHERE ${Prisma.join([Prisma.raw(`c.status IN ${statusListSql(DECIDING_STATUSES)}`), Prisma.sql`c.warning IN ('YELLOW', 'RED')`, ...caseWhere(slice)], " AND ")}
      GROUP BY c.department_id`,
  ]);
  const ids = [...new Set([...stats.map((row) => row.id), ...open.map((row) => row.id)])];
  const departments = await db().department.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, nameEn: true, code: true, regionCode: true },
  });
  const openOf = new Map(open.map((row) => [row.id, row]));
  const statsOf = new Map(stats.map((row) => [row.id, row]));
  return departments
    .map((department) => {
      const figures = statsOf.get(department.id);
      const warningsNow = openOf.get(department.id);
      return {
        ...department,
        received: figures?.received ?? 0,
        completed: figures?.completed ?? 0,
        onTimeRate: rate(figures?.on_time ?? 0, figures?.completed ?? 0),
        averageWorkingDays: figures && figures.completed > 0 ? figures.used / figures.completed : null,
        dueSoon: warningsNow?.due_soon ?? 0,
        overdue: warningsNow?.overdue ?? 0,
      };
    })
    .sort((a, b) => b.overdue - a.overdue || b.received - a.received || a.code.localeCompare(b.code));
}

/** Departments a supervisor can pick (top-level and sub-units), for the filter; a department admin's own. */
export async function departmentOptions(actor: Actor) {
  const scope = departmentScope(actor, "supervision.view");
  // A scope of no department (`{ in: [] }`): refused, as `resolveSlice` refuses the same actors, not an empty list.
  if (typeof scope.departmentId === "object") assertCan(actor, "supervision.view");
  return db().department.findMany({
    where: { id: scope.departmentId },
    select: { id: true, name: true, nameEn: true, regionCode: true },
    orderBy: [{ regionCode: "asc" }, { sortOrder: "asc" }, { name: "asc" }],
  });
}

export async function regionOptions() {
  return db().region.findMany({
    select: { code: true, name: true, nameEn: true, level: true },
    orderBy: { code: "asc" },
  });
}
