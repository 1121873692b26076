import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { expect } from "vitest";
import { type ApiClient, createApiClient } from "../../lib/api/client";
import { signedInOperations } from "../../lib/api/openapi";
import { storeTotpSecret } from "../../lib/auth/totp-secret";
import { DEMO_TOTP_SECRET } from "../../prisma/seed/demo-accounts";
import { totpAt } from "../support/totp";

/**
 * The REST API tests call the API through the typed client generated from the committed contract
 * (lib/api/client, docs/openapi.json), so the compiler holds every path, parameter and body to the document. The
 * client's fetch hands each request to the real route handler under app/api/v1 (the same code the server runs,
 * found by the route's folder, `[name]` → `{name}`), in this process, and checks every answer against the
 * committed document with ajv (JSON Schema 2020-12): the status must be documented for that operation and the body
 * must validate against its schema. `coverage()` lists the operations that have been checked, so a test can insist
 * that every documented operation was exercised. `raw()` sends what the typed client cannot express (malformed
 * JSON, wrong types, a missing header) through the same handlers and the same check.
 */

const fromRoot = (file: string) => path.resolve(import.meta.dirname, "../..", file);

type Schema = Record<string, unknown>;
type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
export const document = JSON.parse(readFileSync(fromRoot("docs/openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: "contract", components: document.components }, "contract");
const compiled = new Map<string, ValidateFunction>();
const checked = new Set<string>();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { template: string; pattern: RegExp; names: string[]; file: string };

const ROUTES_DIR = fromRoot("app/api/v1");

function findRoutes(dir: string): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) routes.push(...findRoutes(full));
    else if (entry.name === "route.ts") {
      const segments = path.relative(ROUTES_DIR, dir).split(path.sep).filter(Boolean);
      const names: string[] = [];
      const template = `/api/v1/${segments.map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`.replace(
        /\/$/,
        "",
      );
      const pattern = new RegExp(
        `^/api/v1${segments
          .map((segment) => {
            const parameter = /^\[(\w+)\]$/.exec(segment);
            if (!parameter) return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
            names.push(parameter[1]!);
            return "/([^/]+)";
          })
          .join("")}$`,
      );
      routes.push({ template, pattern, names, file: full });
    }
  }
  return routes;
}

/** Every route handler file under app/api/v1, with its path template as the document spells it. */
export const routes: Route[] = findRoutes(ROUTES_DIR);
const modules = new Map<string, Promise<Record<string, unknown>>>();

/** The exported handlers of a route (GET, POST …) by method. */
export function handlersOf(route: Route): Promise<Record<string, unknown>> {
  let loaded = modules.get(route.file);
  if (!loaded) {
    loaded = import(route.file) as Promise<Record<string, unknown>>;
    modules.set(route.file, loaded);
  }
  return loaded;
}

function validatorFor(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    // Local references of the document ("#/components/…") resolve inside the registered "contract" schema.
    validate = ajv.compile(JSON.parse(key.replaceAll('"#/components/', '"contract#/components/')) as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** Checks one answer against the committed document and records the operation as covered. */
async function check(template: string, method: string, response: Response): Promise<void> {
  const operation = document.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is documented`).toBeDefined();
  const documented = operation!.responses[String(response.status)];
  const text = await response.clone().text();
  expect(documented, `${method} ${template} documents status ${response.status}: ${text.slice(0, 500)}`).toBeDefined();
  const media = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const schema = documented!.content?.[media]?.schema ?? documented!.content?.["application/json"]?.schema;
  if (schema && media === "application/json") {
    const validate = validatorFor(schema);
    const valid = validate(JSON.parse(text));
    expect(
      valid,
      `${method} ${template} ${response.status} matches the document: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 800)}`,
    ).toBe(true);
  } else if (documented!.content) {
    expect(Object.keys(documented!.content), `${method} ${template} ${response.status} documents ${media}`).toContain(
      media,
    );
  }
  checked.add(`${method.toUpperCase()} ${template}`);
}

/**
 * Checks an answer that a test got by calling a route handler itself (`template` as the document spells the path)
 * against the committed document, as every answer through the typed client is checked.
 */
export async function expectDocumented(method: string, template: string, response: Response): Promise<void> {
  await check(template, method, response);
}

/** The in-process fetch: finds the route handler for the request's path, calls it, checks the answer. */
export async function dispatch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const match = routes
    .map((route) => ({ route, found: route.pattern.exec(url.pathname) }))
    .find((candidate) => candidate.found);
  if (!match) throw new Error(`no route handler under app/api/v1 for ${url.pathname}`);
  const handler = (await handlersOf(match.route))[request.method] as Handler | undefined;
  if (!handler) throw new Error(`${match.route.file} exports no ${request.method} handler`);
  const params = Object.fromEntries(
    match.route.names.map((name, index) => [name, decodeURIComponent(match.found![index + 1]!)]),
  );
  const response = await handler(request, { params: Promise.resolve(params) });
  // CORS preflights are the transport's, not operations of the contract.
  if (request.method !== "OPTIONS") await check(match.route.template, request.method, response);
  return response;
}

export type ClientOptions = { token?: string | null; ip?: string; headers?: Record<string, string> };

/** The typed client as `token` (none: anonymous) from address `ip` (the per-address rate limits count apart). */
export function apiClient({ token, ip = "203.0.113.10", headers = {} }: ClientOptions = {}): ApiClient {
  return createApiClient({
    baseUrl: "http://localhost",
    fetch: dispatch,
    token: token ?? undefined,
    headers: { "x-onewindow-client-address": ip, ...headers },
  });
}

/** A successful answer's typed body, after checking its status. */
export function ok<T extends { data?: unknown; error?: unknown; response: Response }>(
  result: T,
  status = 200,
): NonNullable<T["data"]> {
  expect(result.response.status, JSON.stringify(result.error)?.slice(0, 500)).toBe(status);
  return result.data as NonNullable<T["data"]>;
}

/** A refused answer's typed error body, after checking its status. */
export function refused<T extends { data?: unknown; error?: unknown; response: Response }>(
  result: T,
  status: number,
): NonNullable<T["error"]> {
  expect(result.response.status, JSON.stringify(result.data)?.slice(0, 500)).toBe(status);
  return result.error as NonNullable<T["error"]>;
}

let signInAddress = 0;

/**
 * Tokens from POST /api/v1/auth/token, each sign-in from its own address (the per-address throttle counts apart).
 * Staff (`secondFactor`) add the current code of the demo authenticator, which the seeded staff and the staff the
 * tests make (`demoSecondFactor()`) use; a code is accepted once (lib/auth/second-factor.ts), so sign each staff
 * account in once and keep its token.
 */
export async function signIn(
  username: string,
  { password = "Passw0rd!demo", secondFactor = false }: { password?: string; secondFactor?: boolean } = {},
) {
  const otp = secondFactor ? await totpAt() : undefined;
  return ok(
    await apiClient({ ip: `198.19.${Math.floor(++signInAddress / 250)}.${1 + (signInAddress % 250)}` }).POST(
      "/api/v1/auth/token",
      { body: { username, password, otp } },
    ),
  );
}

/** The fields that give a staff account made by a test the demo authenticator, already in use. */
export function demoSecondFactor() {
  return { totpSecretEncrypted: storeTotpSecret(DEMO_TOTP_SECRET), totpEnabledAt: new Date() };
}

export type RawOptions = ClientOptions & { body?: unknown; form?: FormData };

/** What the typed client cannot send (invalid JSON, wrong types, missing headers), through the same handlers and check. */
export async function raw(
  method: string,
  pathname: string,
  { token, ip = "203.0.113.10", headers = {}, body, form }: RawOptions = {},
): Promise<Response> {
  const all: Record<string, string> = { "x-onewindow-client-address": ip, ...headers };
  if (token) all.authorization = `Bearer ${token}`;
  const init: RequestInit = { method, headers: all };
  if (form) init.body = form;
  else if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    all["content-type"] ??= "application/json";
  }
  return dispatch(new Request(`http://localhost${pathname}`, init));
}

/** Every documented signed-in operation (method + path template). */
export function documentedApiOperations(): string[] {
  return signedInOperations();
}

export function coverage(): Set<string> {
  return checked;
}
