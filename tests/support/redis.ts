import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach } from "vitest";
import { findFreePort } from "../../lib/db/embedded";

/**
 * A throw-away Redis for a test file, like the embedded PostgreSQL of the integration suite: Debian's `redis-server`
 * on a free port of 127.0.0.1, nothing persisted (`--save "" --appendonly no`), its working folder in a temp
 * folder of its own that `stop()` removes. `pause()`/`resume()` stop and start the same server on the same port, so
 * a test can watch clients lose and regain it.
 *
 * When `redis-server` is not installed the test FAILS (a skipped test is not a passing one): CI installs it
 * (`.ci/run`), a developer runs `apt-get install redis-server`.
 */
export type TestRedis = {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Stops the server (the port stays reserved for `resume`). */
  pause(): Promise<void>;
  /** Starts it again on the same port, empty. */
  resume(): Promise<void>;
  /** Stops it for good and removes its folder. */
  stop(): Promise<void>;
};

const BINARY = process.env.REDIS_SERVER_BIN ?? "redis-server";
const START_TIMEOUT_MS = 10_000;

export function redisServerMissingMessage(): string | null {
  const probe = spawnSync(BINARY, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return `${BINARY} was not found or does not run (${probe.error?.message ?? probe.stderr}). The Redis tests need it: install it with \`apt-get install redis-server\` (CI's .ci/run installs it when missing).`;
  }
  return null;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      BINARY,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
        "--daemonize",
        "no",
        "--protected-mode",
        "yes",
        "--loglevel",
        "warning",
        "--logfile",
        "",
      ],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`redis-server did not accept connections on port ${port} within ${START_TIMEOUT_MS} ms:\n${output}`),
      );
    }, START_TIMEOUT_MS);
    const settle = (error?: Error) => {
      clearTimeout(timer);
      child.removeAllListeners("exit");
      child.removeAllListeners("error");
      if (error) reject(error);
      else resolve(child);
    };
    child.on("error", (error) => settle(new Error(`${redisServerMissingMessage() ?? ""} ${error.message}`.trim())));
    child.on("exit", (code) => settle(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)));
    // Its log (start-up errors such as a taken port) goes to stdout; keep the tail for the error message.
    const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    // At log level "warning" the server prints nothing when it is ready, so ask it.
    const poll = async () => {
      while (child.exitCode === null && !child.killed) {
        if (await answersPing(port)) return settle();
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    void poll();
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    let reply = "";
    socket.setTimeout(500, () => socket.destroy());
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) socket.end();
    });
    socket.on("error", () => resolve(false));
    socket.on("close", () => resolve(reply.startsWith("+PONG")));
  });
}

function halt(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts a throw-away Redis; throws (failing the test) when redis-server is missing. */
export async function startTestRedis(): Promise<TestRedis> {
  const missing = redisServerMissingMessage();
  if (missing) throw new Error(missing);
  const dir = await mkdtemp(path.join(os.tmpdir(), "onewindow-redis-"));
  let port = 0;
  let child: ChildProcess | null = null;
  // Another process may take the free port between the probe and the start: try a few.
  for (let attempt = 0; ; attempt++) {
    port = await findFreePort();
    try {
      child = await launch(port, dir);
      break;
    } catch (error) {
      if (attempt >= 4) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  // A crashed or killed test worker must not leave the server behind.
  const onExit = () => child?.kill("SIGKILL");
  process.once("exit", onExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async pause() {
      await halt(child);
      child = null;
    },
    async resume() {
      if (!child) child = await launch(port, dir);
    },
    async stop() {
      process.off("exit", onExit);
      await halt(child);
      child = null;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A throw-away Redis started on first `start()` and shared after that; `get()` hands it to a test. When it cannot
 * start (redis-server missing), every `start()` rejects with the reason, so run `start` in a beforeEach: each test
 * then FAILS (a failing beforeAll would mark them skipped instead).
 */
export function lazyTestRedis(): { start: () => Promise<void>; get: () => TestRedis; stop: () => Promise<void> } {
  let started: Promise<TestRedis> | null = null;
  let current: TestRedis | null = null;
  return {
    async start() {
      current = await (started ??= startTestRedis());
    },
    get() {
      if (!current) throw new Error("the test Redis is not running (see the first failure)");
      return current;
    },
    async stop() {
      const server = await started?.catch(() => null);
      await server?.stop();
    },
  };
}

/** A throw-away Redis for every test of the calling file or describe block (see lazyTestRedis). */
export function useTestRedis(): () => TestRedis {
  const redis = lazyTestRedis();
  beforeEach(redis.start);
  afterAll(redis.stop);
  return redis.get;
}
