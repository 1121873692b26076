import "server-only";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "../db/unavailable";
import { isAppError } from "../errors";
import { logger } from "../logger";
import { PUBLIC_API_POINTS_PER_MINUTE } from "./api-limits";
import { clientIpFrom } from "./client-ip";
import { createRateLimiter, retryAfterSeconds } from "./rate-limit";

/** The open API's error shape: `{"error": {"code", "message", "fields"?}}`. */
export function apiError(status: number, code: string, message: string, fields?: Record<string, string>, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers });
}

/** Per-IP rate limit of the public API (requests per minute), one budget across all instances (lib/http/rate-limit.ts). */
const limiter = createRateLimiter({ keyPrefix: "open-api-ip", points: PUBLIC_API_POINTS_PER_MINUTE, duration: 60 });

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a public read-only handler: rate limit, CORS for browsers of other sites, errors as JSON. */
export function publicApi<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const ip = clientIpFrom(request.headers);
    try {
      const retryAfter = await retryAfterSeconds(limiter, ip);
      if (retryAfter) return apiError(429, "RATE_LIMITED", "Too many requests; retry later.", undefined, { "Retry-After": String(retryAfter) });
      const response = await handler(request, context);
      response.headers.set("Access-Control-Allow-Origin", "*");
      return response;
    } catch (error) {
      if (isAppError(error)) return apiError(error.httpStatus, error.code, error.messageKey, error.details.fieldErrors);
      if (isDatabaseUnavailable(error)) {
        return apiError(503, "UNAVAILABLE", "The service is briefly unavailable; try again shortly.", undefined, { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Access-Control-Allow-Origin": "*" });
      }
      logger.error({ err: error, url: request.url }, "public API failure");
      return apiError(500, "INTERNAL", "The service could not answer; try again later.");
    }
  };
}
