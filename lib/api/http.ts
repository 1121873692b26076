import "server-only";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "../db/unavailable";
import type { z } from "zod";
import { env } from "../env";
import { type AppError, isAppError } from "../errors";
import { isFileRejected } from "../files/errors";
import { translate } from "../i18n/translate";
import { clientIpFrom } from "../http/client-ip";
import { createRateLimiter, retryAfterSeconds } from "../http/rate-limit";
import { type Locale, localeFromParam } from "../i18n/config";
import { logger } from "../logger";
import {
  API_POINTS_PER_MINUTE_PER_ACCOUNT,
  API_POINTS_PER_MINUTE_PER_IP,
  PUBLIC_API_POINTS_PER_MINUTE,
} from "./limits";
import { countRateLimitRefusal } from "../metrics/signals";
import { actorFromAccessToken, type BearerActor, bearerFrom } from "./tokens";
import { readCapped } from "../files/upload-request";

/**
 * The REST API's one transport, shared by every route handler under app/api/v1: rate limits, the bearer token →
 * actor (lib/api/tokens.ts), JSON bodies (invalid JSON is a 400, never a 500), and errors as
 * `{"error": {"code", "message", "fields"?}}` with messages in the caller's language (`?lang=en` or
 * Accept-Language). Three kinds of route (`apiRoute`'s `access`): signed in (the default: a token, limits per
 * address and per account, CORS for configured origins only, no-store), `open` (no token, e.g. the token endpoint
 * itself), and `public` (the open catalogue and open data: no token, any origin, a per-address budget, the handler's
 * own caching). Handlers stay thin: parse, call lib/ (which asks lib/auth/policy.ts and audits), map.
 */

/** Largest JSON body (a draft's answers are capped at 512 KB by lib/applications). */
export const MAX_JSON_BYTES = 1024 * 1024;

// Shared by all instances (lib/http/rate-limit.ts).
const perIp = createRateLimiter({ keyPrefix: "api-ip", points: API_POINTS_PER_MINUTE_PER_IP, duration: 60 });
const perAccount = createRateLimiter({
  keyPrefix: "api-account",
  points: API_POINTS_PER_MINUTE_PER_ACCOUNT,
  duration: 60,
});

/** Per-address budget of the public routes (requests a minute), one budget across all instances. */
const publicPerIp = createRateLimiter({
  keyPrefix: "open-api-ip",
  points: PUBLIC_API_POINTS_PER_MINUTE,
  duration: 60,
});
/** Addresses this instance found over the public budget, until their window ends: refused without the store. */
const publicRefusedUntil = new Map<string, number>();

function publicRefusedFor(ip: string, now: number): number | null {
  const until = publicRefusedUntil.get(ip);
  if (until === undefined) return null;
  if (until > now) return Math.max(1, Math.ceil((until - now) / 1000));
  publicRefusedUntil.delete(ip);
  return null;
}

function rememberPublicRefusal(ip: string, retryAfter: number, now: number) {
  if (publicRefusedUntil.size >= 10_000)
    for (const [key, until] of publicRefusedUntil) if (until <= now) publicRefusedUntil.delete(key);
  if (publicRefusedUntil.size < 10_000) publicRefusedUntil.set(ip, now + retryAfter * 1000);
}

export const ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, Accept-Language";
export const EXPOSED_HEADERS = "Retry-After, Idempotent-Replayed";

/** CORS headers for a request's Origin: only an origin listed in API_CORS_ORIGINS is named; others get none. */
export function corsHeaders(
  request: Request,
  origins: readonly string[] = env().API_CORS_ORIGINS,
): Record<string, string> {
  const origin = request.headers.get("origin");
  const headers: Record<string, string> = { Vary: "Origin" };
  if (origin && origins.includes(origin)) {
    headers["Access-Control-Allow-Origin"] = origin;
    headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS;
  }
  return headers;
}

/** OPTIONS: the CORS preflight. Methods are the route's own; an origin that is not configured gets no grant. */
export function preflight(methods: string) {
  return async (request: Request): Promise<Response> => {
    const headers = corsHeaders(request);
    if (headers["Access-Control-Allow-Origin"]) {
      headers["Access-Control-Allow-Methods"] = `${methods}, OPTIONS`;
      headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS;
      headers["Access-Control-Max-Age"] = "600";
    }
    return new Response(null, { status: 204, headers });
  };
}

export function localeOf(request: Request): Locale {
  const param = localeFromParam(new URL(request.url).searchParams.get("lang"));
  if (param) return param;
  const accept = (request.headers.get("accept-language") ?? "").trim().toLowerCase();
  return accept.startsWith("en") ? "en" : "zh-CN";
}

/** `{"error": {"code", "message", "fields"?}}` with the message keys translated; `extra` goes beside `error`. */
export function apiErrorResponse(
  locale: Locale,
  status: number,
  code: string,
  messageKey: string,
  {
    fields,
    values,
    headers,
    extra,
  }: {
    fields?: Record<string, string>;
    values?: Record<string, string | number>;
    headers?: Record<string, string>;
    extra?: Record<string, unknown>;
  } = {},
): Response {
  const message = translate(locale, messageKey, values);
  const translated = fields
    ? Object.fromEntries(
        Object.entries(fields).map(([field, key]) => [field, key === messageKey ? message : translate(locale, key)]),
      )
    : undefined;
  return Response.json(
    { error: { code, message, ...(translated ? { fields: translated } : {}) }, ...(extra ?? {}) },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}

export function appErrorResponse(
  locale: Locale,
  error: AppError,
  overrides: { status?: number; extra?: Record<string, unknown> } = {},
): Response {
  const headers: Record<string, string> = {};
  let code: string = error.code;
  if (error.code === "THROTTLED") {
    headers["Retry-After"] = String(error.details.retryAfterSeconds ?? 60);
    code = "RATE_LIMITED";
  }
  return apiErrorResponse(locale, overrides.status ?? error.httpStatus, code, error.messageKey, {
    fields: error.details.fieldErrors,
    headers,
    extra: overrides.extra ?? (error.details.current ? { current: error.details.current } : undefined),
  });
}

export type ApiContext<P> = {
  request: Request;
  params: P;
  /** The caller (null only for routes with `access: "open"` or `"public"`). */
  actor: BearerActor | null;
  ip: string;
  locale: Locale;
};

type RouteContext<P> = { params: Promise<P> };

/** Returned by a handler to answer with an error it chose (e.g. 422 for form errors that lib reports as VALIDATION). */
export class ApiAnswer extends Error {
  constructor(readonly response: Response) {
    super("api answer");
  }
}

export type ApiAccess = "signedIn" | "open" | "public";

/**
 * Wraps a route handler. `access` (default "signedIn"): a valid access token is required (401 otherwise, with
 * `WWW-Authenticate: Bearer`), answers carry the CORS headers for their origin and `Cache-Control: no-store`.
 * "open": no token. "public": no token, `Access-Control-Allow-Origin: *`, the per-address public budget, and the
 * handler's own Cache-Control.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (context: ApiContext<P> & { actor: BearerActor }) => Promise<Response>,
  options?: { access?: "signedIn" },
): (request: Request, context: RouteContext<P>) => Promise<Response>;
export function apiRoute<P = Record<string, never>>(
  handler: (context: ApiContext<P>) => Promise<Response>,
  options: { access: "open" | "public" },
): (request: Request, context: RouteContext<P>) => Promise<Response>;
export function apiRoute<P>(
  handler: (context: ApiContext<P> & { actor: BearerActor }) => Promise<Response>,
  options: { access?: ApiAccess } = {},
) {
  const access = options.access ?? "signedIn";
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const cors: Record<string, string> =
      access === "public" ? { "Access-Control-Allow-Origin": "*" } : corsHeaders(request);
    const locale = localeOf(request);
    const finish = (response: Response) => {
      for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
      if (access !== "public" && !response.headers.has("Cache-Control"))
        response.headers.set("Cache-Control", "no-store");
      return response;
    };
    const tooMany = (retryAfter: number) =>
      finish(
        apiErrorResponse(locale, 429, "RATE_LIMITED", "api.errors.rateLimited", {
          headers: { "Retry-After": String(retryAfter) },
        }),
      );
    const ip = clientIpFrom(request.headers);
    try {
      const params = (await context.params) ?? ({} as P);
      if (access === "public") {
        const blocked = publicRefusedFor(ip, Date.now());
        if (blocked) {
          // Refused from memory, without the store: counted here, as retryAfterSeconds counts the store's refusals.
          countRateLimitRefusal(publicPerIp.keyPrefix);
          return tooMany(blocked);
        }
        // The budget check (a round trip to the shared store) runs beside the handler instead of before it: public
        // routes only read, so a request found over budget costs one wasted read at most, and its address is
        // refused from memory after that until its window ends, without the store or the handler.
        const answer = handler({ request, params, actor: null as unknown as BearerActor, ip, locale }).then(
          (response) => ({ response }),
          (error: unknown) => ({ error }),
        );
        const retryAfter = await retryAfterSeconds(publicPerIp, ip);
        if (retryAfter) {
          rememberPublicRefusal(ip, retryAfter, Date.now());
          return tooMany(retryAfter);
        }
        const outcome = await answer;
        if ("error" in outcome) throw outcome.error;
        return finish(outcome.response);
      }
      const ipWait = await retryAfterSeconds(perIp, ip);
      if (ipWait) return tooMany(ipWait);
      let actor: BearerActor | null = null;
      if (access === "signedIn") {
        const token = bearerFrom(request.headers);
        actor = token ? await actorFromAccessToken(token) : null;
        if (!actor)
          return finish(
            apiErrorResponse(
              locale,
              401,
              "UNAUTHENTICATED",
              token ? "api.errors.invalidToken" : "api.errors.tokenRequired",
              { headers: { "WWW-Authenticate": 'Bearer realm="onewindow"' } },
            ),
          );
        const accountWait = await retryAfterSeconds(perAccount, actor.userId);
        if (accountWait) return tooMany(accountWait);
      }
      return finish(await handler({ request, params, actor: actor as BearerActor, ip, locale }));
    } catch (error) {
      if (error instanceof ApiAnswer) return finish(error.response);
      if (isFileRejected(error)) {
        const status = error.messageKey === "files.errors.tooLarge" ? 413 : 400;
        return finish(
          apiErrorResponse(locale, status, "VALIDATION", error.messageKey, {
            values: error.values,
            fields: { file: error.messageKey },
          }),
        );
      }
      if (isAppError(error)) return finish(appErrorResponse(locale, error));
      if (isDatabaseUnavailable(error)) {
        logger.warn({ err: error, url: request.url }, "API: database unavailable");
        return finish(
          apiErrorResponse(locale, 503, "UNAVAILABLE", "security.databaseUnavailable", {
            headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
          }),
        );
      }
      logger.error({ err: error, url: request.url, method: request.method }, "API failure");
      return finish(apiErrorResponse(locale, 500, "INTERNAL", "errors.unexpected"));
    }
  };
}

/** Parses query parameters with a zod schema; 400 VALIDATION with per-field message keys (translated). */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown, locale: Locale): z.output<T> {
  return parseWith(schema, query, locale, "api.errors.query");
}

/** Reads a JSON body (at most MAX_JSON_BYTES). Invalid JSON, a non-object, or too large → 400. Empty → `{}`. */
export async function readJson(request: Request, locale: Locale): Promise<Record<string, unknown>> {
  const bad = (key: string, status = 400) => new ApiAnswer(apiErrorResponse(locale, status, "BAD_REQUEST", key));
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (Number(request.headers.get("content-length") ?? 0) > MAX_JSON_BYTES) throw bad("api.errors.bodyTooLarge", 413);
  const text = await readCappedText(request, MAX_JSON_BYTES);
  if (text === null) throw bad("api.errors.bodyTooLarge", 413);
  if (text.trim() === "") return {};
  if (type && !type.startsWith("application/json") && !type.includes("+json"))
    throw bad("api.errors.jsonRequired", 415);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad("api.errors.json");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad("api.errors.json");
  return value as Record<string, unknown>;
}

async function readCappedText(request: Request, limit: number): Promise<string | null> {
  const bytes = await readCapped(request, limit);
  return bytes === null ? null : bytes.toString("utf8");
}

const MB = 1024 * 1024;

/**
 * Reads a multipart body with `materialCode` and `file` (size capped while reading, UPLOAD_MAX_MB). Answers 400,
 * 413 or 415 through ApiAnswer for anything malformed.
 */
export async function readMaterialUpload(
  request: Request,
  locale: Locale,
): Promise<{ materialCode: string; name: string; bytes: Buffer }> {
  const fail = (
    status: number,
    code: string,
    key: string,
    fields?: Record<string, string>,
    values?: Record<string, number>,
  ) => new ApiAnswer(apiErrorResponse(locale, status, code, key, { fields, values }));
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data"))
    throw fail(415, "BAD_REQUEST", "files.errors.badRequest");
  const limitMb = env().UPLOAD_MAX_MB;
  const limit = limitMb * MB + 64 * 1024;
  if (Number(request.headers.get("content-length") ?? 0) > limit)
    throw fail(413, "TOO_LARGE", "files.errors.bodyTooLarge", undefined, { limitMb });
  const body = await readCapped(request, limit);
  if (!body) throw fail(413, "TOO_LARGE", "files.errors.bodyTooLarge", undefined, { limitMb });
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw fail(400, "BAD_REQUEST", "files.errors.badRequest");
  }
  const materialCode = form.get("materialCode");
  if (typeof materialCode !== "string" || !materialCode.trim() || materialCode.length > 64)
    throw fail(400, "VALIDATION", "applications.errors.material", { materialCode: "applications.errors.material" });
  const file = form.get("file");
  if (!(file instanceof File)) throw fail(400, "VALIDATION", "files.errors.noFile", { file: "files.errors.noFile" });
  return {
    materialCode: materialCode.trim(),
    name: file.name.slice(0, 255),
    bytes: Buffer.from(await file.arrayBuffer()),
  };
}

/** JSON with status and the no-store header (every API answer is personal). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** Parses a body with a zod schema; 400 VALIDATION with per-field message keys (translated) when it does not fit. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, locale: Locale): z.output<T> {
  return parseWith(schema, body, locale, "api.errors.body");
}

function parseWith<T extends z.ZodType>(schema: T, input: unknown, locale: Locale, messageKey: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    fields[issue.path.map(String).join(".") || "_"] ??=
      issue.message.includes(".") && !issue.message.includes(" ") ? issue.message : "api.errors.invalidValue";
  throw new ApiAnswer(apiErrorResponse(locale, 400, "VALIDATION", messageKey, { fields }));
}
