import { afterEach, describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "../../tests/support/prometheus-text";
import type { DatabaseSnapshot } from "./database";
import { createJobsMetrics, createWebMetrics } from "./registry";
import {
  countOutcomes,
  countPageCache,
  countRateLimitRefusal,
  jobFinished,
  jobStarted,
  registerJob,
  signals,
  watchPool,
} from "./signals";

const build = { version: "1.2.3", revision: "abc123def456", buildId: "build-1", nodeVersion: "v22.0.0" };

const value = (text: string, name: string, labels: Record<string, string> = {}) =>
  sampleValue(parsePrometheusText(text), name, labels);

afterEach(() => {
  const state = signals();
  state.pageCache.clear();
  state.rateLimitRefusals.clear();
  state.pools.clear();
  state.jobs.clear();
  state.outcomes.clear();
});

describe("the web server's metrics", () => {
  it("count requests by method, route pattern and status, with a latency histogram", async () => {
    const { http, registry } = createWebMetrics({ build });
    http.begin("GET", "/items/[code]").end("200");
    http.begin("GET", "/items/[code]").end("200");
    const request = http.begin("PROPFIND", "other");
    request.end("405");
    request.end("405");
    http.begin("GET", "/api/health").end("aborted");
    const text = await registry.metrics();
    expect(
      value(text, "onewindow_http_requests_total", {
        method: "GET",
        route: "/items/[code]",
        status: "200",
        process: "web",
      }),
    ).toBe(2);
    // Ended twice, counted once; an unknown method is OTHER.
    expect(
      value(text, "onewindow_http_requests_total", { method: "OTHER", route: "other", status: "405", process: "web" }),
    ).toBe(1);
    expect(
      value(text, "onewindow_http_requests_total", {
        method: "GET",
        route: "/api/health",
        status: "aborted",
        process: "web",
      }),
    ).toBe(1);
    expect(
      value(text, "onewindow_http_request_duration_seconds_count", {
        method: "GET",
        route: "/items/[code]",
        status: "200",
        process: "web",
      }),
    ).toBe(2);
    expect(
      value(text, "onewindow_http_request_duration_seconds_bucket", {
        le: "+Inf",
        method: "GET",
        route: "/items/[code]",
        status: "200",
        process: "web",
      }),
    ).toBe(2);
    expect(value(text, "onewindow_http_requests_in_flight", { process: "web" })).toBe(0);
    expect(
      value(text, "onewindow_build_info", {
        version: "1.2.3",
        revision: "abc123def456",
        build_id: "build-1",
        node_version: "v22.0.0",
        process: "web",
      }),
    ).toBe(1);
  });

  it("read the signals recorded elsewhere in the process at each scrape", async () => {
    const { registry } = createWebMetrics({ build });
    countPageCache("public_page", "hit");
    countPageCache("public_page", "hit");
    countPageCache("next", "stale");
    countRateLimitRefusal("open-api-ip");
    watchPool("primary", { totalCount: 7, idleCount: 2, waitingCount: 3, options: { max: 10 } });
    watchPool("gone", { totalCount: 1, idleCount: 1, waitingCount: 0, ended: true });
    let text = await registry.metrics();
    expect(
      value(text, "onewindow_page_cache_lookups_total", { cache: "public_page", result: "hit", process: "web" }),
    ).toBe(2);
    expect(
      value(text, "onewindow_page_cache_lookups_total", { cache: "public_page", result: "miss", process: "web" }),
    ).toBe(0);
    expect(value(text, "onewindow_page_cache_lookups_total", { cache: "next", result: "stale", process: "web" })).toBe(
      1,
    );
    expect(value(text, "onewindow_rate_limit_refusals_total", { limiter: "open-api-ip", process: "web" })).toBe(1);
    expect(value(text, "onewindow_db_pool_connections", { pool: "primary", state: "in_use", process: "web" })).toBe(5);
    expect(value(text, "onewindow_db_pool_connections", { pool: "primary", state: "idle", process: "web" })).toBe(2);
    expect(value(text, "onewindow_db_pool_waiting_requests", { pool: "primary", process: "web" })).toBe(3);
    expect(value(text, "onewindow_db_pool_max_connections", { pool: "primary", process: "web" })).toBe(10);
    expect(text).not.toContain('pool="gone"');
    countRateLimitRefusal("open-api-ip");
    text = await registry.metrics();
    expect(value(text, "onewindow_rate_limit_refusals_total", { limiter: "open-api-ip", process: "web" })).toBe(2);
  });

  it("show the database's figures, none when it cannot be read, and keep a department at 0 once it has no overdue case", async () => {
    let snapshot: DatabaseSnapshot | null = {
      notifications: { pending: { EMAIL: 4 }, failed: { SMS: 1 }, oldestDueSeconds: 42 },
      webhooks: { pending: 2, failed: 3, oldestDueSeconds: 7 },
      overdue: [{ department: "11511600MB0000001X", name: "广安市市场监督管理局", cases: 5 }],
    };
    const { registry } = createWebMetrics({ build, database: { snapshot: async () => snapshot } });
    let text = await registry.metrics();
    expect(value(text, "onewindow_notification_deliveries_pending", { channel: "EMAIL", process: "web" })).toBe(4);
    expect(value(text, "onewindow_notification_deliveries_pending", { channel: "SMS", process: "web" })).toBe(0);
    expect(value(text, "onewindow_notification_deliveries_failed", { channel: "SMS", process: "web" })).toBe(1);
    expect(value(text, "onewindow_notification_oldest_due_seconds", { process: "web" })).toBe(42);
    expect(value(text, "onewindow_webhook_deliveries_pending", { process: "web" })).toBe(2);
    expect(value(text, "onewindow_webhook_deliveries_failed", { process: "web" })).toBe(3);
    expect(value(text, "onewindow_webhook_oldest_due_seconds", { process: "web" })).toBe(7);
    expect(
      value(text, "onewindow_cases_overdue", {
        department: "11511600MB0000001X",
        department_name: "广安市市场监督管理局",
        process: "web",
      }),
    ).toBe(5);
    expect(value(text, "onewindow_metrics_database_up", { process: "web" })).toBe(1);

    snapshot = { ...snapshot, overdue: [] };
    text = await registry.metrics();
    expect(
      value(text, "onewindow_cases_overdue", {
        department: "11511600MB0000001X",
        department_name: "广安市市场监督管理局",
        process: "web",
      }),
    ).toBe(0);

    snapshot = null;
    text = await registry.metrics();
    expect(value(text, "onewindow_metrics_database_up", { process: "web" })).toBe(0);
    expect(value(text, "onewindow_webhook_deliveries_pending", { process: "web" })).toBeNaN();
    expect(value(text, "onewindow_notification_deliveries_pending", { channel: "EMAIL" })).toBeUndefined();
    expect(value(text, "onewindow_cases_overdue", { department: "11511600MB0000001X" })).toBeUndefined();
  });
});

describe("the jobs process's metrics", () => {
  it("report each job's rounds, failures, duration and lag, and the outcomes the jobs count", async () => {
    const { registry } = createJobsMetrics();
    const start = Date.now() - 100_000;
    registerJob("webhooks", 10, start);
    jobStarted("webhooks", start);
    jobFinished("webhooks", { ok: true, startedAt: start, now: start + 1500 });
    jobStarted("webhooks", start + 10_000);
    jobFinished("webhooks", { ok: false, startedAt: start + 10_000, now: start + 10_500 });
    countOutcomes("webhook_deliveries", { sent: 3, failed: 1, retried: 0 });
    const text = await registry.metrics();
    expect(value(text, "onewindow_job_runs_total", { job_name: "webhooks", process: "jobs" })).toBe(2);
    expect(value(text, "onewindow_job_failures_total", { job_name: "webhooks", process: "jobs" })).toBe(1);
    expect(value(text, "onewindow_job_duration_seconds_total", { job_name: "webhooks", process: "jobs" })).toBe(2);
    expect(value(text, "onewindow_job_last_duration_seconds", { job_name: "webhooks", process: "jobs" })).toBe(0.5);
    expect(value(text, "onewindow_job_last_success_timestamp_seconds", { job_name: "webhooks", process: "jobs" })).toBe(
      start / 1000,
    );
    expect(value(text, "onewindow_job_interval_seconds", { job_name: "webhooks", process: "jobs" })).toBe(10);
    expect(value(text, "onewindow_job_running", { job_name: "webhooks", process: "jobs" })).toBe(0);
    // 100 s since the last success began, 10 s of which are its interval.
    expect(value(text, "onewindow_job_lag_seconds", { job_name: "webhooks", process: "jobs" })).toBeGreaterThanOrEqual(
      90,
    );
    expect(value(text, "onewindow_webhook_deliveries_total", { outcome: "sent", process: "jobs" })).toBe(3);
    expect(value(text, "onewindow_webhook_deliveries_total", { outcome: "failed", process: "jobs" })).toBe(1);
    expect(value(text, "onewindow_webhook_deliveries_total", { outcome: "retried", process: "jobs" })).toBe(0);
    expect(value(text, "onewindow_deadline_sweep_cases_total", { outcome: "escalated", process: "jobs" })).toBe(0);
  });

  it("are served in the web server's answer beside its own, told apart by the process label", async () => {
    registerJob("statistics", 300);
    const jobs = createJobsMetrics();
    const jobsJson = await jobs.registry.getMetricsAsJSON();
    let answering = true;
    const web = createWebMetrics({ build, jobsProcess: async () => (answering ? jobsJson : null) });
    let text = await web.exposition();
    expect(value(text, "onewindow_jobs_process_up", { process: "web" })).toBe(1);
    expect(value(text, "onewindow_job_interval_seconds", { job_name: "statistics", process: "jobs" })).toBe(300);
    // Both processes' Node.js figures, each once.
    expect(text.match(/^process_resident_memory_bytes\{process="web"\}/gm)).toHaveLength(1);
    expect(text.match(/^process_resident_memory_bytes\{process="jobs"\}/gm)).toHaveLength(1);
    expect(text.match(/^# TYPE process_resident_memory_bytes /gm)).toHaveLength(1);
    answering = false;
    text = await web.exposition();
    expect(value(text, "onewindow_jobs_process_up", { process: "web" })).toBe(0);
    expect(text).not.toContain('process="jobs"');
  });
});
