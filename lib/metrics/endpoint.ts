import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ReadinessReport } from "./readiness";

/**
 * The operators' endpoints (issue 24) and who may call them:
 *
 * - `GET /metrics`: Prometheus text format (lib/metrics/registry.ts);
 * - `GET /api/health?detail=1`: the readiness detail (lib/metrics/readiness.ts). Without `detail` the path is the
 *   public health check of app/api/health/route.ts, which this never answers.
 *
 * Neither is public by default. On the app's port they are served only when METRICS_TOKEN is set, and only to a
 * request carrying `Authorization: Bearer <METRICS_TOKEN>`: without a token configured `/metrics` is 404 and the
 * detail parameter is ignored (the public answer); with one, a missing or wrong token is 401. On METRICS_PORT
 * (reached only from the network the operator allows, loopback by default) they are served without a token unless
 * METRICS_TOKEN is set, and nothing else is served there.
 */

export type OperatorRoute = "metrics" | "readiness";

/** Which operator endpoint a request is for, if any. */
export function operatorRoute(url: string | undefined): OperatorRoute | null {
  const target = url ?? "/";
  const queryAt = target.indexOf("?");
  const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
  if (pathname === "/metrics") return "metrics";
  if (pathname === "/api/health" && queryAt !== -1 && new URLSearchParams(target.slice(queryAt + 1)).has("detail"))
    return "readiness";
  return null;
}

/** Whether an Authorization header carries the token (compared in constant time, on digests so lengths do not leak). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

export type OperatorEndpoints = {
  metrics(): Promise<string>;
  readiness(): Promise<ReadinessReport>;
};

const PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

function answer(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response
    .writeHead(status, {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    })
    .end(body);
}

/**
 * Answers an operator request; false when the request is not one this listener answers (the app handles it).
 * `appPort`: the public listener (token required, other paths are the app's); otherwise the metrics port.
 */
export function answerOperatorRequest(
  request: IncomingMessage,
  response: ServerResponse,
  { endpoints, token, appPort }: { endpoints: OperatorEndpoints; token: string | undefined; appPort: boolean },
): boolean {
  const route = operatorRoute(request.url);
  if (!route) {
    if (appPort) return false;
    answer(response, 404, "Not Found");
    return true;
  }
  if (appPort && !token) {
    if (route === "readiness") return false;
    answer(response, 404, "Not Found");
    return true;
  }
  if (token && !bearerMatches(request.headers.authorization, token)) {
    answer(response, 401, "Unauthorized", { "WWW-Authenticate": 'Bearer realm="onewindow-metrics"' });
    return true;
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    answer(response, 405, "Method Not Allowed", { Allow: "GET, HEAD" });
    return true;
  }
  const served =
    route === "metrics"
      ? endpoints.metrics().then((body) => answer(response, 200, body, { "Content-Type": PROMETHEUS_TEXT }))
      : endpoints.readiness().then((report) =>
          answer(response, report.ready ? 200 : 503, JSON.stringify(report, null, 2), {
            "Content-Type": "application/json; charset=utf-8",
          }),
        );
  // Failing to gather the figures is this server's trouble, not the caller's: 503, and the scrape is retried.
  served.catch(() => {
    if (!response.headersSent) answer(response, 503, "Service Unavailable", { "Retry-After": "5" });
    else response.destroy();
  });
  return true;
}
