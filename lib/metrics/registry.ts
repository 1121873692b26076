import {
  AggregatorRegistry,
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
} from "prom-client";
import type { DatabaseSnapshot } from "./database";
import { jobLagSeconds, type JobState, type OutcomeKind, signals } from "./signals";

/**
 * The Prometheus metrics of OneWindow (issue 24), one registry per process, all names here.
 *
 * An instance is two processes started by scripts/start.ts: the web server (scripts/server.ts: HTTP, caches, rate
 * limits, its database pool) and the background jobs (scripts/jobs.ts: job rounds, delivery outcomes, its own pool).
 * Each has a registry whose series carry `process="web"` or `process="jobs"`; the web server serves both in one
 * answer (it asks the jobs process over a local socket, lib/metrics/jobs-link.ts), so Prometheus scrapes one address
 * per instance. Several instances are several targets, each reporting its own processes (docs/operations.md).
 *
 * Values recorded in Next.js's bundles and the jobs are read from lib/metrics/signals.ts when scraped; HTTP
 * requests are observed directly (scripts/server.ts loads this module itself). The figures read from the database
 * (backlogs, overdue cases) are the same in every instance: dashboards take max() across instances, not sum()
 * (deploy/grafana/onewindow-dashboard.json does).
 *
 * Labels take values from fixed sets only: route patterns (lib/metrics/routes.ts), methods, status codes, limiter,
 * job, pool, cache and outcome names from the code, channels from the schema's enum, and department codes from
 * the department catalogue. No request address, id, case number or user ever becomes a label.
 */

export type ProcessKind = "web" | "jobs";

/** Latency buckets in seconds: item pages from memory take milliseconds, heavy console pages and exports seconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Methods kept as they are; anything else (WebDAV verbs, garbage) is counted as OTHER. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The fields of each job's round result that are counted (lib/jobs/deadlines.ts, lib/notifications/worker.ts, lib/api/webhooks.ts). */
export const OUTCOMES: Record<OutcomeKind, readonly string[]> = {
  deadline_sweep: ["checked", "changed", "escalated"],
  notification_deliveries: ["sent", "retried", "failed", "skipped"],
  webhook_deliveries: ["sent", "retried", "failed", "skipped"],
};

const PAGE_CACHE_LOOKUPS: readonly [cache: string, result: string][] = [
  ["public_page", "hit"],
  ["public_page", "miss"],
  ["next", "hit"],
  ["next", "stale"],
  ["next", "miss"],
  ["next", "error"],
];

/** The notification channels e-mail and SMS deliveries are queued for (the inbox needs no sending). */
const SENT_CHANNELS = ["EMAIL", "SMS"];

export type BuildInfo = { version: string; revision: string; buildId: string; nodeVersion: string };

export type HttpMetrics = {
  /** A request began; call `end` once with its answer's status (or "aborted"). */
  begin(method: string | undefined, route: string): { end(status: string): void };
};

export type WebMetrics = {
  registry: Registry;
  http: HttpMetrics;
  /** The Prometheus text of this process and, when it answers, the jobs process. */
  exposition(): Promise<string>;
};

export type JobsMetrics = { registry: Registry };

function newRegistry(kind: ProcessKind): Registry {
  // Created here so the ISR cache handler, which can only look for it, finds it (lib/cache/next-cache-handler.mjs).
  signals();
  const registry = new Registry();
  registry.setDefaultLabels({ process: kind });
  // Node.js's own figures (CPU, memory, event-loop lag, GC): prom-client's standard set, per process.
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Connection pools of this process: connections in use and idle, requests waiting for one, and the limit. */
function registerPools(registry: Registry): void {
  new Gauge({
    name: "onewindow_db_pool_connections",
    help: "Database connections of the pool, by state (in_use: lent to a query or transaction; idle).",
    labelNames: ["pool", "state"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, pool] of signals().pools) {
        if (pool.ended) continue;
        this.set({ pool: name, state: "in_use" }, pool.totalCount - pool.idleCount);
        this.set({ pool: name, state: "idle" }, pool.idleCount);
      }
    },
  });
  new Gauge({
    name: "onewindow_db_pool_waiting_requests",
    help: "Queries waiting for a free connection of the pool (above 0: the pool is saturated).",
    labelNames: ["pool"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, pool] of signals().pools) if (!pool.ended) this.set({ pool: name }, pool.waitingCount);
    },
  });
  new Gauge({
    name: "onewindow_db_pool_max_connections",
    help: "Most connections the pool opens.",
    labelNames: ["pool"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, pool] of signals().pools)
        if (!pool.ended && pool.options?.max) this.set({ pool: name }, pool.options.max);
    },
  });
}

/** A counter whose values are kept elsewhere (signals), set from there at each scrape. */
function mirroredCounter(
  registry: Registry,
  config: { name: string; help: string; labelNames: string[] },
  read: () => Iterable<[Record<string, string>, number]>,
): Counter {
  return new Counter({
    ...config,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.inc(labels, value);
    },
  });
}

/** The web server's registry. `database` gives the figures read from the database (none without one). */
export function createWebMetrics({
  build,
  database,
  jobsProcess,
}: {
  build: BuildInfo;
  database?: { snapshot(): Promise<DatabaseSnapshot | null> };
  /** The jobs process's metrics, or null when it does not answer. */
  jobsProcess?: () => Promise<MetricObjectWithValues<MetricValue<string>>[] | null>;
}): WebMetrics {
  const registry = newRegistry("web");
  registerPools(registry);

  const requests = new Counter({
    name: "onewindow_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status (aborted: the client left before the answer).",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "onewindow_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its answer, by method, route pattern and status.",
    labelNames: ["method", "route", "status"],
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: "onewindow_http_requests_in_flight",
    help: "Requests being answered now.",
    registers: [registry],
  });

  mirroredCounter(
    registry,
    {
      name: "onewindow_page_cache_lookups_total",
      help: "Page cache lookups, by cache (public_page: anonymous public pages, lib/cache/public-pages.ts; next: the shared ISR cache) and result.",
      labelNames: ["cache", "result"],
    },
    function* () {
      const counts = signals().pageCache;
      const seen = new Set<string>();
      for (const [cache, result] of PAGE_CACHE_LOOKUPS) {
        seen.add(`${cache}\u0000${result}`);
        yield [{ cache, result }, counts.get(`${cache}\u0000${result}`) ?? 0];
      }
      for (const [key, value] of counts) {
        if (seen.has(key)) continue;
        const [cache = "", result = ""] = key.split("\u0000");
        yield [{ cache, result }, value];
      }
    },
  );
  mirroredCounter(
    registry,
    {
      name: "onewindow_rate_limit_refusals_total",
      help: "Requests refused by a rate limit (429) or the sign-in throttle, by limiter.",
      labelNames: ["limiter"],
    },
    function* () {
      for (const [limiter, value] of signals().rateLimitRefusals) yield [{ limiter }, value];
    },
  );

  new Gauge({
    name: "onewindow_build_info",
    help: "The running build: package version, source revision, Next.js build id and Node.js version (value 1).",
    labelNames: ["version", "revision", "build_id", "node_version"],
    registers: [registry],
  }).set(
    { version: build.version, revision: build.revision, build_id: build.buildId, node_version: build.nodeVersion },
    1,
  );

  const jobsUp = new Gauge({
    name: "onewindow_jobs_process_up",
    help: "1 when this instance's background-jobs process answered the scrape, else 0.",
    registers: [registry],
  });

  if (database) registerDatabaseGauges(registry, database);

  return {
    registry,
    http: {
      begin(method, route) {
        const started = process.hrtime.bigint();
        inFlight.inc();
        let ended = false;
        return {
          end(status) {
            if (ended) return;
            ended = true;
            inFlight.dec();
            const labels = { method: method && METHODS.has(method) ? method : "OTHER", route, status };
            requests.inc(labels);
            duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    },
    async exposition() {
      const jobs = jobsProcess ? await jobsProcess().catch(() => null) : null;
      jobsUp.set(jobs ? 1 : 0);
      if (!jobs) return registry.metrics();
      // The two processes' series differ by their `process` label, so "sum" only puts them side by side.
      const own = await registry.getMetricsAsJSON();
      const side = (list: MetricObjectWithValues<MetricValue<string>>[]) =>
        list.map((metric) => ({ ...metric, aggregator: "sum" as const }));
      return AggregatorRegistry.aggregate([side(own), side(jobs)]).metrics();
    },
  };
}

/** Backlogs and overdue cases, read from the database at scrape time (lib/metrics/database.ts caches them briefly). */
function registerDatabaseGauges(registry: Registry, database: { snapshot(): Promise<DatabaseSnapshot | null> }): void {
  new Gauge({
    name: "onewindow_metrics_database_up",
    help: "1 when the figures read from the database at this scrape could be read, else 0.",
    registers: [registry],
    async collect() {
      this.set((await database.snapshot()) ? 1 : 0);
    },
  });
  const gauge = (
    name: string,
    help: string,
    labelNames: string[],
    fill: (gauge: Gauge, snapshot: DatabaseSnapshot) => void,
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const snapshot = await database.snapshot();
        this.reset();
        // Unreadable: no value rather than an old one (a gauge without labels always has a value: NaN says unknown).
        if (snapshot) fill(this, snapshot);
        else if (labelNames.length === 0) this.set(Number.NaN);
      },
    });
  gauge(
    "onewindow_notification_deliveries_pending",
    "E-mail and SMS deliveries waiting to be sent (including retries), by channel.",
    ["channel"],
    (g, s) => {
      for (const channel of new Set([...SENT_CHANNELS, ...Object.keys(s.notifications.pending)]))
        g.set({ channel }, s.notifications.pending[channel] ?? 0);
    },
  );
  gauge(
    "onewindow_notification_deliveries_failed",
    "Deliveries given up after NOTIFY_MAX_ATTEMPTS, by channel (all time).",
    ["channel"],
    (g, s) => {
      for (const channel of new Set([...SENT_CHANNELS, ...Object.keys(s.notifications.failed)]))
        g.set({ channel }, s.notifications.failed[channel] ?? 0);
    },
  );
  gauge(
    "onewindow_notification_oldest_due_seconds",
    "Age of the oldest notification delivery that is due and not yet sent (0: none waiting).",
    [],
    (g, s) => g.set(s.notifications.oldestDueSeconds),
  );
  gauge(
    "onewindow_webhook_deliveries_pending",
    "Webhook deliveries waiting to be sent (including retries).",
    [],
    (g, s) => g.set(s.webhooks.pending),
  );
  gauge(
    "onewindow_webhook_deliveries_failed",
    "Webhook deliveries given up after WEBHOOK_MAX_ATTEMPTS and not sent again since (all time).",
    [],
    (g, s) => g.set(s.webhooks.failed),
  );
  gauge(
    "onewindow_webhook_oldest_due_seconds",
    "Age of the oldest webhook delivery that is due and not yet sent (0: none waiting).",
    [],
    (g, s) => g.set(s.webhooks.oldestDueSeconds),
  );
  // A department that had overdue cases stays at 0 once it has none, rather than vanishing, so graphs and
  // rate() see it fall.
  const seen = new Map<string, string>();
  gauge(
    "onewindow_cases_overdue",
    "Open cases past their promised deadline (the deadline job's red warning), by department.",
    ["department", "department_name"],
    (g, s) => {
      const current = new Map(s.overdue.map((row) => [row.department, row]));
      for (const row of s.overdue) seen.set(row.department, row.name);
      for (const [department, name] of seen)
        g.set(
          { department, department_name: current.get(department)?.name ?? name },
          current.get(department)?.cases ?? 0,
        );
    },
  );
}

/** The jobs process's registry: every job loop's rounds (lib/jobs/loop.ts) and the outcomes the jobs report. */
export function createJobsMetrics(): JobsMetrics {
  const registry = newRegistry("jobs");
  registerPools(registry);
  const jobs = () => signals().jobs;
  mirroredCounter(
    registry,
    {
      name: "onewindow_job_runs_total",
      help: "Rounds a background job finished (successful or not).",
      labelNames: ["job_name"],
    },
    function* () {
      for (const [name, job] of jobs()) yield [{ job_name: name }, job.runs];
    },
  );
  mirroredCounter(
    registry,
    {
      name: "onewindow_job_failures_total",
      help: "Rounds of a background job that failed (logged with the error).",
      labelNames: ["job_name"],
    },
    function* () {
      for (const [name, job] of jobs()) yield [{ job_name: name }, job.failures];
    },
  );
  mirroredCounter(
    registry,
    {
      name: "onewindow_job_duration_seconds_total",
      help: "Time spent in a background job's rounds (divide by runs for the mean).",
      labelNames: ["job_name"],
    },
    function* () {
      for (const [name, job] of jobs()) yield [{ job_name: name }, job.durationSecondsTotal];
    },
  );
  const jobGauge = (name: string, help: string, value: (job: JobState, now: number) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ["job_name"],
      registers: [registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const [jobName, job] of jobs()) {
          const v = value(job, now);
          if (v !== null) this.set({ job_name: jobName }, v);
        }
      },
    });
  jobGauge(
    "onewindow_job_lag_seconds",
    "How late a background job is: time since its last successful round began, beyond one interval (0: on time).",
    (job, now) => jobLagSeconds(job, now),
  );
  jobGauge(
    "onewindow_job_last_success_timestamp_seconds",
    "When the last successful round of a background job began (Unix time).",
    (job) => (job.lastSucceededAt === null ? null : job.lastSucceededAt / 1000),
  );
  jobGauge(
    "onewindow_job_last_duration_seconds",
    "How long the last round of a background job took.",
    (job) => job.lastDurationSeconds,
  );
  jobGauge(
    "onewindow_job_interval_seconds",
    "How often a background job runs (its *_JOB_SECONDS setting).",
    (job) => job.intervalSeconds,
  );
  jobGauge("onewindow_job_running", "1 while a round of the background job is in progress.", (job) =>
    job.running ? 1 : 0,
  );
  const outcomeCounter = (kind: OutcomeKind, name: string, help: string) =>
    mirroredCounter(registry, { name, help, labelNames: ["outcome"] }, function* () {
      const counts = signals().outcomes.get(kind);
      for (const outcome of OUTCOMES[kind]) yield [{ outcome }, counts?.get(outcome) ?? 0];
    });
  outcomeCounter(
    "deadline_sweep",
    "onewindow_deadline_sweep_cases_total",
    "Cases the deadline sweep checked, changed (new warning or due date) and escalated (turned yellow or red).",
  );
  outcomeCounter(
    "notification_deliveries",
    "onewindow_notification_deliveries_total",
    "E-mail and SMS delivery attempts by outcome (failed: given up after the last attempt).",
  );
  outcomeCounter(
    "webhook_deliveries",
    "onewindow_webhook_deliveries_total",
    "Webhook delivery attempts by outcome (failed: given up after the last attempt).",
  );
  return { registry };
}

/**
 * Every series the two registries can emit, with the label names each carries (histograms with their _bucket,
 * _sum and _count series, `le` on buckets; every series has the default label `process`), for the test that keeps
 * the dashboard and the alert rules in step with the code.
 */
export async function exportedSeries(): Promise<Map<string, Set<string>>> {
  const build: BuildInfo = { version: "0", revision: "0", buildId: "0", nodeVersion: "0" };
  const web = createWebMetrics({ build, database: { snapshot: async () => null } });
  const series = new Map<string, Set<string>>();
  for (const registry of [web.registry, createJobsMetrics().registry]) {
    for (const { name, type } of await registry.getMetricsAsJSON()) {
      const labels = new Set([
        "process",
        ...((registry.getSingleMetric(name) as unknown as { labelNames?: string[] }).labelNames ?? []),
      ]);
      // prom-client's typings declare a numeric enum; at run time the type is its name.
      if (["histogram", "summary"].includes(String(type))) {
        series.set(`${name}_bucket`, new Set([...labels, "le"]));
        series.set(`${name}_sum`, labels);
        series.set(`${name}_count`, labels);
        if (String(type) === "summary") series.set(name, new Set([...labels, "quantile"]));
      } else series.set(name, labels);
    }
  }
  return series;
}
