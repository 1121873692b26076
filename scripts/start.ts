// `npm start`: database (embedded unless DATABASE_URL), migrations, demo seed, build when sources changed,
// then the Next.js server. Ctrl-C stops the server and the embedded database cleanly.
//   --dev        run `next dev` instead of a production build
//   --no-build   serve the existing build as it is (tests build once, then start several times)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { type Env, env, EnvError } from "../lib/env";
import { prepareDatabase } from "../lib/db/prepare";
import { logger } from "../lib/logger";

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

const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestMtime(source) <= builtAt);
}

function run(command: string[], childEnv: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { stdio: "inherit", env: childEnv });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const seed = (config.ONEWINDOW_SEED ?? (config.DATABASE_URL ? "none" : "demo")) === "demo";
const database = await prepareDatabase({ seed, log });
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  NEXTAUTH_SECRET: await authSecret(),
  NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`,
  PORT: String(config.PORT),
};

let stopping = false;
let jobs: ReturnType<typeof spawn> | null = null;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const child = jobs;
    if (child && child.exitCode === null) await new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM")));
    await database.stop();
  }
  process.exit(code);
}

if (!dev && !args.has("--no-build") && !buildIsCurrent()) {
  log("building the app (sources changed since the last build)");
  const code = await run([nextBin, "build"], { ...childEnv, NODE_ENV: "production" });
  if (code !== 0) await shutdown(code);
}

log(`serving http://localhost:${config.PORT}`);
const server = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "--port", String(config.PORT)], {
  stdio: "inherit",
  env: { ...childEnv, NODE_ENV: dev ? "development" : "production" },
});

// Background jobs (the deadline job) in their own process with the same environment; see scripts/jobs.ts.
jobs = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "jobs.ts")], { stdio: "inherit", env: childEnv });

// Notification worker (events → inbox, e-mail and SMS with retries) in its own process; see scripts/notifications.ts.
const notificationWorker = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "notifications.ts")], { stdio: "inherit", env: childEnv });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => notificationWorker.kill("SIGTERM"));
process.on("exit", () => notificationWorker.kill("SIGTERM"));

// Webhook loop (department webhooks of the REST API: signed deliveries with retries) in its own process; see scripts/webhooks.ts.
const webhookWorker = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "webhooks.ts")], { stdio: "inherit", env: childEnv });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => webhookWorker.kill("SIGTERM"));
process.on("exit", () => webhookWorker.kill("SIGTERM"));

// Statistics job (case_stats_daily, refreshed every 5 minutes) in its own process; see scripts/statistics.ts.
const statisticsJob = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "statistics.ts")], { stdio: "inherit", env: childEnv });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => statisticsJob.kill("SIGTERM"));
process.on("exit", () => statisticsJob.kill("SIGTERM"));

let signalled = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    signalled = true;
    log(`received ${signal}: stopping`);
    jobs?.kill("SIGTERM");
    server.kill("SIGTERM");
  });
}
server.on("exit", (code) => void shutdown(signalled ? 0 : (code ?? 0)));
