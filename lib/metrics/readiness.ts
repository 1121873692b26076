import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { jobLagSeconds, signals } from "./signals";

/**
 * The readiness detail for operators (issue 24), served only behind the metrics' protection
 * (lib/metrics/endpoint.ts): the public `/api/health` stays the short liveness/readiness answer for load balancers.
 *
 * It tells what the public answer cannot: whether the database has exactly the migrations this code expects,
 * whether the background jobs of this instance are running and on time, and whether the shared cache store (Redis
 * when REDIS_URL is set, else PostgreSQL's tables) answers. Times are ISO 8601 in UTC: the answer is read by tools
 * and compared with logs, which are in UTC too.
 */

export type MigrationStatus = {
  current: boolean;
  /** Migrations in prisma/migrations that the database has not applied. */
  pending: string[];
  /** Applied migrations this code does not have: the database is newer than the code (a rolling deploy, a rollback). */
  unknown: string[];
  /** Migrations started but neither finished nor rolled back (prisma migrate resolve is needed). */
  failed: string[];
  applied: number;
  expected: number;
};

export type AppliedMigration = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null };

/** Compares the rows of `_prisma_migrations` with the migration folders of the code. */
export function migrationStatus(applied: readonly AppliedMigration[], folders: readonly string[]): MigrationStatus {
  const live = applied.filter((row) => row.rolled_back_at === null);
  const done = new Set(live.filter((row) => row.finished_at !== null).map((row) => row.migration_name));
  const failed = [...new Set(live.filter((row) => row.finished_at === null).map((row) => row.migration_name))].sort();
  const expected = new Set(folders);
  const pending = [...expected].filter((name) => !done.has(name)).sort();
  const unknown = [...done].filter((name) => !expected.has(name)).sort();
  return {
    current: pending.length === 0 && failed.length === 0,
    pending,
    unknown,
    failed,
    applied: done.size,
    expected: expected.size,
  };
}

/** The migration folders of the code (each holds a migration.sql), as `prisma migrate deploy` reads them. */
export function migrationFolders(migrationsDir: string): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

export type JobStatus = {
  name: string;
  intervalSeconds: number;
  running: boolean;
  runs: number;
  failures: number;
  lastStartedAt: string | null;
  lastSucceededAt: string | null;
  lastFailedAt: string | null;
  lagSeconds: number;
  /** On time: its last successful round began within two intervals (or a minute past one, for short intervals). */
  onTime: boolean;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The job loops of this process (lib/jobs/loop.ts), as the jobs process reports them. */
export function jobStatuses(now = Date.now()): JobStatus[] {
  return [...signals().jobs].map(([name, job]) => {
    const lagSeconds = Math.round(jobLagSeconds(job, now));
    return {
      name,
      intervalSeconds: job.intervalSeconds,
      running: job.running,
      runs: job.runs,
      failures: job.failures,
      lastStartedAt: iso(job.lastStartedAt),
      lastSucceededAt: iso(job.lastSucceededAt),
      lastFailedAt: iso(job.lastFailedAt),
      lagSeconds,
      onTime: lagSeconds <= Math.max(job.intervalSeconds, 60),
    };
  });
}

export type CheckResult = { ok: true; ms: number } | { ok: false; ms: number; error: string };

/** Runs a check with a time limit; its error becomes a short message (no stack, no connection settings). */
export async function timedCheck(check: () => Promise<unknown>, timeoutMs = 2000): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
      ),
    ]);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    const text =
      error instanceof Error
        ? `${(error as Error & { code?: string }).code ?? ""} ${error.message}`.trim()
        : String(error);
    return { ok: false, ms: Date.now() - started, error: text.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

export type ReadinessReport = {
  ready: boolean;
  checkedAt: string;
  database: CheckResult;
  migrations: (MigrationStatus & { ok: boolean }) | { ok: false; error: string };
  jobs: { ok: boolean; reachable: boolean; jobs: JobStatus[] };
  cacheStore: CheckResult & { kind: "redis" | "postgresql" };
};

export type ReadinessSources = {
  /** A statement against the app's database (lib/metrics/database.ts). */
  query<Row extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  migrationsDir: string;
  /** The jobs process's job loops, or null when it does not answer (lib/metrics/jobs-link.ts). */
  jobs(): Promise<JobStatus[] | null>;
  /** PING to Redis when REDIS_URL is set; null: the cache store is the database. */
  redisPing: (() => Promise<unknown>) | null;
};

/** Every check at once; `ready` only when all pass. */
export async function readinessReport(sources: ReadinessSources, now = new Date()): Promise<ReadinessReport> {
  const [database, migrations, jobs, cacheStore] = await Promise.all([
    timedCheck(() => sources.query("SELECT 1")),
    (async () => {
      try {
        const applied = await sources.query<AppliedMigration>(
          "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations",
        );
        const status = migrationStatus(applied, migrationFolders(sources.migrationsDir));
        return { ...status, ok: status.current };
      } catch (error) {
        return { ok: false as const, error: (error instanceof Error ? error.message : String(error)).slice(0, 200) };
      }
    })(),
    sources.jobs().catch(() => null),
    sources.redisPing
      ? timedCheck(sources.redisPing).then((result) => ({ ...result, kind: "redis" as const }))
      : // Without Redis the shared rate limits and the ISR cache live in these two tables (lib/http/rate-limit.ts,
        // lib/cache/next-cache-handler.mjs): reachable means they answer.
        timedCheck(() =>
          sources.query(
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM next_cache_entry LIMIT 1) e) + (SELECT count(*) FROM (SELECT 1 FROM rate_limit LIMIT 1) r) AS n",
          ),
        ).then((result) => ({ ...result, kind: "postgresql" as const })),
  ]);
  const jobsPart = { ok: jobs !== null && jobs.every((job) => job.onTime), reachable: jobs !== null, jobs: jobs ?? [] };
  return {
    ready: database.ok && migrations.ok && jobsPart.ok && cacheStore.ok,
    checkedAt: now.toISOString(),
    database,
    migrations,
    jobs: jobsPart,
    cacheStore,
  };
}
