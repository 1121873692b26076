import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, startEmbeddedPostgres } from "../../lib/db/embedded";
import { isDatabaseUnavailable } from "../../lib/db/unavailable";

/**
 * The database restarts while the app runs: during the outage the health route answers 503 (load balancers take
 * the instance out) and queries fail with an error recognised as "database unavailable", which the route-handler
 * transport (lib/api/http.ts, signed-in and public routes) answers with 503 + Retry-After, never a bare 500; once the server is back the same process, with the same pool, answers again — no app restart.
 *
 * A real embedded PostgreSQL of its own is stopped and started again. It may come back on another port (the
 * embedded server takes a free one), so the app reaches it through a small TCP relay on a fixed port, standing
 * in for the stable host name a deployment has; the relay forwards to whichever server is up and refuses while
 * none is.
 */

let dataDir = "";
let server: DatabaseHandle | null = null;
let upstreamPort: number | null = null;
const relaySockets = new Set<net.Socket>();
const relay = net.createServer((client) => {
  relaySockets.add(client);
  client.on("close", () => relaySockets.delete(client));
  if (upstreamPort === null) {
    client.destroy();
    return;
  }
  const upstream = net.connect(upstreamPort, "127.0.0.1");
  relaySockets.add(upstream);
  upstream.on("close", () => relaySockets.delete(upstream));
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on("error", close);
  upstream.on("error", close);
});

function portOf(url: string): number {
  return Number(new URL(url).port);
}

afterAll(async () => {
  const { db } = await import("../../lib/db/client");
  await db().$disconnect();
  (globalThis as { onewindowDb?: unknown }).onewindowDb = undefined;
  await server?.stop();
  for (const socket of relaySockets) socket.destroy();
  await new Promise((resolve) => relay.close(resolve));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function health(): Promise<{ status: number; body: unknown }> {
  const { GET } = await import("../../app/api/health/route");
  const response = await GET();
  return { status: response.status, body: await response.json() };
}

describe("database restart while the app runs", () => {
  it("answers 503 during the outage and recovers by itself afterwards", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "ow-restart-"));
    server = await startEmbeddedPostgres({ dataDir, persistent: true });
    upstreamPort = portOf(server.url);
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    const relayPort = (relay.address() as net.AddressInfo).port;
    const url = new URL(server.url);
    url.port = String(relayPort);

    // A fresh module graph whose pool points at the relay (like the health test does for an unreachable URL).
    vi.resetModules();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url.toString();
    (globalThis as { onewindowDb?: unknown }).onewindowDb = undefined;
    try {
      const { db } = await import("../../lib/db/client");
      expect(await health()).toEqual({ status: 200, body: { status: "ok", db: "ok" } });
      expect(await db().$queryRaw<{ n: number }[]>`SELECT 1::int AS n`).toEqual([{ n: 1 }]);

      // The server stops (clean shutdown: open connections are terminated).
      await server.stop();
      server = null;
      upstreamPort = null;

      expect(await health()).toEqual({ status: 503, body: { status: "degraded", db: "unreachable" } });
      const failure = await db().$queryRaw`SELECT 1`.then(() => null).catch((error: unknown) => error);
      expect(failure).not.toBeNull();
      expect(isDatabaseUnavailable(failure), String(failure)).toBe(true);
      // Route handlers say so: 503 with Retry-After, never a bare 500.
      const { GET: items } = await import("../../app/api/v1/items/route");
      const answer503 = await items(
        new Request("http://localhost/api/v1/items", { headers: { "x-onewindow-client-address": "203.0.113.9" } }),
        { params: Promise.resolve({}) },
      );
      expect(answer503.status).toBe(503);
      expect(answer503.headers.get("retry-after")).toBe("5");
      expect(((await answer503.json()) as { error: { code: string } }).error.code).toBe("UNAVAILABLE");

      // It comes back (possibly on another port behind the same address); the same pool reconnects.
      server = await startEmbeddedPostgres({ dataDir, persistent: true });
      upstreamPort = portOf(server.url);
      let answer = await health();
      for (let attempt = 0; attempt < 5 && answer.status !== 200; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        answer = await health();
      }
      expect(answer).toEqual({ status: 200, body: { status: "ok", db: "ok" } });
      expect(await db().$queryRaw<{ n: number }[]>`SELECT 2::int AS n`).toEqual([{ n: 2 }]);
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it("tells a database outage from a fault in the request", () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "P1001" }))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new Error("wrapped", {
          cause: Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
        }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
  });
});
