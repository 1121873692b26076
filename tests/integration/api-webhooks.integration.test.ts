import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWebhookRound, verifyWebhookSignature, WEBHOOK_HEADERS } from "../../lib/api/webhooks";
import { takeCaseAction } from "../../lib/cases/take-action";
import { db } from "../../lib/db/client";
import { actorFor, makeCase } from "./cases-fixtures";
import {
  apiClient,
  coverage,
  demoSecondFactor,
  documentedApiOperations,
  ok,
  raw,
  refused,
  signIn,
} from "./api-support";

/**
 * Department webhooks end to end: subscriptions through the API (its typed client), case events → signed deliveries received by a
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
      received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        path: request.url ?? "",
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

// Staff sign in with a one-time code (lib/auth/second-factor.ts): once per account, then the token is kept.
const tokens = new Map<string, Promise<string>>();
function token(username: string): Promise<string> {
  if (!tokens.has(username))
    tokens.set(
      username,
      signIn(username, { secondFactor: true }).then((answer) => answer.access_token),
    );
  return tokens.get(username)!;
}
const as = async (username: string) => apiClient({ token: await token(username) });
const ofHook = (id: string) => ({ params: { path: { id } } });

describe("department webhooks", () => {
  it("signs and delivers case events, retries failures, logs them, and replays a delivery once per subscription", async () => {
    const adminToken = await token("deptadmin");
    const admin = await as("deptadmin");
    const clerk = await actorFor({ loginName: "clerk" });

    // Subscriptions: one for every event, one for accept only; the secret is shown once.
    const all = ok(await admin.POST("/api/v1/webhooks", { body: { url: `${base}/all` } }), 201);
    expect(all.secret).toMatch(/^whsec_/);
    const acceptOnly = ok(
      await admin.POST("/api/v1/webhooks", { body: { url: `${base}/accept`, events: ["accept"] } }),
      201,
    );
    expect(
      (await raw("POST", "/api/v1/webhooks", { token: adminToken, body: { url: "ftp://x", events: ["nope"] } })).status,
    ).toBe(400);
    // A cloud metadata address is refused with a field error, before anything is stored.
    const refusal = refused(
      await admin.POST("/api/v1/webhooks", { body: { url: "http://169.254.169.254/latest/meta-data" } }),
      400,
    );
    expect(refusal.error.fields?.url).toBeTruthy();
    expect(await db().webhookSubscription.count({ where: { url: { contains: "169.254" } } })).toBe(0);
    // So are Alibaba Cloud's and AWS's other metadata addresses, and credentials in the URL (penetration test point 6).
    for (const url of [
      "http://100.100.100.200/latest/meta-data",
      "http://[fd00:ec2::254]/latest/meta-data",
      "http://[::ffff:169.254.169.254]/",
      "http://[64:ff9b::a9fe:a9fe]/",
    ]) {
      const answer = refused(await admin.POST("/api/v1/webhooks", { body: { url } }), 400);
      expect(answer.error.fields?.url, url).toBe(refusal.error.fields?.url);
    }
    const withCredentials = refused(
      await admin.POST("/api/v1/webhooks", { body: { url: "https://user:s3cret@system.example.gov.cn/hook" } }),
      400,
    );
    expect(withCredentials.error.fields?.url).toMatch(/用户名或密码|user name or password/);
    expect(await db().webhookSubscription.count({ where: { url: { contains: "s3cret" } } })).toBe(0);
    const listed = ok(await admin.GET("/api/v1/webhooks"));
    expect(listed.items.map((item) => item.id)).toEqual(expect.arrayContaining([all.id, acceptOnly.id]));
    expect(JSON.stringify(listed)).not.toContain(all.secret);
    ok(await admin.GET("/api/v1/webhooks/{id}", ofHook(all.id)));

    // A clerk and citizens may not manage them; another department's admin does not see them.
    refused(await (await as("clerk")).GET("/api/v1/webhooks"), 403);

    // Events of the department: a case submitted and accepted.
    const row = await makeCase({ departmentId: clerk.departmentId ?? "" });
    await takeCaseAction(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null });

    failNext = 1;
    const first = await runWebhookRound();
    expect(first.collected).toBeGreaterThanOrEqual(3);
    expect(first.delivered.retried).toBe(1);
    // The log keeps the receiver's status and a coarse class, nothing more.
    expect(
      await db().webhookDelivery.findMany({
        where: { subscriptionId: { in: [all.id, acceptOnly.id] }, lastStatusCode: 503 },
        select: { lastError: true, status: true },
      }),
    ).toEqual([{ lastError: "rejected", status: "PENDING" }]);
    // The failed one waits for its backoff; a round "later" delivers it.
    const second = await runWebhookRound({ now: new Date(Date.now() + 60_000) });
    expect(second.collected).toBe(0);
    expect(second.delivered.sent).toBeGreaterThanOrEqual(1);

    const forCase = (entries: Received[]) =>
      entries.filter((entry) => JSON.parse(entry.body).case.caseNumber === row.caseNumber);
    const atAll = forCase(received.filter((entry) => entry.path === "/all"));
    const atAccept = forCase(received.filter((entry) => entry.path === "/accept"));
    expect(atAll.map((entry) => JSON.parse(entry.body).event).sort()).toEqual(["accept", "submit"]);
    expect(atAccept.map((entry) => JSON.parse(entry.body).event)).toEqual(["accept"]);
    for (const entry of atAll) {
      const valid = verifyWebhookSignature(all.secret, {
        timestamp: String(entry.headers[WEBHOOK_HEADERS.timestamp.toLowerCase()]),
        signature: String(entry.headers[WEBHOOK_HEADERS.signature.toLowerCase()]),
        body: entry.body,
      });
      expect(valid).toBe(true);
      expect(
        verifyWebhookSignature(acceptOnly.secret, {
          timestamp: String(entry.headers["x-onewindow-timestamp"]),
          signature: String(entry.headers["x-onewindow-signature"]),
          body: entry.body,
        }),
      ).toBe(false);
      const payload = JSON.parse(entry.body) as { id: string; case: Record<string, unknown> };
      expect(entry.headers["x-onewindow-delivery"]).toBe(payload.id);
      // No personal data of the applicant in the payload.
      expect(entry.body).not.toContain(row.applicantName);
    }

    // The log: one row per event and subscription.
    const log = ok(await admin.GET("/api/v1/webhooks/{id}/deliveries", ofHook(all.id)));
    const mine = log.items.filter((item) => item.caseNumber === row.caseNumber);
    expect(mine.map((item) => item.status)).toEqual(["SENT", "SENT"]);

    // Replay the accept delivery of both subscriptions: each receiver gets it exactly once more, same id.
    const acceptDelivery = mine.find((item) => item.event === "accept")!;
    const acceptLog = ok(await admin.GET("/api/v1/webhooks/{id}/deliveries", ofHook(acceptOnly.id)));
    const otherAccept = acceptLog.items.find((item) => item.caseNumber === row.caseNumber)!;
    expect(otherAccept.status).toBe("SENT");
    // The one the receiver refused first (503) was sent on its second attempt.
    expect([...mine, otherAccept].map((item) => item.attempts).sort()).toEqual([1, 1, 2]);
    const before = received.length;
    const replay = (id: string, deliveryId: string) =>
      admin.POST("/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", { params: { path: { id, deliveryId } } });
    const replayed = ok(await replay(all.id, acceptDelivery.id), 202);
    expect(replayed.status).toBe("PENDING");
    refused(await replay(all.id, otherAccept.id), 404);
    ok(await replay(acceptOnly.id, otherAccept.id), 202);
    await runWebhookRound();
    await runWebhookRound();
    const replays = received.slice(before);
    expect(replays.map((entry) => entry.path).sort()).toEqual(["/accept", "/all"]);
    expect(replays.find((entry) => entry.path === "/all")?.headers["x-onewindow-delivery"]).toBe(acceptDelivery.id);
    expect(replays.find((entry) => entry.path === "/accept")?.headers["x-onewindow-delivery"]).toBe(otherAccept.id);
    for (const entry of replays) {
      const secret = entry.path === "/all" ? all.secret : acceptOnly.secret;
      expect(
        verifyWebhookSignature(secret, {
          timestamp: String(entry.headers["x-onewindow-timestamp"]),
          signature: String(entry.headers["x-onewindow-signature"]),
          body: entry.body,
        }),
      ).toBe(true);
    }
    // Still one delivery row per subscription and event.
    const caseEvents = await db().caseEvent.findMany({ where: { caseId: row.id }, select: { id: true } });
    expect(
      await db().webhookDelivery.count({ where: { caseEventId: { in: caseEvents.map((event) => event.id) } } }),
    ).toBe(3);

    // Pausing stops new deliveries.
    ok(await admin.PATCH("/api/v1/webhooks/{id}", { ...ofHook(all.id), body: { active: false } }));
    expect(
      (await raw("PATCH", `/api/v1/webhooks/${all.id}`, { token: adminToken, body: { active: "no" } })).status,
    ).toBe(400);
    const current = await db().case.findUniqueOrThrow({ where: { id: row.id } });
    await takeCaseAction(
      clerk,
      row.caseNumber,
      { action: "startReview", expectedVersion: current.version },
      { ip: null },
    );
    const paused = received.length;
    await runWebhookRound();
    expect(received.length).toBe(paused);

    // Another department's administrator: 404 on the subscription, the log and replays.
    const otherDepartment = await db().department.findFirstOrThrow({
      where: { id: { not: clerk.departmentId ?? "" }, parentId: null },
    });
    const { hashPassword } = await import("../../lib/auth/password");
    await db().user.create({
      data: {
        role: "DEPT_ADMIN",
        realName: "他部门管理员",
        loginName: "other-deptadmin",
        passwordHash: await hashPassword("Passw0rd!demo"),
        departmentId: otherDepartment.id,
        ...demoSecondFactor(),
      },
    });
    const other = await as("other-deptadmin");
    refused(await other.GET("/api/v1/webhooks/{id}", ofHook(all.id)), 404);
    refused(await other.GET("/api/v1/webhooks/{id}/deliveries", ofHook(all.id)), 404);
    expect(ok(await other.GET("/api/v1/webhooks")).items).toEqual([]);
  });

  it("logs every network failure as one class, and never tries or shows a URL with credentials stored before they were refused", async () => {
    const admin = await as("deptadmin");
    const clerk = await actorFor({ loginName: "clerk" });
    // A port nothing listens on, and a name that does not resolve: the log must not tell them apart.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const subscribe = async (url: string) =>
      ok(await admin.POST("/api/v1/webhooks", { body: { url, events: ["submit"] } }), 201);
    const closed = await subscribe(`http://127.0.0.1:${closedPort}/hook`);
    const unresolvable = await subscribe("http://onewindow-webhook-test.invalid/hook");
    // A subscription stored before credentials were refused.
    const legacy = await db().webhookSubscription.create({
      data: {
        departmentId: clerk.departmentId ?? "",
        url: `${base.replace("http://", "http://legacy:s3cret@")}/legacy`,
        secret: "whsec_legacy",
        events: ["submit"],
      },
    });

    const row = await makeCase({ departmentId: clerk.departmentId ?? "" });
    await runWebhookRound();

    const logOf = async (id: string) => {
      const log = ok(await admin.GET("/api/v1/webhooks/{id}/deliveries", ofHook(id)));
      return log.items
        .filter((item) => item.caseNumber === row.caseNumber)
        .map(({ status, lastStatusCode, lastError }) => ({ status, lastStatusCode, lastError }));
    };
    expect(await logOf(closed.id)).toEqual([{ status: "PENDING", lastStatusCode: null, lastError: "undeliverable" }]);
    expect(await logOf(unresolvable.id)).toEqual([
      { status: "PENDING", lastStatusCode: null, lastError: "undeliverable" },
    ]);
    // The legacy one is not tried (the receiver would have got the credentials as Basic authorization) …
    expect(await logOf(legacy.id)).toEqual([{ status: "FAILED", lastStatusCode: null, lastError: "refused" }]);
    expect(received.filter((entry) => entry.path === "/legacy")).toEqual([]);
    // … and its credentials are shown nowhere.
    const text = ok(await admin.GET("/api/v1/webhooks", { parseAs: "text" }));
    expect(text).toContain("/legacy");
    expect(text).not.toContain("s3cret");
    expect(ok(await admin.GET("/api/v1/webhooks/{id}", { ...ofHook(legacy.id), parseAs: "text" }))).not.toContain(
      "s3cret",
    );
  });

  it("checked every documented webhook operation against the document", () => {
    const expected = documentedApiOperations().filter((operation) => operation.includes("/webhooks"));
    expect(expected.filter((operation) => !coverage().has(operation))).toEqual([]);
  });
});
