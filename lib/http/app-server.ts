import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { anonymousItemPageCode, type CachedItemPage, cachedItemPage } from "../catalogue/item-page-cache";
import { databaseOutageSince } from "../db/outage";
import { answerOperatorRequest, type OperatorEndpoints } from "../metrics/endpoint";
import type { HttpMetrics } from "../metrics/registry";
import type { RouteTable } from "../metrics/routes";
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
 * 4. an anonymous item page already in memory is written straight from it (lib/catalogue/item-page-cache.ts):
 *    the item page carries the peak-hour traffic of a portal, and Next.js's routing costs several times what sending
 *    the bytes costs (`npm run bench:catalogue` prints both);
 * 5. everything else, including filling that cache (proxy.ts does it), goes to Next.js.
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
};

export function createRequestListener({ handle, dev, trustedProxies, routes, http, operator }: RequestListenerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const baseHeaders = securityHeaders();
  // The bytes of an entry, encoded once: UTF-8 encoding a 100 KB Chinese page on every request costs more than sending it.
  const encoded = new WeakMap<CachedItemPage, { plain: Buffer; gzip?: Buffer }>();

  /** Answers from memory when the request is for an anonymous item page already held; false otherwise. */
  function answeredFromMemory(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== "GET" || databaseOutageSince() !== null) return false;
    const url = request.url ?? "/";
    const queryAt = url.indexOf("?");
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    const code = anonymousItemPageCode("GET", pathname, queryAt === -1 ? "" : url.slice(queryAt), cookieReader(request.headers.cookie));
    const entry = code ? cachedItemPage(code) : null;
    // A miss is counted where the request goes next (itemPageThroughCache, through proxy.ts), so each is counted once.
    if (!entry) return false;
    countPageCache("item_page", "hit");
    for (const { key, value } of baseHeaders) response.setHeader(key, value);
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("Content-Security-Policy", contentSecurityPolicy({ scriptHashes: entry.scriptHashes }));
    response.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
    response.setHeader("Vary", "Cookie, Accept-Encoding");
    let bytes = encoded.get(entry);
    if (!bytes) encoded.set(entry, (bytes = { plain: Buffer.from(entry.html, "utf8") }));
    let body = bytes.plain;
    if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
      bytes.gzip ??= gzipSync(bytes.plain);
      response.setHeader("Content-Encoding", "gzip");
      body = bytes.gzip;
    }
    response.setHeader("Content-Length", body.length);
    response.end(body);
    return true;
  }

  return (request, response) => {
    const observed = http.begin(request.method, routes.label(request.url ?? "/"));
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
    const address = resolveClientAddress({ peer: request.socket.remoteAddress, forwardedFor: request.headers["x-forwarded-for"] }, trustedProxies);
    if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete request.headers[CLIENT_ADDRESS_HEADER];
    const https = clientUsedHttps(
      { peer: request.socket.remoteAddress, encrypted: "encrypted" in request.socket && request.socket.encrypted === true, forwardedProto: request.headers["x-forwarded-proto"] },
      trustedProxies,
    );
    // Only over HTTPS (RFC 6797 §7.2: never over plain HTTP); set before Next.js writes its own headers.
    if (https && !dev) response.setHeader(STRICT_TRANSPORT_SECURITY.key, STRICT_TRANSPORT_SECURITY.value);
    if (!dev && answeredFromMemory(request, response)) return;
    void handle(request, response);
  };
}

function cookieReader(header: string | undefined): (name: string) => string | undefined {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return (name) => cookies.get(name);
}
