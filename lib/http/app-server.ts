import type { IncomingMessage, ServerResponse } from "node:http";
import { isOwnRenderRequest, RENDER_HEADER } from "../cache/page-render";
import { type PublicPage, type PublicPageCache, publicPageRequest } from "../cache/public-pages";
import { databaseOutageSince } from "../db/outage";
import { answerOperatorRequest, type OperatorEndpoints } from "../metrics/endpoint";
import type { HttpMetrics } from "../metrics/registry";
import { OTHER_ROUTE, type RouteTable } from "../metrics/routes";
import { countPageCache } from "../metrics/signals";
import { contentSecurityPolicy } from "../security/csp";
import { securityHeaders, STRICT_TRANSPORT_SECURITY } from "../security/headers";
import { CLIENT_ADDRESS_HEADER, clientUsedHttps, resolveClientAddress, type TrustedProxies } from "./client-ip";
import { isWellFormedPath } from "./params";

/**
 * The request handler of the production HTTP server (scripts/server.ts runs it around Next.js's handler; tests run
 * it around a stand-in): in order,
 * 1. every request is counted and timed for the metrics under its route pattern, never its address
 *    (lib/metrics/routes.ts, lib/metrics/registry.ts);
 * 2. the operators' endpoints `/metrics` and `/api/health?detail=1`, behind their token (lib/metrics/endpoint.ts);
 * 3. a malformed path is answered 400, the client's address decided, HSTS set over HTTPS;
 * 4. an anonymous public page (home, search, departments, item guides, statistics, the public forms…) is answered
 *    from the page cache (lib/cache/public-pages.ts), which renders it through Next.js once per change: these pages
 *    carry a portal's peak traffic, and rendering them per request costs a hundred times what sending them costs
 *    (`npm run bench:pages` prints both);
 * 5. everything else, including the page cache's own renderings (marked with RENDER_HEADER), goes to Next.js.
 */
export type AppRequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export type RequestListenerOptions = {
  handle: AppRequestHandler;
  /** Development (`npm run dev`): no HSTS and no fast path, Next.js serves everything. */
  dev: boolean;
  trustedProxies: TrustedProxies | null;
  routes: RouteTable;
  http: HttpMetrics;
  operator: { endpoints: OperatorEndpoints; token: string | undefined };
  /** The anonymous public pages (production); absent in development and where a test leaves it out. */
  publicPages?: PublicPageCache;
};

export function createRequestListener({
  handle,
  dev,
  trustedProxies,
  routes,
  http,
  operator,
  publicPages,
}: RequestListenerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const baseHeaders = securityHeaders();

  function send(request: IncomingMessage, response: ServerResponse, page: PublicPage): void {
    for (const { key, value } of baseHeaders) response.setHeader(key, value);
    response.statusCode = page.status;
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("Content-Security-Policy", contentSecurityPolicy({ scriptHashes: page.scriptHashes }));
    // Browsers and shared caches ask again each time (a publish shows at once); the answer is cheap.
    response.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
    response.setHeader("Vary", "Cookie, Accept-Encoding");
    // A page everyone gets alike: a shared cache in front may keep it (deploy/nginx/onewindow.conf's micro-cache).
    response.setHeader("X-OneWindow-Shareable", "yes");
    let body = page.plain;
    if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
      response.setHeader("Content-Encoding", "gzip");
      body = page.gzip;
    }
    response.setHeader("Content-Length", body.length);
    response.end(body);
  }

  /** Answers an anonymous public page from the page cache; false when Next.js must answer the request. */
  function answeredFromCache(
    request: IncomingMessage,
    response: ServerResponse,
    route: string,
  ): boolean | Promise<boolean> {
    if (!publicPages || dev || databaseOutageSince() !== null) return false;
    // The page cache's own rendering of a page: Next.js renders it.
    if (request.headers[RENDER_HEADER] !== undefined) {
      if (isOwnRenderRequest(String(request.headers[RENDER_HEADER]))) return false;
      delete request.headers[RENDER_HEADER];
    }
    const wanted = publicPageRequest(request.method, request.url, request.headers, {
      unknownRoute: route === OTHER_ROUTE,
    });
    if (!wanted) return false;
    // Answered from memory without waiting when the page is held: the common case stays synchronous.
    const held = publicPages.held(wanted);
    if (held) {
      countPageCache("public_page", "hit");
      if ("passThrough" in held) return false;
      send(request, response, held);
      return true;
    }
    countPageCache("public_page", "miss");
    return publicPages.lookup(wanted).then((found) => {
      if (found.kind === "next") return false;
      send(request, response, found.page);
      return true;
    });
  }

  return (request, response) => {
    const route = routes.label(request.url ?? "/");
    const observed = http.begin(request.method, route);
    response.once("finish", () => observed.end(String(response.statusCode)));
    response.once("close", () => observed.end(response.writableFinished ? String(response.statusCode) : "aborted"));

    if (answerOperatorRequest(request, response, { ...operator, appPort: true })) return;
    // A malformed percent-encoding in the path (/items/%ff) makes Next.js's router throw before any of our code and
    // answer a bare 500; it is the client's error, so it gets a 400 here (lib/http/params.ts).
    if (!isWellFormedPath(request.url ?? "/")) {
      for (const { key, value } of baseHeaders) response.setHeader(key, value);
      response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad Request");
      return;
    }
    // Only this process sees the socket: it decides the client's address (lib/http/client-ip.ts) and overwrites any
    // header of that name a client sent, so nothing behind it can be told another address.
    const address = resolveClientAddress(
      { peer: request.socket.remoteAddress, forwardedFor: request.headers["x-forwarded-for"] },
      trustedProxies,
    );
    if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete request.headers[CLIENT_ADDRESS_HEADER];
    const https = clientUsedHttps(
      {
        peer: request.socket.remoteAddress,
        encrypted: "encrypted" in request.socket && request.socket.encrypted === true,
        forwardedProto: request.headers["x-forwarded-proto"],
      },
      trustedProxies,
    );
    // Only over HTTPS (RFC 6797 §7.2: never over plain HTTP); set before Next.js writes its own headers.
    if (https && !dev) response.setHeader(STRICT_TRANSPORT_SECURITY.key, STRICT_TRANSPORT_SECURITY.value);
    const answered = answeredFromCache(request, response, route);
    if (answered === true) return;
    if (answered === false) {
      void handle(request, response);
      return;
    }
    void answered.then(
      (done) => done || handle(request, response),
      () => handle(request, response),
    );
  };
}
