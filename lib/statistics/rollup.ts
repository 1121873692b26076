import "server-only";
import { loadCalendar } from "../calendar/load";
import { chinaDate, chinaDateSql, dateColumnToIso } from "../calendar/china-time";
import type { WorkingCalendar } from "../calendar/working-days";
import { pausesAsDays } from "../cases/deadline";
import { CONCLUDED_STATUSES, statusListSql } from "../cases/state-machine";
import { db } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { workingDaysUsed } from "./durations";
import { invalidatePublicContent, PUBLIC_TAGS } from "../cache/public-cache";

/**
 * The daily case figures (case_stats_daily), one row per day × department × item × region × channel, so the
 * dashboard and the statistics read thousands of rows instead of a million cases. Days are calendar days in China.
 * Which day a case counts on depends on the figure:
 *
 * - by the day it was submitted (the cohort received that day): received, supplementRequested (at least one
 *   补正 request, before or after acceptance), rejectedAtIntake (不予受理), withdrawn (撤回);
 * - by the day it was accepted: accepted;
 * - by the day its clock ended with a decision (办结: COMPLETED, DELIVERED or DENIED, on `completedAt`):
 *   completed, completedOnTime (completed on or before its promised due date), denied (不予许可), and
 *   workingDaysUsed (sum of working days from acceptance to completion, pauses excluded; lib/statistics/durations).
 *
 * A day is always recomputed as a whole from the cases (delete the day's rows, insert fresh ones), so running it
 * twice changes nothing, and a case that moved to another department or changed state is counted right.
 */

type CountRow = {
  day: Date;
  department_id: string;
  service_item_id: string;
  region_code: string;
  channel: "ONLINE" | "WINDOW";
  received: number;
  accepted: number;
  completed: number;
  completed_on_time: number;
  supplement_requested: number;
  rejected_at_intake: number;
  denied: number;
  withdrawn: number;
};

type StatsRow = Omit<CountRow, "day"> & { day: string; working_days_used: number };

const keyOf = (row: {
  day: string;
  department_id: string;
  service_item_id: string;
  region_code: string;
  channel: string;
}) => `${row.day}|${row.department_id}|${row.service_item_id}|${row.region_code}|${row.channel}`;

/** Counts per group for the given days (null: every day), in one pass over the cases. */
async function countRows(days: string[] | null): Promise<CountRow[]> {
  const daysFilter =
    days === null
      ? "TRUE"
      : `(${chinaDateSql("c.submitted_at")} = ANY($1::date[]) OR ${chinaDateSql("c.accepted_at")} = ANY($1::date[]) OR ${chinaDateSql("c.completed_at")} = ANY($1::date[]))`;
  const inDays = (column: string) => (days === null ? `${column} IS NOT NULL` : `${column} = ANY($1::date[])`);
  const sql = `
    WITH c AS (
      SELECT c.id, c.department_id, c.service_item_id, c.region_code, c.channel, c.status, c.due_date,
             ${chinaDateSql("c.submitted_at")} AS sday, ${chinaDateSql("c.accepted_at")} AS aday, ${chinaDateSql("c.completed_at")} AS cday
      FROM case_record c
      WHERE ${daysFilter}
    ), facts AS (
      SELECT sday AS day, department_id, service_item_id, region_code, channel,
             1 AS received, 0 AS accepted, 0 AS completed, 0 AS completed_on_time,
             -- Uncorrelated, so PostgreSQL hashes the supplement requests once instead of probing per case.
             CASE WHEN id IN (SELECT e.case_id FROM case_event e WHERE e.action = 'requestSupplement') THEN 1 ELSE 0 END AS supplement_requested,
             CASE WHEN status = 'REJECTED_AT_INTAKE' THEN 1 ELSE 0 END AS rejected_at_intake,
             0 AS denied,
             CASE WHEN status = 'WITHDRAWN' THEN 1 ELSE 0 END AS withdrawn
      FROM c WHERE ${inDays("sday")}
      UNION ALL
      SELECT aday, department_id, service_item_id, region_code, channel, 0, 1, 0, 0, 0, 0, 0, 0
      FROM c WHERE ${inDays("aday")}
      UNION ALL
      SELECT cday, department_id, service_item_id, region_code, channel, 0, 0, 1,
             CASE WHEN due_date IS NULL OR cday <= due_date THEN 1 ELSE 0 END, 0, 0,
             CASE WHEN status = 'DENIED' THEN 1 ELSE 0 END, 0
      FROM c WHERE ${inDays("cday")} AND status IN ${statusListSql(CONCLUDED_STATUSES)}
    )
    SELECT day, department_id::text AS department_id, service_item_id::text AS service_item_id, region_code, channel::text AS channel,
           sum(received)::int AS received, sum(accepted)::int AS accepted, sum(completed)::int AS completed,
           sum(completed_on_time)::int AS completed_on_time, sum(supplement_requested)::int AS supplement_requested,
           sum(rejected_at_intake)::int AS rejected_at_intake, sum(denied)::int AS denied, sum(withdrawn)::int AS withdrawn
    FROM facts
    GROUP BY day, department_id, service_item_id, region_code, channel`;
  return days === null ? db().$queryRawUnsafe<CountRow[]>(sql) : db().$queryRawUnsafe<CountRow[]>(sql, days);
}

/** One calendar per region for the whole run (loadCalendar's React cache does not apply outside a request). */
export function calendarCache(): (regionCode: string) => Promise<WorkingCalendar> {
  const cache = new Map<string, Promise<WorkingCalendar>>();
  return (regionCode) => {
    let calendar = cache.get(regionCode);
    if (!calendar) cache.set(regionCode, (calendar = loadCalendar(regionCode)));
    return calendar;
  };
}

export type CompletedCase = {
  id: string;
  day: string;
  department_id: string;
  service_item_id: string;
  region_code: string;
  channel: string;
  accepted_at: Date;
  completed_at: Date;
  due_date: Date | null;
  pauses: [string, string | null][] | null;
};

/**
 * The completed cases (COMPLETED, DELIVERED, DENIED with an acceptance) whose completion day matches `where`, in
 * id order by keyset on the primary key, so a full pass over a million cases reads the table once.
 */
export async function* completedCases(
  where: string,
  params: unknown[],
  batchSize = 5000,
): AsyncGenerator<CompletedCase[]> {
  let lastId = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await db().$queryRawUnsafe<CompletedCase[]>(
      `SELECT c.id::text AS id, to_char(${chinaDateSql("c.completed_at")}, 'YYYY-MM-DD') AS day, c.department_id::text AS department_id,
              c.service_item_id::text AS service_item_id, c.region_code, c.channel::text AS channel, c.accepted_at, c.completed_at, c.due_date,
              NULL::json AS pauses
       FROM case_record c
       WHERE c.id > $1::uuid AND c.status IN ${statusListSql(CONCLUDED_STATUSES)} AND c.accepted_at IS NOT NULL AND c.completed_at IS NOT NULL AND (${where})
       ORDER BY c.id
       LIMIT ${batchSize}`,
      lastId,
      ...params,
    );
    if (batch.length === 0) return;
    // The batch's pauses in one query (a per-row subquery costs an index probe per case).
    const pauses = await db().$queryRaw<{ case_id: string; started_at: Date; ended_at: Date | null }[]>`
      SELECT case_id::text AS case_id, started_at, ended_at FROM case_pause WHERE case_id = ANY(${batch.map((row) => row.id)}::uuid[]) ORDER BY started_at`;
    const pausesOf = new Map<string, [string, string | null][]>();
    for (const pause of pauses)
      pausesOf.set(pause.case_id, [
        ...(pausesOf.get(pause.case_id) ?? []),
        [pause.started_at.toISOString(), pause.ended_at?.toISOString() ?? null],
      ]);
    for (const row of batch) row.pauses = pausesOf.get(row.id) ?? null;
    yield batch;
    lastId = batch.at(-1)?.id ?? lastId;
    if (batch.length < batchSize) return;
  }
}

/** Working days a completed case used (acceptance → completion, pauses excluded). */
export async function usedDays(
  row: Pick<CompletedCase, "region_code" | "accepted_at" | "completed_at" | "pauses">,
  calendarOf: (regionCode: string) => Promise<WorkingCalendar>,
): Promise<number> {
  const calendar = await calendarOf(row.region_code);
  const pauses = pausesAsDays(
    (row.pauses ?? []).map(([startedAt, endedAt]) => ({
      startedAt: new Date(startedAt),
      endedAt: endedAt ? new Date(endedAt) : null,
    })),
  );
  return workingDaysUsed(calendar, chinaDate(row.accepted_at), chinaDate(row.completed_at), pauses);
}

async function workingDaysByGroup(days: string[] | null): Promise<Map<string, number>> {
  const calendarOf = calendarCache();
  const sums = new Map<string, number>();
  const where = days === null ? "TRUE" : `${chinaDateSql("c.completed_at")} = ANY($2::date[])`;
  for await (const batch of completedCases(where, days === null ? [] : [days])) {
    for (const row of batch) {
      const key = keyOf(row);
      sums.set(key, (sums.get(key) ?? 0) + (await usedDays(row, calendarOf)));
    }
  }
  return sums;
}

export type RollupResult = { days: number; rows: number; full: boolean };

/**
 * Recomputes the given days (null: rebuild everything) and replaces their rows in one transaction. An advisory
 * lock serialises concurrent runs (several app instances), so two never interleave their delete and insert.
 */
export async function recomputeDays(
  days: string[] | null,
  { now = new Date() }: { now?: Date } = {},
): Promise<RollupResult> {
  if (days !== null && days.length === 0) return { days: 0, rows: 0, full: false };
  let rows: StatsRow[] = [];
  await db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('onewindow.case_stats_daily'))`;
      // Read the cases only once the lock is held, so a slower concurrent run cannot overwrite fresher figures.
      const [counts, used] = await Promise.all([countRows(days), workingDaysByGroup(days)]);
      rows = counts.map((row) => {
        const day = dateColumnToIso(row.day);
        const base = { ...row, day };
        return { ...base, working_days_used: used.get(keyOf(base)) ?? 0 };
      });
      if (days === null) await tx.$executeRaw`DELETE FROM case_stats_daily`;
      else await tx.$executeRaw`DELETE FROM case_stats_daily WHERE day = ANY(${days}::date[])`;
      for (let start = 0; start < rows.length; start += 5000) {
        const chunk = rows.slice(start, start + 5000);
        await tx.$executeRaw`
          INSERT INTO case_stats_daily (day, department_id, service_item_id, region_code, channel, received, accepted, completed, "completedOnTime",
            supplement_requested, rejected_at_intake, denied, withdrawn, working_days_used, updated_at)
          SELECT r.day, r.department_id, r.service_item_id, r.region_code, r.channel::"CaseChannel", r.received, r.accepted, r.completed, r.completed_on_time,
            r.supplement_requested, r.rejected_at_intake, r.denied, r.withdrawn, r.working_days_used, ${now}
          FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS r(day date, department_id uuid, service_item_id uuid, region_code text, channel text,
            received int, accepted int, completed int, completed_on_time int, supplement_requested int, rejected_at_intake int, denied int, withdrawn int,
            working_days_used int)`;
      }
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  // The statistics and satisfaction pages show these figures (the jobs process runs this; web instances follow the store).
  await invalidatePublicContent([PUBLIC_TAGS.statistics]);
  return {
    days: days === null ? new Set(rows.map((row) => row.day)).size : days.length,
    rows: rows.length,
    full: days === null,
  };
}

/** Rebuilds the whole table from the cases (the benchmark data, or after a restore). */
export function rebuildCaseStats(options: { now?: Date } = {}): Promise<RollupResult> {
  return recomputeDays(null, options);
}

/** How far back before the last run the next one looks again, for transactions that were still open then. */
const OVERLAP_MS = 5 * 60_000;

/**
 * One incremental run: the days touched by cases changed since the last run (their submission, acceptance and
 * completion days) are recomputed. The last run's time is the newest `updated_at` of the table itself, so nothing
 * else has to be stored; an empty table is rebuilt in full.
 */
export async function refreshCaseStats({ now = new Date() }: { now?: Date } = {}): Promise<RollupResult> {
  const [last] = await db().$queryRaw<{ at: Date | null }[]>`SELECT max(updated_at) AS at FROM case_stats_daily`;
  if (!last?.at) return rebuildCaseStats({ now });
  const since = new Date(last.at.getTime() - OVERLAP_MS);
  const touched = await db().$queryRaw<{ day: string }[]>`
    SELECT DISTINCT to_char(d, 'YYYY-MM-DD') AS day
    FROM case_record c
    CROSS JOIN LATERAL (VALUES (${Prisma.raw(chinaDateSql("c.submitted_at"))}), (${Prisma.raw(chinaDateSql("c.accepted_at"))}),
                               (${Prisma.raw(chinaDateSql("c.completed_at"))})) AS v(d)
    WHERE c.updated_at > ${since} AND d IS NOT NULL`;
  return recomputeDays(
    touched.map((row) => row.day),
    { now },
  );
}
