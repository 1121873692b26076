import pg from "pg";
import { DECIDING_STATUSES, statusListSql } from "../cases/state-machine";
import { watchPool } from "./signals";

/**
 * What the metrics and the readiness detail read from the database (issue 24), on a pool of their own.
 *
 * Two connections at most, each statement cut off after two seconds, so a scrape (or many) can neither starve the
 * app's pool (lib/db/client.ts) nor hang; the web server loads this with tsx, outside Next.js's bundles, so it uses
 * pg directly as the rate limits and the ISR cache handler do. The figures are cached for `ttlMs` and concurrent
 * scrapes share one read: a scrape storm costs one round of queries per interval.
 *
 * Every query is cheap by its index: deliveries by (status, next_attempt_at), overdue cases by
 * (department_id, warning, due_date) (prisma/schema.prisma). The labels they give are bounded: channels are an enum,
 * departments a catalogue.
 */

export type DatabaseSnapshot = {
  notifications: { pending: Record<string, number>; failed: Record<string, number>; oldestDueSeconds: number };
  webhooks: { pending: number; failed: number; oldestDueSeconds: number };
  /** Departments with overdue cases, by department code. */
  overdue: { department: string; name: string; cases: number }[];
};

export type MetricsDatabase = {
  /** The figures, at most `ttlMs` old; null when the database could not be read. */
  snapshot(): Promise<DatabaseSnapshot | null>;
  /** One statement on this pool (the readiness checks). */
  query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
};

const STATEMENT_TIMEOUT_MS = 2000;

export function metricsDatabase(url: string, { ttlMs = 15_000 }: { ttlMs?: number | undefined } = {}): MetricsDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: STATEMENT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS,
    application_name: "onewindow-metrics",
  });
  // A connection dropped by the server (restart, failover) must not crash the process; the next scrape reconnects.
  pool.on("error", () => undefined);
  watchPool("metrics", pool);
  let cached: { at: number; value: DatabaseSnapshot | null } | null = null;
  let pending: Promise<DatabaseSnapshot | null> | null = null;

  const query = async <Row extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await pool.query<Row>(text, values)).rows;

  const read = async (): Promise<DatabaseSnapshot> => {
    const [deliveries, webhooks, overdue] = await Promise.all([
      query<{ channel: string; status: string; n: number; oldest: number | null }>(
        `SELECT channel::text AS channel, status::text AS status, count(*)::int AS n,
                extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE status = 'PENDING' AND next_attempt_at <= now()))::float8 AS oldest
           FROM delivery WHERE status IN ('PENDING', 'FAILED') AND channel IN ('EMAIL', 'SMS')
          GROUP BY channel, status`,
      ),
      query<{ status: string; n: number; oldest: number | null }>(
        `SELECT status::text AS status, count(*)::int AS n,
                extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE status = 'PENDING' AND next_attempt_at <= now()))::float8 AS oldest
           FROM webhook_delivery WHERE status IN ('PENDING', 'FAILED')
          GROUP BY status`,
      ),
      // Red is the deadline job's "overdue" (lib/jobs/deadlines.ts), kept only while the clock can run: the same
      // statuses and warning as the console's 已超期 view (lib/console/queues.ts).
      query<{ department: string; name: string; cases: number }>(
        `SELECT d.code AS department, d.name, count(*)::int AS cases
           FROM case_record c JOIN department d ON d.id = c.department_id
          WHERE c.warning = 'RED' AND c.status IN ${statusListSql(DECIDING_STATUSES)}
          GROUP BY d.code, d.name`,
      ),
    ]);
    const snapshot: DatabaseSnapshot = {
      notifications: { pending: {}, failed: {}, oldestDueSeconds: 0 },
      webhooks: { pending: 0, failed: 0, oldestDueSeconds: 0 },
      overdue,
    };
    for (const row of deliveries) {
      if (row.status === "PENDING") {
        snapshot.notifications.pending[row.channel] = row.n;
        snapshot.notifications.oldestDueSeconds = Math.max(snapshot.notifications.oldestDueSeconds, row.oldest ?? 0);
      } else snapshot.notifications.failed[row.channel] = row.n;
    }
    for (const row of webhooks) {
      if (row.status === "PENDING") {
        snapshot.webhooks.pending = row.n;
        snapshot.webhooks.oldestDueSeconds = row.oldest ?? 0;
      } else snapshot.webhooks.failed = row.n;
    }
    return snapshot;
  };

  return {
    query,
    snapshot() {
      if (cached && Date.now() - cached.at < ttlMs) return Promise.resolve(cached.value);
      pending ??= read()
        .catch(() => null)
        .then((value) => {
          cached = { at: Date.now(), value };
          return value;
        })
        .finally(() => (pending = null));
      return pending;
    },
    close: () => pool.end(),
  };
}
