// The background work of one app instance, in one process started by scripts/start.ts beside the Next.js server
// with the same environment (DATABASE_URL resolved). Every loop is safe to run in every instance (rows are taken
// with FOR UPDATE SKIP LOCKED or recomputed idempotently):
// - the deadline job (lib/jobs/deadlines.ts), every CASE_DEADLINE_JOB_SECONDS, and the hourly expiry of old drafts;
// - the notification worker (lib/notifications/worker.ts): case events, draft reminders and bookings →
//   notifications, e-mail and SMS deliveries with retries, every NOTIFY_JOB_SECONDS;
// - the webhook loop (lib/api/webhooks.ts): case events → signed department webhook deliveries with retries, every
//   WEBHOOK_JOB_SECONDS, and the hourly purge of expired API tokens;
// - the statistics job (lib/jobs/statistics.ts): case_stats_daily, refreshed every 5 minutes;
// - popularity (lib/jobs/popularity.ts): "most used" from the last 30 days, every POPULARITY_JOB_SECONDS;
// - missed bookings (lib/bookings/attendance.ts): slots over without a check-in, every 5 minutes;
// - the audit sealer (lib/jobs/audit-seal.ts): chains the audit entries committed since its last round, every
//   second (an advisory lock: one instance seals at a time, the others skip the round).
// Each runs in lib/jobs/loop.ts, which records every round for the metrics and the readiness detail (lib/metrics/).
import { allowServerOnlyModules } from "../lib/runtime/server-only-outside-next";
import { assertSupportedNode } from "../lib/runtime/node-version";

assertSupportedNode();

// `import "server-only"` resolves only inside React Server Components (lib/runtime/server-only-outside-next.ts).
allowServerOnlyModules();

const { reportJobRoundsTo, startJobLoop } = await import("../lib/jobs/loop");
const { recordJobRound } = await import("../lib/jobs/job-state");
const { startDeadlineJob } = await import("../lib/jobs/deadlines");
const { startNotificationWorker } = await import("../lib/jobs/notifications");
const { startWebhookWorker } = await import("../lib/jobs/webhooks");
const { startStatisticsJob } = await import("../lib/jobs/statistics");
const { startAuditSealJob } = await import("../lib/jobs/audit-seal");
const { purgeExpiredTokens } = await import("../lib/api/tokens");
const { expireDrafts } = await import("../lib/applications/expiry");
const { sweepMissedBookings } = await import("../lib/bookings/attendance");
const { expireLicences } = await import("../lib/results/licence-types");
const { chinaToday } = await import("../lib/calendar/china-time");
const { startPopularityJob } = await import("../lib/jobs/popularity");
const { db } = await import("../lib/db/client");
const { env } = await import("../lib/env");
const { logger } = await import("../lib/logger");
const { jobsSocketPath } = await import("../lib/metrics/jobs-link");
const { serveJobsMetrics } = await import("../lib/metrics/jobs");

const HOUR_SECONDS = 60 * 60;
// Every round of every loop is recorded for the administration (/admin/jobs, lib/jobs/job-state.ts).
reportJobRoundsTo((round) => recordJobRound(round));
const stops = [
  startDeadlineJob(),
  startNotificationWorker(),
  startWebhookWorker(),
  startStatisticsJob(),
  startAuditSealJob(),
  // Drafts past their lifetime (APPLICATION_DRAFT_DAYS) are marked expired; the update is idempotent.
  startJobLoop({
    name: "draft-expiry",
    intervalSeconds: HOUR_SECONDS,
    runAtStart: false,
    run: async () => {
      const count = await expireDrafts();
      if (count > 0) logger.info({ component: "jobs", count }, "drafts expired");
    },
    onError: (err) => logger.warn({ component: "jobs", err }, "expiring drafts failed"),
  }),
  // Bookings whose slot is over without a check-in become MISSED (lib/bookings/attendance.ts); idempotent.
  startJobLoop({
    name: "booking-attendance",
    intervalSeconds: 5 * 60,
    runAtStart: true,
    run: async () => {
      const count = await sweepMissedBookings();
      if (count > 0) logger.info({ component: "jobs", count }, "bookings marked missed");
    },
    onError: (err) => logger.warn({ component: "jobs", err }, "marking missed bookings failed"),
  }),
  // Licences past their expiry date become EXPIRED (lib/results/licence-types.ts); idempotent.
  startJobLoop({
    name: "licence-expiry",
    intervalSeconds: HOUR_SECONDS,
    runAtStart: true,
    run: async () => {
      const count = await expireLicences(chinaToday());
      if (count > 0) logger.info({ component: "jobs", count }, "licences expired");
    },
    onError: (err) => logger.warn({ component: "jobs", err }, "expiring licences failed"),
  }),
  // Popularity ("most used") from the last 30 days of guide views and applications (lib/jobs/popularity.ts).
  startPopularityJob(),
  startJobLoop({
    name: "token-purge",
    intervalSeconds: HOUR_SECONDS,
    runAtStart: false,
    run: purgeExpiredTokens,
    onError: (err) => logger.warn({ component: "jobs", err }, "token purge failed"),
  }),
];

// The jobs' metrics and last rounds, for the web server of this instance to include in /metrics and the readiness
// detail (lib/metrics/jobs-link.ts); only when operators switched the metrics on (METRICS_TOKEN or METRICS_PORT).
let closeSnapshot = async () => {};
if (env().METRICS_TOKEN || env().METRICS_PORT !== undefined) {
  try {
    closeSnapshot = await serveJobsMetrics(jobsSocketPath(env().PORT));
  } catch (err) {
    logger.warn(
      { component: "jobs", err },
      "jobs metrics socket not opened: /metrics will show onewindow_jobs_process_up 0",
    );
  }
}
// Keep the process alive between rounds (the loops' own timers are unref'd so tests can run them without hanging).
const keepAlive = setInterval(() => {}, 1 << 30);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const stop of stops) stop();
    clearInterval(keepAlive);
    // A round stuck on a connection that died under it (seen after a database outage) must not keep the process,
    // and with it the whole instance's shutdown (scripts/start.ts waits for every child), alive: exit after 10 s.
    setTimeout(() => {
      logger.warn({ component: "jobs" }, "jobs did not stop within 10 s: exiting anyway");
      process.exit(0);
    }, 10_000).unref();
    void Promise.all([db().$disconnect(), closeSnapshot()]).finally(() => process.exit(0));
  });
}
logger.info(
  { component: "jobs" },
  "background jobs started: deadlines, notifications, webhooks, statistics, audit seal, draft expiry, missed bookings, licence expiry, popularity, token purge",
);
