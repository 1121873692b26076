import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { startEmbeddedPostgres } from "../../lib/db/embedded";

/**
 * Database outage under a running production server (issue 8): pages answer 503 with Retry-After and a plain
 * outage page (not the generic error page with 500), and come back by themselves when the database does, with
 * no restart of the app.
 *
 * A second instance of the production server runs on the e2e database through a TCP relay in this test, which
 * stands in for the network between app and database: cutting the relay is the outage (every connection drops,
 * new ones are refused), restoring it is the recovery. The main e2e server and its database are not disturbed.
 */

const PORT = Number(process.env.E2E_OUTAGE_PORT ?? 3193);
const base = `http://localhost:${PORT}`;
let server: ChildProcess | null = null;
let upstreamPort: number | null = null;
const sockets = new Set<net.Socket>();
const relay = net.createServer((client) => {
  sockets.add(client);
  client.on("close", () => sockets.delete(client));
  if (upstreamPort === null) return void client.destroy();
  const upstream = net.connect(upstreamPort, "127.0.0.1");
  sockets.add(upstream);
  upstream.on("close", () => sockets.delete(upstream));
  client.pipe(upstream).pipe(client);
  const close = () => (client.destroy(), upstream.destroy());
  client.on("error", close);
  upstream.on("error", close);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null && server.signalCode === null) process.kill(-server.pid, "SIGKILL");
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => relay.close(resolve));
});

async function status(path: string): Promise<number> {
  return (await fetch(`${base}${path}`, { redirect: "manual" }).catch(() => null))?.status ?? 0;
}

test("pages answer 503 with an outage page while the database is unreachable, and recover without a restart", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const database = await startEmbeddedPostgres({ dataDir: ".data/e2e" });
  const target = new URL(database.url);
  upstreamPort = Number(target.port);
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  target.port = String((relay.address() as net.AddressInfo).port);

  let output = "";
  server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-build"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: target.toString(),
      ONEWINDOW_SEED: "none",
      ONEWINDOW_DATA_DIR: ".data/e2e",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      CASE_DEADLINE_JOB_SECONDS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => status("/api/health"), { timeout: 90_000, intervals: [500] }).toBe(200);
  expect(await status("/departments"), output.slice(-2000)).toBe(200);

  // The outage: every connection to the database drops and new ones are refused.
  upstreamPort = null;
  for (const socket of sockets) socket.destroy();

  // /departments is in the page cache now, and its catalogue reads in the tagged data cache: it needs no database.
  // A search nobody made before does (that request may still get the error page; the ones after it get the outage
  // page); once the outage is known, every page, the cached ones too, gets the outage page (lib/http/app-server.ts).
  await expect.poll(() => status("/search?q=%E5%81%9C%E7%94%B5"), { timeout: 20_000, intervals: [250] }).toBe(503);
  expect(await status("/departments")).toBe(503);
  const response = await fetch(`${base}/departments`);
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(await response.text()).toContain("服务暂时不可用");
  expect(await status("/api/health")).toBe(503);
  const english = await fetch(`${base}/search?q=%E7%A4%BE%E4%BF%9D&lang=en`);
  expect(english.status).toBe(503);
  expect(await english.text()).toContain("Service temporarily unavailable");

  // Readable in a browser: one heading, the reload link back to the same address.
  await page.goto(`${base}/departments`);
  await expect(page.getByRole("heading", { level: 1, name: "服务暂时不可用" })).toBeVisible();
  await expect(page.getByRole("link", { name: "重新加载本页" })).toHaveAttribute("href", "/departments");

  // Recovery: the same process answers again within seconds.
  upstreamPort = Number(new URL(database.url).port);
  await expect.poll(() => status("/departments"), { timeout: 20_000, intervals: [500] }).toBe(200);
  await page.goto(`${base}/departments`);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("服务暂时不可用");
  expect(server.exitCode, output.slice(-2000)).toBeNull();

  // And it stops when asked, within the bounds the server and the jobs process set themselves (35 s, 10 s).
  server.kill("SIGTERM");
  const stopped = await Promise.race([
    new Promise((resolve) => server!.once("exit", () => resolve(true))),
    new Promise((resolve) => setTimeout(() => resolve(false), 40_000)),
  ]);
  expect(stopped, output.slice(-2000)).toBe(true);
});
