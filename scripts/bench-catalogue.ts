// `npm run bench:catalogue`: catalogue speed on 10,000 item implementations against the production build.
// Prints search latency p50/p95/p99 over 200 realistic queries, their results (services, as the API groups them
// by default, and implementations) and recall (the service a query was made from among its first 20 results),
// and item-page throughput at 50 connections next to the same page served as a static file. A benchmark, not a
// test: it prints figures and judges nothing.
//   --items N   implementations to reach (default 10000)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { pinyin } from "pinyin-pro";
import { findFreePort, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrateDeploy } from "../lib/db/prisma-cli";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { rebuildSearchIndex } from "../lib/search/index";
import { generateDataKey } from "../lib/security/data-key";
import { setDataKey } from "../lib/security/pii";
import { demoServiceNames, seedDemo } from "../prisma/seed/seed";
import { benchmarkQueries } from "./shared/bench-inputs";

const require = createRequire(import.meta.url);
const target = Number(process.argv[process.argv.indexOf("--items") + 1]) || 10_000;
const dataDir = path.resolve(".data", "bench");
const CHILD_TABLES = [
  "legal_basis",
  "material",
  "fee_item",
  "service_window",
  "faq",
  "process_step",
  "special_procedure",
];

async function columnsOf(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return rows.map((row) => `"${row.column_name}"`);
}

/** Copies every seeded implementation (with its guide) until the catalogue holds `target` of them. */
async function multiplyCatalogue(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>("SELECT count(*) FROM service_item");
    const base = Number(rows[0]?.count ?? 0);
    const copies = Math.max(0, Math.ceil(target / base) - 1);
    await client.query("BEGIN");
    await client.query(
      "CREATE TEMP TABLE copy_map ON COMMIT DROP AS SELECT s.id AS old_id, gen_random_uuid() AS new_id, n FROM service_item s, generate_series(1, $1::int) AS n",
      [copies],
    );
    const itemColumns = (await columnsOf(client, "service_item")).filter(
      (column) => column !== '"id"' && column !== '"implementation_code"',
    );
    await client.query(
      `INSERT INTO service_item ("id", "implementation_code", ${itemColumns.join(", ")})
       SELECT m.new_id, s.implementation_code || '-' || m.n, ${itemColumns.map((column) => `s.${column}`).join(", ")}
       FROM service_item s JOIN copy_map m ON m.old_id = s.id`,
    );
    for (const table of CHILD_TABLES) {
      const columns = (await columnsOf(client, table)).filter(
        (column) => column !== '"id"' && column !== '"service_item_id"',
      );
      await client.query(
        `INSERT INTO ${table} ("id", "service_item_id", ${columns.join(", ")})
         SELECT gen_random_uuid(), m.new_id, ${columns.map((column) => `c.${column}`).join(", ")}
         FROM ${table} c JOIN copy_map m ON m.old_id = c.service_item_id`,
      );
    }
    await client.query(
      `INSERT INTO "_ServiceItemToTheme" ("A", "B") SELECT m.new_id, t."B" FROM "_ServiceItemToTheme" t JOIN copy_map m ON m.old_id = t."A"`,
    );
    await client.query("COMMIT");
    const after = await client.query<{ count: string }>("SELECT count(*) FROM service_item");
    await client.query("ANALYZE");
    return Number(after.rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * The seeded names each benchmark query was made from: benchmarkQueries (shared/bench-inputs.ts) makes these five
 * variants of every name. A query this does not know (the variants changed there) is counted as unjudged.
 */
function intendedNames(): Map<string, Set<string>> {
  const intended = new Map<string, Set<string>>();
  for (const name of demoServiceNames()) {
    const variants = [
      name,
      name.slice(0, 4),
      pinyin(name.slice(0, 4), { toneType: "none", type: "array" }).join(""),
      pinyin(name.slice(0, 5), { pattern: "first", toneType: "none", type: "array" }).join(""),
      `${name.slice(0, 2)}${name.slice(3, 6)}`,
    ];
    for (const variant of variants) intended.set(variant, new Set([...(intended.get(variant) ?? []), name]));
  }
  return intended;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function run(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) =>
    spawn(process.execPath, command, { stdio: "inherit", env }).on("exit", (code) => resolve(code ?? 1)),
  );
}

async function load(url: string, duration = 10) {
  const result = await autocannon({ url, connections: 50, duration });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

await rm(dataDir, { recursive: true, force: true });
// A throw-away database gets a throw-away data key (the seed encrypts the demo accounts' numbers; the app reads them).
process.env.ONEWINDOW_DATA_KEY = generateDataKey();
setDataKey(process.env.ONEWINDOW_DATA_KEY);
const server = await startEmbeddedPostgres({
  dataDir,
  database: `bench_${randomBytes(3).toString("hex")}`,
  persistent: false,
});
const nextBin = require.resolve("next/dist/bin/next");
let app: ReturnType<typeof spawn> | undefined;
try {
  await migrateDeploy(server.url);
  await seedDemo(server.url);
  const items = await multiplyCatalogue(server.url);
  const indexClient = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url }) });
  const built = await rebuildSearchIndex(indexClient).finally(() => indexClient.$disconnect());
  console.log(`catalogue: ${items} item implementations; search index rebuilt in ${built.milliseconds} ms`);

  const env = {
    ...process.env,
    DATABASE_URL: server.url,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    TRUSTED_PROXIES: "127.0.0.1,::1",
  };
  if ((await run([nextBin, "build"], env)) !== 0) throw new Error("build failed");
  const port = await findFreePort();
  // The production server exactly as `npm start` runs it (scripts/server.ts).
  app = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "server.ts")], {
    stdio: "ignore",
    env: { ...env, PORT: String(port) },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, 60_000);

  // Search: sequential requests, so each figure is one query's own latency. Each address gets its own
  // client address so the public API's rate limit measures nothing here.
  // Warm-up first (the server's first requests compile code and open connections): 20 queries, not counted.
  for (const [index, query] of benchmarkQueries().slice(0, 20).entries()) {
    await (
      await fetch(`${base}/api/v1/items?q=${encodeURIComponent(query)}&pageSize=20`, {
        headers: { "x-forwarded-for": `10.8.0.${index}` },
      })
    ).arrayBuffer();
  }
  const latencies: number[] = [];
  const timed: { query: string; ms: number }[] = [];
  const intended = intendedNames();
  let found = 0;
  let services = 0;
  let recalled = 0;
  let judged = 0;
  for (const [index, query] of benchmarkQueries().entries()) {
    const started = performance.now();
    // The API's default answer: one result per service (issue 17), which is what people see.
    const response = await fetch(`${base}/api/v1/items?q=${encodeURIComponent(query)}&pageSize=20`, {
      headers: { "x-forwarded-for": `10.9.${index >> 8}.${index & 255}` },
    });
    const body = (await response.json()) as { total?: number; items?: { name: string }[] };
    latencies.push(performance.now() - started);
    timed.push({ query, ms: performance.now() - started });
    if ((body.total ?? 0) > 0) found++;
    services += body.total ?? 0;
    const expected = intended.get(query);
    if (expected) {
      judged++;
      if ((body.items ?? []).some((item) => expected.has(item.name))) recalled++;
    }
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `search (HTTP, 200 queries after 20 warm-up ones): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; ${found}/200 queries found items`,
  );
  const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, 10);
  console.log(`  slowest: ${slowest.map(({ query, ms }) => `${query} ${ms.toFixed(0)} ms`).join(", ")}`);
  // The same queries as rows (implementations=all), untimed, to show what grouping folds away.
  let implementations = 0;
  for (const [index, query] of benchmarkQueries().entries()) {
    const response = await fetch(`${base}/api/v1/items?q=${encodeURIComponent(query)}&pageSize=1&implementations=all`, {
      headers: { "x-forwarded-for": `10.10.${index >> 8}.${index & 255}` },
    });
    implementations += ((await response.json()) as { total?: number }).total ?? 0;
  }
  console.log(
    `  results per query: ${(services / 200).toFixed(1)} services (grouped, the default), ${(implementations / 200).toFixed(1)} implementations (implementations=all)`,
  );
  console.log(
    `  recall: the service a query was made from is among its first 20 results for ${recalled}/${judged} queries${judged < 200 ? ` (${200 - judged} unjudged)` : ""}`,
  );

  const { rows } = await (async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      return await client.query<{ implementation_code: string }>(
        "SELECT implementation_code FROM service_item ORDER BY popularity DESC LIMIT 1",
      );
    } finally {
      await client.end();
    }
  })();
  const itemUrl = `${base}/items/${rows[0]?.implementation_code}`;

  const staticDir = path.join(dataDir, "static");
  await mkdir(staticDir, { recursive: true });
  const file = path.join(staticDir, "item.html");
  await writeFile(file, await (await fetch(itemUrl)).text());
  // The static file server is a process of its own, like the app: the load generator (this process) must not
  // share an event loop with either side it measures. It reads the file from disk on every request.
  const staticPort = await findFreePort();
  const staticServer = spawn(
    process.execPath,
    [
      "-e",
      `require("node:http").createServer((q, s) => require("node:fs").readFile(${JSON.stringify(file)}, (e, b) => { s.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }); s.end(b); })).listen(${staticPort}, "127.0.0.1")`,
    ],
    { stdio: "ignore" },
  );
  await waitFor(`http://127.0.0.1:${staticPort}/`, 10_000);
  // Warm both (JIT, the item page's cache) before measuring.
  await load(itemUrl, 3);
  const dynamicPage = await load(itemUrl);
  await load(`http://127.0.0.1:${staticPort}/`, 3);
  const staticPage = await load(`http://127.0.0.1:${staticPort}/`);
  staticServer.kill();

  console.log(
    `item page (50 connections, 10 s): ${dynamicPage.rps.toFixed(0)} req/s, p99 ${dynamicPage.p99} ms, ${dynamicPage.errors} errors`,
  );
  console.log(`same page as a static file from disk: ${staticPage.rps.toFixed(0)} req/s, p99 ${staticPage.p99} ms`);
  console.log(`item page rate / static rate: ${((dynamicPage.rps / staticPage.rps) * 100).toFixed(0)}%`);
} finally {
  app?.kill("SIGTERM");
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
