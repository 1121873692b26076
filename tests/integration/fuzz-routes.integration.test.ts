import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "../../lib/http/client-ip";
import { HOSTILE_STRINGS } from "../support/hostile";

/**
 * Hostile input to every route handler of the API (app/api/**, found on disk, so a new one is fuzzed too):
 * SQL and script injection strings, invalid UTF-8 and percent-encoding, NUL and the other control characters,
 * bidi overrides, empty and very long strings (tests/support/hostile.ts), oversized and deeply nested JSON, wrong
 * content types, in path parameters, query strings and bodies — anonymously, with a citizen's bearer token and
 * with a staff member's (clerks, department and platform administrators, supervisors: the console and webhook
 * routes answer only them, and `GET /api/v1/console/cases?q=%00` was a 500). Every answer must be a clear 4xx (a JSON error with a message) or a normal answer to a
 * harmless query (a search for "' OR 1=1 --" simply finds nothing), never a 5xx; and the database must be
 * unchanged by all of it, apart from the tables that record requests by design (sign-in attempts, search
 * statistics and journey counts, API rate limits, tokens issued to the fuzzing account).
 *
 * Route handlers are called in-process with real Request objects (no server), against this file's database. A path
 * whose percent-encoding is not UTF-8 never reaches a handler (lib/http/app-server.ts answers 400 first); the page
 * routes and that answer are probed over HTTP by tests/e2e/authz.spec.ts.
 */

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const deepObject = (depth: number): string => `${'{"a":'.repeat(depth)}"x"${"}".repeat(depth)}`;
const deepArray = (depth: number): string => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/** Query parameters every GET gets, each set to the hostile string. */
const QUERY_NAMES = [
  "q",
  "code",
  "page",
  "pageSize",
  "region",
  "cursor",
  "after",
  "item",
  "applicant",
  "from",
  "to",
  "status",
  "view",
  "department",
  "lang",
];

/** Hostile strings also sent in one query parameter at a time (the control characters above all: `q=%00`). */
const SINGLE_PARAMETER = [
  "%00",
  "%ff",
  "\u0000",
  "a\u0000b",
  "\u0080\u0085\u009b\u009f",
  "上海\u202e司公限有",
  "line\nbreak\r\ttab",
  "",
];

/** Fields of the JSON body that carries the hostile string in every one of them. */
const BODY_FIELDS = [
  "username",
  "password",
  "refresh_token",
  "token",
  "itemCode",
  "step",
  "validateStep",
  "reason",
  "legalBasis",
  "action",
  "trackingNumber",
  "targetDepartment",
  "departmentId",
  "departmentCode",
  "assigneeId",
  "kind",
  "text",
  "note",
  "comment",
  "url",
  "name",
  "title",
  "body",
  "materialCode",
  "fileId",
  "declaration",
];

/** Bodies as [content type, body]. */
const BODIES: [string | null, BodyInit][] = [
  ["application/json", "{"],
  ["application/json", "null"],
  ["application/json", "[]"],
  ["application/json", '"just a string"'],
  ["application/json", deepObject(5_000)],
  ["application/json", deepArray(100_000)],
  [
    "application/json",
    JSON.stringify({
      username: "' OR 1=1 --",
      password: "x",
      applicationId: "' OR 1=1 --",
      answers: { __proto__: { admin: true } },
      action: "<script>",
    }),
  ],
  ["application/json", JSON.stringify({ blob: "x".repeat(3 * 1024 * 1024) })],
  ["application/json", Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
  ["text/plain", "hello"],
  ["application/x-www-form-urlencoded", "a=1&b=%ZZ"],
  [
    "multipart/form-data; boundary=xyz",
    '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.svg"\r\n\r\n<svg onload=alert(1)>\r\n--xyz--\r\n',
  ],
  ["multipart/form-data", "no boundary at all"],
  [null, "raw"],
];

const LIGHT_BODIES = BODIES.filter(([, body]) => typeof body !== "string" || body.length < 10_000);

/** Tables that legitimately change when requests arrive (throttling, statistics, tokens of the fuzzing account). */
const RECORDING_TABLES = new Set([
  "login_attempt",
  "login_throttle",
  "search_query_daily",
  "usage_daily",
  "api_token",
  "audit_log",
  "rate_limit",
]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name === "route.ts" ? [full] : [];
  });
}

/**
 * Handlers that read the session cookie (next-auth through next/headers) only run inside a Next.js request; they
 * are requested over HTTP by tests/e2e/authz.spec.ts instead (anonymous → 401, wrong owner → 404).
 */
const SESSION_ROUTES = (file: string) =>
  file.includes("[...nextauth]") || /from "@\/lib\/auth\/session"/.test(readFileSync(file, "utf8"));

const ROUTES = walk("app/api")
  .filter((file) => !SESSION_ROUTES(file))
  .map((file) => ({
    file,
    pattern: `/${path.relative("app", path.dirname(file)).split(path.sep).join("/")}`,
    // Handlers that read their query string get each parameter alone too (the others would only repeat the same call).
    readsQuery: /searchParams|new URL\(request\.url\)|nextUrl/.test(readFileSync(file, "utf8")),
  }))
  .sort((a, b) => a.pattern.localeCompare(b.pattern));

/** Percent-encodes for a URL; a lone surrogate (which has no UTF-8 form) travels as U+FFFD, as a browser sends it. */
const encode = (value: string) => encodeURIComponent(value.toWellFormed());

function fill(pattern: string, value: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = pattern.replace(/\[([^\]]+)\]/g, (_match, name: string) => {
    // The handler gets the value itself, as Next.js hands route handlers their segments decoded.
    params[name] = value;
    return encode(value);
  });
  return { url, params };
}

const tokens: string[] = [];
const staffTokens: string[] = [];
let tokenUses = 0;
let staffTokenUses = 0;
/** The next token, moving to another account every 200 requests (the per-account API budget is 240 a minute). */
const token = () => tokens[Math.floor(tokenUses++ / 200) % tokens.length]!;
const staffToken = () => staffTokens[Math.floor(staffTokenUses++ / 200) % staffTokens.length]!;
type Caller = "anonymous" | "citizen" | "staff";
const CALLERS: Caller[] = ["anonymous", "citizen", "staff"];
const tokenFor = (caller: Caller) => (caller === "citizen" ? token() : caller === "staff" ? staffToken() : null);
let before: Record<string, number> = {};

async function tableCounts(): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind = 'r' ORDER BY relname`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      if (RECORDING_TABLES.has(name)) continue;
      counts[name] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`)).rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  process.env.LOG_LEVEL = "silent";
  const { db } = await import("../../lib/db/client");
  const { randomPhone } = await import("../support/identities");
  const { POST } = (await import("../../app/api/v1/auth/token/route")) as unknown as { POST: Handler };
  const { toStored, wherePhone } = await import("../../lib/accounts/identity-fields");
  const demo = await db().user.findFirstOrThrow({ where: wherePhone("13800138000"), select: { passwordHash: true } });
  const clerk = await db().user.findUniqueOrThrow({ where: { loginName: "clerk" }, select: { departmentId: true } });
  let address = 0;
  const { storeTotpSecret } = await import("../../lib/auth/totp-secret");
  const { DEMO_TOTP_SECRET } = await import("../../prisma/seed/demo-accounts");
  const { totpAt } = await import("../support/totp");
  const signIn = async (username: string, otp?: string) => {
    const answer = await POST(
      new Request("http://localhost/api/v1/auth/token", {
        method: "POST",
        headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: `198.51.100.${++address}` },
        body: JSON.stringify({ username, password: "Passw0rd!demo", otp }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { access_token: string }).access_token;
  };
  // Several accounts of each kind, so that the per-account API budget (240 requests a minute) is not what answers.
  for (let index = 0; index < 24; index++) {
    const phone = randomPhone();
    await db().user.create({
      data: {
        role: "CITIZEN",
        realName: `模糊测试${index}`,
        ...toStored({ phone }),
        passwordHash: demo.passwordHash,
        assuranceLevel: 2,
      },
    });
    tokens.push(await signIn(phone));
  }
  const staffRoles = ["CLERK", "DEPT_ADMIN", "PLATFORM_ADMIN", "SUPERVISOR"].flatMap((role) =>
    Array.from({ length: 4 }, () => role as "CLERK" | "DEPT_ADMIN" | "PLATFORM_ADMIN" | "SUPERVISOR"),
  );
  for (const [index, role] of staffRoles.entries()) {
    const loginName = `fuzz-staff-${index}`;
    const departmentId = role === "CLERK" || role === "DEPT_ADMIN" ? clerk.departmentId : null;
    // Staff who enrolled the demo authenticator (each account signs in once, so one code each is enough).
    await db().user.create({
      data: {
        role,
        realName: `模糊测试员${index}`,
        loginName,
        departmentId,
        passwordHash: demo.passwordHash,
        assuranceLevel: 3,
        totpSecretEncrypted: storeTotpSecret(DEMO_TOTP_SECRET),
        totpEnabledAt: new Date(),
      },
    });
    staffTokens.push(await signIn(loginName, await totpAt()));
  }
  before = await tableCounts();
});

afterAll(async () => {
  const { db } = await import("../../lib/db/client");
  await db().$disconnect();
});

const statuses = new Map<number, number>();

async function check(label: string, response: Response, failures: string[]) {
  const status = response.status;
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (status >= 500) {
    failures.push(`${label}: ${status} ${(await response.text()).slice(0, 200)}`);
    return;
  }
  if (status >= 400 && status !== 405) {
    const text = await response.text();
    let message: unknown;
    try {
      message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    } catch {
      message = undefined;
    }
    if (typeof message !== "string" || message.length === 0)
      failures.push(`${label}: ${status} without a clear message: ${text.slice(0, 120)}`);
  }
}

describe("fuzzing the API route handlers", () => {
  it("finds the route handlers", () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(ROUTES.map((route) => [route.pattern, route] as const))(
    "%s: hostile input never gives a 5xx",
    { timeout: 240_000 },
    async (_pattern, route) => {
      const routeModule = (await import(path.resolve(route.file))) as Record<string, Handler | undefined>;
      const methods = (["GET", "POST", "PATCH", "PUT", "DELETE"] as const).filter(
        (method) => typeof routeModule[method] === "function",
      );
      expect(methods.length).toBeGreaterThan(0);
      const failures: string[] = [];
      let ip = 0;
      // Routes without path parameters get the whole corpus in their query string (GET) or only a few bodies' worth.
      const corpus = route.pattern.includes("[")
        ? HOSTILE_STRINGS
        : HOSTILE_STRINGS.filter((_, index) => index < 3 || index % 3 === 0);
      for (const method of methods) {
        const handler = routeModule[method]!;
        for (const caller of CALLERS) {
          for (const hostile of method === "GET" ? HOSTILE_STRINGS : corpus) {
            const { url, params } = fill(route.pattern, hostile);
            const value = encode(hostile);
            const query = `?${QUERY_NAMES.map((name) => `${name}=${value}`).join("&")}`;
            // A fresh address each time: the rate limits are not what is tested here.
            const auth = tokenFor(caller);
            const label = (extra: string) =>
              `${method} ${url.slice(0, 60)}${extra} ${caller} ${JSON.stringify(hostile.slice(0, 12))}`;
            const headers: Record<string, string> = {
              [CLIENT_ADDRESS_HEADER]: `203.0.113.${(ip++ % 250) + 1}`,
              ...(auth ? { authorization: `Bearer ${auth}` } : {}),
            };
            if (method === "GET") {
              await check(
                label(query.slice(0, 20)),
                await handler(new Request(`http://localhost${url}${query}`, { headers }), {
                  params: Promise.resolve(params),
                }),
                failures,
              );
              // Each parameter alone too: with all of them hostile, the first refused one (an enum) hides the others.
              if (route.readsQuery && SINGLE_PARAMETER.includes(hostile))
                for (const name of QUERY_NAMES) {
                  const single = `?${name}=${value}`;
                  await check(
                    label(single.slice(0, 30)),
                    await handler(new Request(`http://localhost${url}${single}`, { headers }), {
                      params: Promise.resolve(params),
                    }),
                    failures,
                  );
                }
              continue;
            }
            // The oversized and deeply nested bodies do not depend on the hostile string: once per caller is enough.
            for (const [type, body] of hostile === corpus[0] ? BODIES : LIGHT_BODIES) {
              const next = tokenFor(caller);
              if (next) headers.authorization = `Bearer ${next}`;
              const request = new Request(`http://localhost${url}`, {
                method,
                headers: { ...headers, ...(type ? { "content-type": type } : {}) },
                body,
              });
              await check(label(` ${type}`), await handler(request, { params: Promise.resolve(params) }), failures);
            }
            // The hostile string as every field of a JSON body: names, reasons, ids, codes ("departmentId": "").
            const fields = Object.fromEntries(BODY_FIELDS.map((name) => [name, hostile]));
            const next = tokenFor(caller);
            const request = new Request(`http://localhost${url}`, {
              method,
              headers: {
                ...headers,
                ...(next ? { authorization: `Bearer ${next}` } : {}),
                "content-type": "application/json",
              },
              body: JSON.stringify({
                ...fields,
                answers: { name: hostile, [hostile.slice(0, 60)]: hostile },
                supplementList: [{ materialCode: hostile, field: hostile, note: hostile }],
                expectedVersion: 0,
              }),
            });
            await check(label(" json fields"), await handler(request, { params: Promise.resolve(params) }), failures);
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it("left the database unchanged", async () => {
    expect(await tableCounts()).toEqual(before);
  });

  it("reached the handlers' own checks, not only the rate limits", () => {
    const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThan(2000);
    expect(statuses.get(429) ?? 0).toBeLessThan(total / 4);
    // Refused by validation, lookup, content type or size (signed in), or for lack of a token (anonymous); or a normal
    // answer to a harmless query (one parameter at a time, most of the others are left out).
    const handled = [200, 400, 401, 404, 409, 413, 415, 422].reduce(
      (sum, status) => sum + (statuses.get(status) ?? 0),
      0,
    );
    expect(handled, JSON.stringify(Object.fromEntries(statuses))).toBeGreaterThan((total * 3) / 4);
  });
});
