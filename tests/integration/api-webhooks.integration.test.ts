import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokenRoute from "../../app/api/v1/auth/token/route";
import * as webhookRoute from "../../app/api/v1/webhooks/[id]/route";
import * as replayRoute from "../../app/api/v1/webhooks/[id]/deliveries/[deliveryId]/replay/route";
import * as deliveriesRoute from "../../app/api/v1/webhooks/[id]/deliveries/route";
import * as webhooksRoute from "../../app/api/v1/webhooks/route";
import { runWebhookRound, verifyWebhookSignature, WEBHOOK_HEADERS } from "../../lib/api/webhooks";
import { takeCaseAction } from "../../lib/cases/actions";
import { db } from "../../lib/db/client";
import { actorFor, makeCase } from "./cases-fixtures";
import { call, contract, coverage, documentedApiOperations } from "./api-support";

/**
 * Department webhooks end to end: subscriptions through the API, case events → signed deliveries received by a
 * real local HTTP server, retries with backoff when the receiver fails, the delivery log, and a replay that
 * reaches the receiver once per subscription with the same delivery id.
 */

type Received = { headers: IncomingHttpHeaders; body: string; path: string };
const received: Received[] = [];
let failNext = 0;
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (failNext > 0) {
        failNext--;
        response.writeHead(503).end("busy");
        return;
      }
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), path: request.url ?? "" });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function token(username: string): Promise<string> {
  const response = await call(tokenRoute.POST, "POST", "/api/v1/auth/token", { body: { username, password: "Passw0rd!demo" }, ip: "198.19.0.1" });
  return ((await response.json()) as { access_token: string }).access_token;
}

type Delivery = { id: string; caseEventId: string; event: string; status: string; attempts: number; caseNumber: string | null; lastStatusCode: number | null };

describe("department webhooks", () => {
  it("signs and delivers case events, retries failures, logs them, and replays a delivery once per subscription", async () => {
    const adminToken = await token("deptadmin");
    const clerk = await actorFor({ loginName: "clerk" });

    // Subscriptions: one for every event, one for accept only; the secret is shown once.
    const all = await contract<{ id: string; secret: string; events: string[] }>(
      "/api/v1/webhooks",
      "post",
      await call(webhooksRoute.POST, "POST", "/api/v1/webhooks", { token: adminToken, body: { url: `${base}/all` } }),
      201,
    );
    expect(all.secret).toMatch(/^whsec_/);
    const acceptOnly = await contract<{ id: string; secret: string }>(
      "/api/v1/webhooks",
      "post",
      await call(webhooksRoute.POST, "POST", "/api/v1/webhooks", { token: adminToken, body: { url: `${base}/accept`, events: ["accept"] } }),
      201,
    );
    await contract("/api/v1/webhooks", "post", await call(webhooksRoute.POST, "POST", "/api/v1/webhooks", { token: adminToken, body: { url: "ftp://x", events: ["nope"] } }), 400);
    // A cloud metadata address is refused with a field error, before anything is stored.
    const metadata = await call(webhooksRoute.POST, "POST", "/api/v1/webhooks", { token: adminToken, body: { url: "http://169.254.169.254/latest/meta-data" } });
    const refusal = await contract<{ error: { fields?: Record<string, string> } }>("/api/v1/webhooks", "post", metadata, 400);
    expect(refusal.error.fields?.url).toBeTruthy();
    expect(await db().webhookSubscription.count({ where: { url: { contains: "169.254" } } })).toBe(0);
    // So are Alibaba Cloud's and AWS's other metadata addresses, and credentials in the URL (penetration test point 6).
    for (const url of ["http://100.100.100.200/latest/meta-data", "http://[fd00:ec2::254]/latest/meta-data", "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a9fe:a9fe]/"]) {
      const refused = await contract<{ error: { fields?: Record<string, string> } }>("/api/v1/webhooks", "post", await call(webhooksRoute.POST, "POST", "/api/v1/webhooks", { token: adminToken, body: { url } }), 400);
      expect(refused.error.fields?.url, url).toBe(refusal.error.fields?.url);
    }
    const withCredentials = await contract<{ error: { fields?: Record<string, string> } }>(
      "/api/v1/webhooks",
      "post",
      await call(webhooksRoute.POST, "POST", "/api/v1/webhooks", { token: adminToken, body: { url: "https://user:s3cret@system.example.gov.cn/hook" } }),
      400,
    );
    expect(withCredentials.error.fields?.url).toMatch(/用户名或密码|user name or password/);
    expect(await db().webhookSubscription.count({ where: { url: { contains: "s3cret" } } })).toBe(0);
    const listed = await contract<{ items: { id: string; secret?: string }[] }>("/api/v1/webhooks", "get", await call(webhooksRoute.GET, "GET", "/api/v1/webhooks", { token: adminToken }), 200);
    expect(listed.items.map((item) => item.id)).toEqual(expect.arrayContaining([all.id, acceptOnly.id]));
    expect(JSON.stringify(listed)).not.toContain(all.secret);
    await contract("/api/v1/webhooks/{id}", "get", await call(webhookRoute.GET, "GET", `/api/v1/webhooks/${all.id}`, { token: adminToken, params: { id: all.id } }), 200);

    // A clerk and citizens may not manage them; another department's admin does not see them.
    const clerkToken = await token("clerk");
    await contract("/api/v1/webhooks", "get", await call(webhooksRoute.GET, "GET", "/api/v1/webhooks", { token: clerkToken }), 403);

    // Events of the department: a case submitted and accepted.
    const row = await makeCase({ departmentId: clerk.departmentId ?? "" });
    await takeCaseAction(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null });

    failNext = 1;
    const first = await runWebhookRound();
    expect(first.collected).toBeGreaterThanOrEqual(3);
    expect(first.delivered.retried).toBe(1);
    // The log keeps the receiver's status and a coarse class, nothing more.
    expect(await db().webhookDelivery.findMany({ where: { subscriptionId: { in: [all.id, acceptOnly.id] }, lastStatusCode: 503 }, select: { lastError: true, status: true } })).toEqual([
      { lastError: "rejected", status: "PENDING" },
    ]);
    // The failed one waits for its backoff; a round "later" delivers it.
    const second = await runWebhookRound({ now: new Date(Date.now() + 60_000) });
    expect(second.collected).toBe(0);
    expect(second.delivered.sent).toBeGreaterThanOrEqual(1);

    const forCase = (entries: Received[]) => entries.filter((entry) => JSON.parse(entry.body).case.caseNumber === row.caseNumber);
    const atAll = forCase(received.filter((entry) => entry.path === "/all"));
    const atAccept = forCase(received.filter((entry) => entry.path === "/accept"));
    expect(atAll.map((entry) => JSON.parse(entry.body).event).sort()).toEqual(["accept", "submit"]);
    expect(atAccept.map((entry) => JSON.parse(entry.body).event)).toEqual(["accept"]);
    for (const entry of atAll) {
      const ok = verifyWebhookSignature(all.secret, { timestamp: String(entry.headers[WEBHOOK_HEADERS.timestamp.toLowerCase()]), signature: String(entry.headers[WEBHOOK_HEADERS.signature.toLowerCase()]), body: entry.body });
      expect(ok).toBe(true);
      expect(verifyWebhookSignature(acceptOnly.secret, { timestamp: String(entry.headers["x-onewindow-timestamp"]), signature: String(entry.headers["x-onewindow-signature"]), body: entry.body })).toBe(false);
      const payload = JSON.parse(entry.body) as { id: string; case: Record<string, unknown> };
      expect(entry.headers["x-onewindow-delivery"]).toBe(payload.id);
      // No personal data of the applicant in the payload.
      expect(entry.body).not.toContain(row.applicantName);
    }

    // The log: one row per event and subscription.
    const log = await contract<{ items: Delivery[] }>(
      "/api/v1/webhooks/{id}/deliveries",
      "get",
      await call(deliveriesRoute.GET, "GET", `/api/v1/webhooks/${all.id}/deliveries`, { token: adminToken, params: { id: all.id } }),
      200,
    );
    const mine = log.items.filter((item) => item.caseNumber === row.caseNumber);
    expect(mine.map((item) => item.status)).toEqual(["SENT", "SENT"]);

    // Replay the accept delivery of both subscriptions: each receiver gets it exactly once more, same id.
    const acceptDelivery = mine.find((item) => item.event === "accept")!;
    const acceptLog = await contract<{ items: Delivery[] }>(
      "/api/v1/webhooks/{id}/deliveries",
      "get",
      await call(deliveriesRoute.GET, "GET", `/api/v1/webhooks/${acceptOnly.id}/deliveries`, { token: adminToken, params: { id: acceptOnly.id } }),
      200,
    );
    const otherAccept = acceptLog.items.find((item) => item.caseNumber === row.caseNumber)!;
    expect(otherAccept.status).toBe("SENT");
    // The one the receiver refused first (503) was sent on its second attempt.
    expect([...mine, otherAccept].map((item) => item.attempts).sort()).toEqual([1, 1, 2]);
    const before = received.length;
    const replayed = await contract<Delivery>(
      "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay",
      "post",
      await call(replayRoute.POST, "POST", "/replay", { token: adminToken, params: { id: all.id, deliveryId: acceptDelivery.id } }),
      202,
    );
    expect(replayed.status).toBe("PENDING");
    await contract("/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", "post", await call(replayRoute.POST, "POST", "/replay", { token: adminToken, params: { id: all.id, deliveryId: otherAccept.id } }), 404);
    await call(replayRoute.POST, "POST", "/replay", { token: adminToken, params: { id: acceptOnly.id, deliveryId: otherAccept.id } });
    await runWebhookRound();
    await runWebhookRound();
    const replays = received.slice(before);
    expect(replays.map((entry) => entry.path).sort()).toEqual(["/accept", "/all"]);
    expect(replays.find((entry) => entry.path === "/all")?.headers["x-onewindow-delivery"]).toBe(acceptDelivery.id);
    expect(replays.find((entry) => entry.path === "/accept")?.headers["x-onewindow-delivery"]).toBe(otherAccept.id);
    for (const entry of replays) {
      const secret = entry.path === "/all" ? all.secret : acceptOnly.secret;
      expect(verifyWebhookSignature(secret, { timestamp: String(entry.headers["x-onewindow-timestamp"]), signature: String(entry.headers["x-onewindow-signature"]), body: entry.body })).toBe(true);
    }
    // Still one delivery row per subscription and event.
    const caseEvents = await db().caseEvent.findMany({ where: { caseId: row.id }, select: { id: true } });
    expect(await db().webhookDelivery.count({ where: { caseEventId: { in: caseEvents.map((event) => event.id) } } })).toBe(3);

    // Pausing stops new deliveries.
    await contract("/api/v1/webhooks/{id}", "patch", await call(webhookRoute.PATCH, "PATCH", "/x", { token: adminToken, params: { id: all.id }, body: { active: false } }), 200);
    await contract("/api/v1/webhooks/{id}", "patch", await call(webhookRoute.PATCH, "PATCH", "/x", { token: adminToken, params: { id: all.id }, body: { active: "no" } }), 400);
    const current = await db().case.findUniqueOrThrow({ where: { id: row.id } });
    await takeCaseAction(clerk, row.caseNumber, { action: "startReview", expectedVersion: current.version }, { ip: null });
    const paused = received.length;
    await runWebhookRound();
    expect(received.length).toBe(paused);

    // Another department's administrator: 404 on the subscription, the log and replays.
    const otherDepartment = await db().department.findFirstOrThrow({ where: { id: { not: clerk.departmentId ?? "" }, parentId: null } });
    const { hashPassword } = await import("../../lib/auth/password");
    await db().user.create({ data: { role: "DEPT_ADMIN", realName: "他部门管理员", loginName: "other-deptadmin", passwordHash: await hashPassword("Passw0rd!demo"), departmentId: otherDepartment.id } });
    const otherToken = await token("other-deptadmin");
    await contract("/api/v1/webhooks/{id}", "get", await call(webhookRoute.GET, "GET", "/x", { token: otherToken, params: { id: all.id } }), 404);
    await contract("/api/v1/webhooks/{id}/deliveries", "get", await call(deliveriesRoute.GET, "GET", "/x", { token: otherToken, params: { id: all.id } }), 404);
    const otherList = await contract<{ items: unknown[] }>("/api/v1/webhooks", "get", await call(webhooksRoute.GET, "GET", "/api/v1/webhooks", { token: otherToken }), 200);
    expect(otherList.items).toEqual([]);
  });

  it("logs every network failure as one class, and never tries or shows a URL with credentials stored before they were refused", async () => {
    const adminToken = await token("deptadmin");
    const clerk = await actorFor({ loginName: "clerk" });
    // A port nothing listens on, and a name that does not resolve: the log must not tell them apart.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const subscribe = async (url: string) =>
      contract<{ id: string }>("/api/v1/webhooks", "post", await call(webhooksRoute.POST, "POST", "/api/v1/webhooks", { token: adminToken, body: { url, events: ["submit"] } }), 201);
    const closed = await subscribe(`http://127.0.0.1:${closedPort}/hook`);
    const unresolvable = await subscribe("http://onewindow-webhook-test.invalid/hook");
    // A subscription stored before credentials were refused.
    const legacy = await db().webhookSubscription.create({ data: { departmentId: clerk.departmentId ?? "", url: `${base.replace("http://", "http://legacy:s3cret@")}/legacy`, secret: "whsec_legacy", events: ["submit"] } });

    const row = await makeCase({ departmentId: clerk.departmentId ?? "" });
    await runWebhookRound();

    const logOf = async (id: string) => {
      const log = await contract<{ items: (Delivery & { lastError: string | null })[] }>(
        "/api/v1/webhooks/{id}/deliveries",
        "get",
        await call(deliveriesRoute.GET, "GET", `/api/v1/webhooks/${id}/deliveries`, { token: adminToken, params: { id } }),
        200,
      );
      return log.items.filter((item) => item.caseNumber === row.caseNumber).map(({ status, lastStatusCode, lastError }) => ({ status, lastStatusCode, lastError }));
    };
    expect(await logOf(closed.id)).toEqual([{ status: "PENDING", lastStatusCode: null, lastError: "undeliverable" }]);
    expect(await logOf(unresolvable.id)).toEqual([{ status: "PENDING", lastStatusCode: null, lastError: "undeliverable" }]);
    // The legacy one is not tried (the receiver would have got the credentials as Basic authorization) …
    expect(await logOf(legacy.id)).toEqual([{ status: "FAILED", lastStatusCode: null, lastError: "refused" }]);
    expect(received.filter((entry) => entry.path === "/legacy")).toEqual([]);
    // … and its credentials are shown nowhere.
    const listed = await call(webhooksRoute.GET, "GET", "/api/v1/webhooks", { token: adminToken });
    const text = await listed.text();
    expect(text).toContain("/legacy");
    expect(text).not.toContain("s3cret");
    const single = await call(webhookRoute.GET, "GET", `/api/v1/webhooks/${legacy.id}`, { token: adminToken, params: { id: legacy.id } });
    expect(await single.text()).not.toContain("s3cret");
  });

  it("checked every documented webhook operation against the document", () => {
    const expected = documentedApiOperations().filter((operation) => operation.includes("/webhooks"));
    expect(expected.filter((operation) => !coverage().has(operation))).toEqual([]);
  });
});
