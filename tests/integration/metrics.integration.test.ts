import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "../../app/api/health/route";
import * as itemRoute from "../../app/api/v1/items/[code]/route";
import { PublicPageCache } from "../../lib/cache/public-pages";
import { db } from "../../lib/db/client";
import { createRequestListener } from "../../lib/http/app-server";
import { startDeadlineJob } from "../../lib/jobs/deadlines";
import { startJobLoop } from "../../lib/jobs/loop";
import { serveJobsMetrics } from "../../lib/metrics/jobs";
import { appRoutePatterns, OTHER_ROUTE } from "../../lib/metrics/routes";
import { signals } from "../../lib/metrics/signals";
import { setUpWebMetrics, type WebMetricsSetup } from "../../lib/metrics/web";
import { findSamples, parsePrometheusText, type Sample, sampleValue } from "../support/prometheus-text";
import { makeCase } from "./cases-fixtures";

/**
 * /metrics and the readiness detail over real HTTP (issue 24), against this file's database.
 *
 * The server is lib/http/app-server.ts's request handler with the metrics wired as scripts/server.ts wires them
 * (lib/metrics/web.ts), and the jobs' side as scripts/jobs.ts serves it (lib/metrics/jobs.ts, on a socket of its
 * own). Only Next.js is replaced, because it needs a production build: a stand-in hands the app's real route
 * handlers (the health check, the open API's item guide) their requests, and answers 404 for everything else as
 * Next.js does. A small scripted load then has to move the series it should, and only those, with route patterns
 * for labels and no id, code or address anywhere; the endpoints must refuse requests without the token.
 */

const ROOT = path.join(import.meta.dirname, "..", "..");
const TOKEN = `metrics-${randomUUID()}-${randomUUID()}`;

type Listening = { server: Server; url: string };
const listening: Listening[] = [];
const stops: (() => unknown)[] = [];
const setups: WebMetricsSetup[] = [];
let socketDir = "";
let app = "";
let metricsPort = "";
let itemCode = "";
let departmentCode = "";

/** The public pages, rendered by a stand-in for Next.js's rendering (scripts/server.ts asks Next.js). */
const publicPages = new PublicPageCache(
  async (page) => ({
    status: 200,
    contentType: "text/html; charset=utf-8",
    setsCookie: false,
    html: `<!doctype html><title>${page.url}</title><script>1</script>`,
  }),
  null,
  "test-build",
);

/** Next.js's part, played by the real route handlers it would call. */
async function standIn(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(key, value);
  const webRequest = new Request(url, { method: request.method, headers });
  const item = /^\/api\/v1\/items\/([^/]+)$/.exec(url.pathname);
  const answer =
    url.pathname === "/api/health"
      ? await healthRoute.GET()
      : item
        ? await itemRoute.GET(webRequest, { params: Promise.resolve({ code: decodeURIComponent(item[1]!) }) })
        : new Response("Not Found", { status: 404 });
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const entry = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  listening.push(entry);
  return entry.url;
}

async function startApp(
  token: string | undefined,
  socketPath: string,
): Promise<{ url: string; metricsUrl: string; setup: WebMetricsSetup }> {
  const setup = setUpWebMetrics({
    root: ROOT,
    dev: false,
    config: {
      PORT: 3000,
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: undefined,
      METRICS_TOKEN: token,
      METRICS_PORT: 0,
      METRICS_HOST: "127.0.0.1",
    },
    socketPath,
    figuresTtlMs: 0,
  });
  setups.push(setup);
  const url = await listen(
    createServer(
      createRequestListener({
        handle: standIn,
        dev: false,
        trustedProxies: null,
        routes: setup.routes,
        http: setup.http,
        operator: setup.operator,
        publicPages,
      }),
    ),
  );
  const metricsServer = (await setup.listenMetricsPort())!;
  return { url, metricsUrl: `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}`, setup };
}

const authorised = { Authorization: `Bearer ${TOKEN}` };

async function scrape(): Promise<Sample[]> {
  const response = await fetch(`${app}/metrics`, { headers: authorised });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parsePrometheusText(await response.text());
}

const count = (samples: Sample[], name: string, labels: Record<string, string>) =>
  sampleValue(samples, name, labels) ?? 0;

async function until(condition: () => boolean, what: string) {
  const end = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  socketDir = await mkdtemp(path.join(tmpdir(), "ow-metrics-"));
  const item = await db().serviceItem.findFirstOrThrow({
    where: { status: "ACTIVE" },
    include: { department: true },
    orderBy: { implementationCode: "asc" },
  });
  itemCode = item.implementationCode;
  departmentCode = item.department.code;

  // A case accepted long ago with 5 working days promised: the deadline sweep turns it red (overdue).
  const overdue = await makeCase({ departmentId: item.departmentId, status: "ACCEPTED" });
  await db().case.update({ where: { id: overdue.id }, data: { acceptedAt: new Date(Date.now() - 40 * 86_400_000) } });
  // An e-mail waiting ten minutes to be sent, and a webhook delivery given up.
  const citizen = await db().user.findFirstOrThrow({ where: { role: "CITIZEN" } });
  const notification = await db().notification.create({
    data: { userId: citizen.id, template: "case.statusChanged", params: {} },
  });
  await db().delivery.create({
    data: {
      notificationId: notification.id,
      channel: "EMAIL",
      status: "PENDING",
      nextAttemptAt: new Date(Date.now() - 600_000),
    },
  });
  const event = await db().caseEvent.findFirstOrThrow({ where: { caseId: overdue.id } });
  const subscription = await db().webhookSubscription.create({
    data: {
      departmentId: item.departmentId,
      url: "https://back-office.example.gov.cn/hook",
      secret: "s".repeat(32),
      events: [],
    },
  });
  await db().webhookDelivery.create({
    data: { subscriptionId: subscription.id, caseEventId: event.id, status: "FAILED", attempts: 10 },
  });

  // The jobs process's side: the real deadline job, and a job whose rounds fail.
  stops.push(startDeadlineJob({ intervalSeconds: 3600 }));
  stops.push(
    startJobLoop({
      name: "always-failing",
      intervalSeconds: 3600,
      run: () => Promise.reject(new Error("no")),
      onError: () => undefined,
    }),
  );
  await until(
    () => (signals().jobs.get("deadlines")?.runs ?? 0) > 0 && (signals().jobs.get("always-failing")?.runs ?? 0) > 0,
    "the first rounds",
  );
  const socketPath = path.join(socketDir, "jobs.sock");
  stops.push(await serveJobsMetrics(socketPath));

  const started = await startApp(TOKEN, socketPath);
  app = started.url;
  metricsPort = started.metricsUrl;
});

afterAll(async () => {
  for (const stop of stops) await stop();
  for (const { server } of listening) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const setup of setups) await setup.close();
  publicPages.clear();
  if (socketDir) await rm(socketDir, { recursive: true, force: true });
});

describe("GET /metrics", () => {
  it("is refused without the token, on the app's port and on the metrics port", async () => {
    for (const base of [app, metricsPort]) {
      for (const headers of [
        {} as Record<string, string>,
        { Authorization: "Bearer wrong" },
        { Authorization: `Basic ${TOKEN}` },
        { Authorization: TOKEN },
      ]) {
        const response = await fetch(`${base}/metrics`, { headers });
        expect(response.status, `${base} ${JSON.stringify(headers)}`).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
        expect(await response.text()).not.toContain("onewindow_");
      }
      const detail = await fetch(`${base}/api/health?detail=1`);
      expect(detail.status).toBe(401);
      expect(await detail.text()).not.toContain("migrations");
    }
    // The metrics port serves nothing else.
    expect((await fetch(`${metricsPort}/api/health`, { headers: authorised })).status).toBe(404);
    expect((await fetch(`${metricsPort}/items/${itemCode}`, { headers: authorised })).status).toBe(404);
  });

  it("without METRICS_TOKEN: not served on the app's port at all, and the public health check shows no detail", async () => {
    const open = await startApp(undefined, path.join(socketDir, "nobody.sock"));
    const metrics = await fetch(`${open.url}/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).not.toContain("onewindow_");
    const health = await fetch(`${open.url}/api/health?detail=1`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", db: "ok" });
    // The separate port is the operator's network rule: reachable there (loopback here) without a token.
    const scraped = await fetch(`${open.metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    // No jobs process answers on that socket: said so, instead of failing the scrape.
    expect(sampleValue(parsePrometheusText(await scraped.text()), "onewindow_jobs_process_up")).toBe(0);
  });

  it("moves the series a scripted load should move, with route patterns and no ids for labels", async () => {
    const before = await scrape();
    const missing = `NOPE-${randomUUID()}`;
    const get = (target: string, init?: RequestInit) =>
      fetch(`${app}${target}`, init).then(async (response) => ({
        status: response.status,
        body: await response.text(),
      }));

    // 1. The health check, a real guide, an unknown guide, an unknown page, a malformed path.
    for (let index = 0; index < 5; index++) expect((await get("/api/health")).status).toBe(200);
    for (let index = 0; index < 3; index++)
      expect((await get(`/api/v1/items/${encodeURIComponent(itemCode)}`)).status).toBe(200);
    for (let index = 0; index < 2; index++) expect((await get(`/api/v1/items/${missing}`)).status).toBe(404);
    expect((await get(`/no/such/page/${missing}`)).status).toBe(404);
    expect((await get("/items/%ff")).status).toBe(400);
    // 2. The item page: one miss renders it into the page cache, two requests are answered from memory.
    for (let index = 0; index < 3; index++) {
      const page = await get(`/items/${itemCode}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain(itemCode);
    }
    // 3. The open API's limit (300 a minute per address): a burst past it is refused with 429.
    const statuses: number[] = [];
    for (let round = 0; round < 32; round++) {
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () => get(`/api/v1/items/${missing}`).then((answer) => answer.status)),
        )),
      );
    }
    const refused = statuses.filter((status) => status === 429).length;
    expect(refused).toBeGreaterThanOrEqual(20);
    expect(statuses.filter((status) => status !== 429 && status !== 404)).toEqual([]);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      count(after, name, labels) - count(before, name, labels);
    const requests = (route: string, status: string) =>
      moved("onewindow_http_requests_total", { process: "web", method: "GET", route, status });
    expect(requests("/api/health", "200")).toBe(5);
    expect(requests("/api/v1/items/[code]", "200")).toBe(3);
    expect(requests("/api/v1/items/[code]", "404")).toBe(2 + statuses.length - refused);
    expect(requests("/api/v1/items/[code]", "429")).toBe(refused);
    expect(requests(OTHER_ROUTE, "404")).toBe(1);
    // Refused before routing, but labelled like every request by the route it names.
    expect(requests("/items/[code]", "400")).toBe(1);
    expect(requests("/items/[code]", "200")).toBe(3);
    // The histogram counts the same requests, every one inside its last bucket.
    const histogram = { process: "web", method: "GET", route: "/api/v1/items/[code]", status: "200" };
    expect(moved("onewindow_http_request_duration_seconds_count", histogram)).toBe(3);
    expect(moved("onewindow_http_request_duration_seconds_bucket", { ...histogram, le: "+Inf" })).toBe(3);
    expect(moved("onewindow_http_request_duration_seconds_sum", histogram)).toBeGreaterThan(0);
    expect(moved("onewindow_page_cache_lookups_total", { cache: "public_page", result: "hit" })).toBe(2);
    // The unknown page is looked up too (its 404 would be kept; the stand-in's 200 is not), then the item page once.
    expect(moved("onewindow_page_cache_lookups_total", { cache: "public_page", result: "miss" })).toBe(2);
    expect(moved("onewindow_rate_limit_refusals_total", { limiter: "open-api-ip" })).toBe(refused);
    // Scrapes are requests too, under their own label.
    expect(moved("onewindow_http_requests_total", { route: "/metrics", status: "200" })).toBe(1);
    expect(sampleValue(after, "onewindow_http_requests_in_flight")).toBeGreaterThanOrEqual(1);

    // Bounded labels: every route label is a pattern of the app (or the scrape, or "other"), and no label anywhere
    // carries an id, an item code, a path or an address.
    const routes = new Set([...appRoutePatterns(path.join(ROOT, "app")), "/metrics", OTHER_ROUTE]);
    for (const sample of findSamples(after, "onewindow_http_requests_total"))
      expect(routes, sample.labels.route).toContain(sample.labels.route);
    const forbidden = [itemCode, missing, "127.0.0.1", "%ff", "/no/such"];
    for (const sample of after) {
      for (const value of Object.values(sample.labels)) {
        expect(value, `${sample.name} ${JSON.stringify(sample.labels)}`).not.toMatch(
          /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
        );
        for (const text of forbidden)
          expect(value, `${sample.name} ${JSON.stringify(sample.labels)}`).not.toContain(text);
      }
    }
  });

  it("reports the pools, the jobs process, the backlogs, the overdue cases and the build", async () => {
    const samples = await scrape();
    // The app's pool, handed over by lib/db/client.ts when Prisma connected.
    expect(sampleValue(samples, "onewindow_db_pool_max_connections", { process: "web", pool: "primary" })).toBe(10);
    expect(
      sampleValue(samples, "onewindow_db_pool_connections", { process: "web", pool: "primary", state: "idle" }),
    ).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, "onewindow_db_pool_waiting_requests", { process: "web", pool: "primary" })).toBe(0);
    // The jobs process's series, beside the web server's.
    expect(sampleValue(samples, "onewindow_jobs_process_up")).toBe(1);
    expect(
      sampleValue(samples, "onewindow_job_runs_total", { process: "jobs", job_name: "deadlines" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "onewindow_job_failures_total", { process: "jobs", job_name: "deadlines" })).toBe(0);
    expect(
      sampleValue(samples, "onewindow_job_failures_total", { process: "jobs", job_name: "always-failing" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "onewindow_job_lag_seconds", { process: "jobs", job_name: "deadlines" })).toBe(0);
    expect(
      sampleValue(samples, "onewindow_deadline_sweep_cases_total", { outcome: "escalated" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      findSamples(samples, "process_resident_memory_bytes")
        .map((sample) => sample.labels.process)
        .sort(),
    ).toEqual(["jobs", "web"]);
    // Read from the database: what beforeAll left, counted the way an operator would.
    const [pending] = await db().$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM delivery WHERE status = 'PENDING' AND channel = 'EMAIL'`;
    const [overdue] = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM case_record c JOIN department d ON d.id = c.department_id
      WHERE d.code = ${departmentCode} AND c.warning = 'RED' AND c.status IN ('ACCEPTED', 'IN_REVIEW', 'SPECIAL_PROCEDURE')`;
    expect(overdue!.n).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "onewindow_cases_overdue", { department: departmentCode })).toBe(overdue!.n);
    expect(sampleValue(samples, "onewindow_notification_deliveries_pending", { channel: "EMAIL" })).toBe(pending!.n);
    expect(sampleValue(samples, "onewindow_notification_oldest_due_seconds")).toBeGreaterThanOrEqual(600);
    expect(sampleValue(samples, "onewindow_webhook_deliveries_failed")).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "onewindow_metrics_database_up")).toBe(1);
    const build = findSamples(samples, "onewindow_build_info");
    expect(build).toHaveLength(1);
    expect(build[0]!.labels).toMatchObject({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      node_version: process.version,
    });
  });
});

describe("GET /api/health?detail=1 with the token", () => {
  it("tells operators whether migrations are current, the jobs run and the cache store answers", async () => {
    const response = await fetch(`${app}/api/health?detail=1`, { headers: authorised });
    const report = await response.json();
    expect(response.status).toBe(200);
    expect(report).toMatchObject({
      ready: true,
      database: { ok: true },
      migrations: { ok: true, current: true, pending: [], failed: [] },
      jobs: { ok: true, reachable: true },
      cacheStore: { ok: true, kind: "postgresql" },
    });
    const deadlines = report.jobs.jobs.find((job: { name: string }) => job.name === "deadlines");
    expect(deadlines).toMatchObject({
      onTime: true,
      failures: 0,
      intervalSeconds: 3600,
      lastSucceededAt: expect.stringMatching(/Z$/),
    });
    // The same on the metrics port.
    expect((await fetch(`${metricsPort}/api/health?detail=1`, { headers: authorised })).status).toBe(200);
    // The public answer stays as short as ever.
    expect(await (await fetch(`${app}/api/health`)).json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 and names the migration when the database lacks one the code has", async () => {
    const [last] = await db().$queryRaw<
      { id: string; migration_name: string }[]
    >`SELECT id, migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = ${last!.id}`;
    try {
      const response = await fetch(`${app}/api/health?detail=1`, { headers: authorised });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        ready: false,
        migrations: { ok: false, current: false, pending: [last!.migration_name] },
      });
    } finally {
      await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = ${last!.id}`;
    }
  });
});
