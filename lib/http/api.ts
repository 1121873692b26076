import "server-only";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "../db/unavailable";
import { isAppError } from "../errors";
import { logger } from "../logger";
import { countRateLimitRefusal } from "../metrics/signals";
import { PUBLIC_API_POINTS_PER_MINUTE } from "./api-limits";
import { clientIpFrom } from "./client-ip";
import { createRateLimiter, retryAfterSeconds } from "./rate-limit";

/** The open API's error shape: `{"error": {"code", "message", "fields"?}}`. */
export function apiError(
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
  headers?: HeadersInit,
): Response {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers });
}

/** Per-IP rate limit of the public API (requests per minute), one budget across all instances (lib/http/rate-limit.ts). */
const limiter = createRateLimiter({ keyPrefix: "open-api-ip", points: PUBLIC_API_POINTS_PER_MINUTE, duration: 60 });
/** Addresses this instance found over budget, until their window ends: refused without the store or the handler. */
const refusedUntil = new Map<string, number>();

function refusedFor(ip: string, now: number): number | null {
  const until = refusedUntil.get(ip);
  if (until === undefined) return null;
  if (until > now) return Math.max(1, Math.ceil((until - now) / 1000));
  refusedUntil.delete(ip);
  return null;
}

function refuse(ip: string, retryAfter: number, now: number) {
  if (refusedUntil.size >= 10_000) for (const [key, until] of refusedUntil) if (until <= now) refusedUntil.delete(key);
  if (refusedUntil.size < 10_000) refusedUntil.set(ip, now + retryAfter * 1000);
}

const tooManyRequests = (retryAfter: number) =>
  apiError(429, "RATE_LIMITED", "Too many requests; retry later.", undefined, { "Retry-After": String(retryAfter) });

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a public read-only handler: rate limit, CORS for browsers of other sites, errors as JSON. */
export function publicApi<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const ip = clientIpFrom(request.headers);
    try {
      const blocked = refusedFor(ip, Date.now());
      if (blocked) {
        // Refused from memory, without the store: counted here, as retryAfterSeconds counts the store's refusals.
        countRateLimitRefusal(limiter.keyPrefix);
        return tooManyRequests(blocked);
      }
      // The budget check (a round trip to the shared store) runs beside the handler instead of before it: the open
      // API only reads, so a request found over budget costs one wasted read at most, and its address is refused
      // from memory after that until its window ends, without the store or the handler.
      const answer = handler(request, context).then(
        (response) => ({ response }),
        (error: unknown) => ({ error }),
      );
      const retryAfter = await retryAfterSeconds(limiter, ip);
      if (retryAfter) {
        refuse(ip, retryAfter, Date.now());
        return tooManyRequests(retryAfter);
      }
      const outcome = await answer;
      if ("error" in outcome) throw outcome.error;
      const response = outcome.response;
      response.headers.set("Access-Control-Allow-Origin", "*");
      return response;
    } catch (error) {
      if (isAppError(error)) return apiError(error.httpStatus, error.code, error.messageKey, error.details.fieldErrors);
      if (isDatabaseUnavailable(error)) {
        return apiError(503, "UNAVAILABLE", "The service is briefly unavailable; try again shortly.", undefined, {
          "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
          "Access-Control-Allow-Origin": "*",
        });
      }
      logger.error({ err: error, url: request.url }, "public API failure");
      return apiError(500, "INTERNAL", "The service could not answer; try again later.");
    }
  };
}
