import "server-only";
import { hostname } from "node:os";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { env } from "../env";
import { logger } from "../logger";
import type { JobRound } from "./loop";

/**
 * The background jobs as the administration sees them (/admin/jobs): each job loop (lib/jobs/loop.ts) reports its
 * rounds here and they are kept in `job_state`, one row per job and instance, so an administrator sees what runs,
 * where, whether it is on time and what failed, whichever instance ran it (the metrics and the readiness detail
 * show one instance each, to operators).
 */

/** Every job the jobs process starts (scripts/jobs.ts), with the message key of what it does. */
export const BACKGROUND_JOBS = {
  deadlines: "jobs.what.deadlines",
  notifications: "jobs.what.notifications",
  webhooks: "jobs.what.webhooks",
  statistics: "jobs.what.statistics",
  "audit-seal": "jobs.what.auditSeal",
  "draft-expiry": "jobs.what.draftExpiry",
  "booking-attendance": "jobs.what.bookingAttendance",
  "licence-expiry": "jobs.what.licenceExpiry",
  popularity: "jobs.what.popularity",
  "token-purge": "jobs.what.tokenPurge",
} as const;

/** Successes are written at most this often; failures, and the first success after one, always. */
const SUCCESS_WRITE_MS = 60_000;

type Pending = { runs: number; failures: number; lastWritten: number; lastOk: boolean | null };
const pending = new Map<string, Pending>();

/** This instance as the table names it: host and port (one instance per port on a machine). */
export function jobInstance(): string {
  return `${hostname()}:${env().PORT}`.slice(0, 255);
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").slice(0, 1000);
}

/**
 * Records one round. Never throws: a job's round is not failed because its record could not be written (the
 * database may be the very thing that is down); the next write carries the counts.
 */
export async function recordJobRound(
  round: JobRound,
  { instance = jobInstance(), now = Date.now() }: { instance?: string; now?: number } = {},
): Promise<void> {
  const key = `${round.name}\u0000${instance}`;
  const state = pending.get(key) ?? { runs: 0, failures: 0, lastWritten: 0, lastOk: null };
  pending.set(key, state);
  state.runs += 1;
  if (!round.ok) state.failures += 1;
  const due = !round.ok || state.lastOk !== true || now - state.lastWritten >= SUCCESS_WRITE_MS;
  state.lastOk = round.ok;
  if (!due) return;
  const { runs, failures } = state;
  try {
    const startedAt = new Date(round.startedAt);
    const finishedAt = new Date(round.finishedAt);
    await db().$executeRaw`
      INSERT INTO job_state (name, instance, interval_seconds, runs, failures, consecutive_failures, last_started_at,
                             last_succeeded_at, last_failed_at, last_error, updated_at)
      VALUES (${round.name}, ${instance}, ${round.intervalSeconds}, ${runs}, ${failures}, ${round.ok ? 0 : 1},
              ${startedAt}, ${round.ok ? finishedAt : null}, ${round.ok ? null : finishedAt},
              ${round.ok ? null : errorText(round.error)}, now())
      ON CONFLICT (name, instance) DO UPDATE SET
        interval_seconds = EXCLUDED.interval_seconds,
        runs = job_state.runs + EXCLUDED.runs,
        failures = job_state.failures + EXCLUDED.failures,
        consecutive_failures = CASE WHEN ${round.ok} THEN 0 ELSE job_state.consecutive_failures + 1 END,
        last_started_at = EXCLUDED.last_started_at,
        last_succeeded_at = COALESCE(EXCLUDED.last_succeeded_at, job_state.last_succeeded_at),
        last_failed_at = COALESCE(EXCLUDED.last_failed_at, job_state.last_failed_at),
        last_error = COALESCE(EXCLUDED.last_error, job_state.last_error),
        updated_at = now()`;
    state.runs -= runs;
    state.failures -= failures;
    state.lastWritten = now;
  } catch (err) {
    logger.debug({ component: "jobs", err, job: round.name }, "job state not recorded");
  }
}

export type JobHealth = "ok" | "failing" | "late" | "neverRan";

export type JobStateRow = {
  name: string;
  what: string | null;
  instance: string | null;
  intervalSeconds: number | null;
  runs: number;
  failures: number;
  consecutiveFailures: number;
  lastStartedAt: Date | null;
  lastSucceededAt: Date | null;
  lastFailedAt: Date | null;
  lastError: string | null;
  health: JobHealth;
};

/**
 * A job is late when its last round began longer ago than two intervals, or its interval plus two minutes for short
 * ones (successes are written once a minute).
 */
export function jobHealth(
  row: { intervalSeconds: number; consecutiveFailures: number; lastStartedAt: Date | null },
  now: Date,
): JobHealth {
  if (row.consecutiveFailures > 0) return "failing";
  if (!row.lastStartedAt) return "neverRan";
  const limitMs = Math.max(2 * row.intervalSeconds, row.intervalSeconds + 120) * 1000;
  return now.getTime() - row.lastStartedAt.getTime() > limitMs ? "late" : "ok";
}

/** Every known job with each instance's state, and any other job that reported; platform administrators only. */
export async function listJobStates(actor: Actor | null, now = new Date()): Promise<JobStateRow[]> {
  assertCan(actor, "system.jobs.view");
  const rows = await db().jobState.findMany({ orderBy: [{ name: "asc" }, { instance: "asc" }] });
  const known = BACKGROUND_JOBS as Record<string, string>;
  const reported = new Set(rows.map((row) => row.name));
  const states: JobStateRow[] = rows.map((row) => ({
    name: row.name,
    what: known[row.name] ?? null,
    instance: row.instance,
    intervalSeconds: row.intervalSeconds,
    runs: row.runs,
    failures: row.failures,
    consecutiveFailures: row.consecutiveFailures,
    lastStartedAt: row.lastStartedAt,
    lastSucceededAt: row.lastSucceededAt,
    lastFailedAt: row.lastFailedAt,
    lastError: row.lastError,
    health: jobHealth(row, now),
  }));
  for (const name of Object.keys(known))
    if (!reported.has(name))
      states.push({
        name,
        what: known[name] ?? null,
        instance: null,
        intervalSeconds: null,
        runs: 0,
        failures: 0,
        consecutiveFailures: 0,
        lastStartedAt: null,
        lastSucceededAt: null,
        lastFailedAt: null,
        lastError: null,
        health: "neverRan",
      });
  return states.sort((a, b) => a.name.localeCompare(b.name) || (a.instance ?? "").localeCompare(b.instance ?? ""));
}
