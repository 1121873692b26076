// The production HTTP server (`npm start` runs it in place of `next start`): Next.js's request handler, with one
// fast path in front of it. An anonymous item page that lib/catalogue/item-page-cache.ts already holds is written
// straight from memory; everything else, including filling that cache (proxy.ts does it), goes through Next.js.
// The item page carries the peak-hour traffic of a portal, and Next.js's routing costs several times what sending
// the bytes costs (`npm run bench:catalogue` prints both). Stops gracefully on SIGTERM/SIGINT: no new connections,
// requests in flight finish, then exit 0.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import next from "next";
import { anonymousItemPageCode, type CachedItemPage, cachedItemPage } from "../lib/catalogue/item-page-cache";
import { databaseOutageSince } from "../lib/db/outage";
import { env } from "../lib/env";
import { CLIENT_ADDRESS_HEADER, clientUsedHttps, resolveClientAddress } from "../lib/http/client-ip";
import { isWellFormedPath } from "../lib/http/params";
import { contentSecurityPolicy } from "../lib/security/csp";
import { securityHeaders, STRICT_TRANSPORT_SECURITY } from "../lib/security/headers";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;
// `npm run dev` serves through this file too, so the client address is decided the same way in development.
const dev = process.argv.includes("--dev");
const app = next({ dev, dir: path.join(import.meta.dirname, ".."), port, hostname: hostname ?? "localhost" });
const trustedProxies = env().TRUSTED_PROXIES;
const handle = app.getRequestHandler();
const baseHeaders = securityHeaders();
// The bytes of an entry, encoded once: UTF-8 encoding a 100 KB Chinese page on every request costs more than sending it.
const encoded = new WeakMap<CachedItemPage, { plain: Buffer; gzip?: Buffer }>();

function cookieReader(header: string | undefined): (name: string) => string | undefined {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return (name) => cookies.get(name);
}

/** Answers from memory when the request is for an anonymous item page already held; false otherwise. */
function answeredFromMemory(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "GET" || databaseOutageSince() !== null) return false;
  const url = request.url ?? "/";
  const queryAt = url.indexOf("?");
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const code = anonymousItemPageCode("GET", pathname, queryAt === -1 ? "" : url.slice(queryAt), cookieReader(request.headers.cookie));
  const entry = code ? cachedItemPage(code) : null;
  if (!entry) return false;
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

await app.prepare();
const server = createServer((request, response) => {
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
});
server.keepAliveTimeout = 65_000; // longer than nginx's upstream keepalive_timeout (60 s), so idle connections close from nginx's side
server.listen(port, hostname, () => console.log(`▲ OneWindow on http://${hostname ?? "localhost"}:${port}`));

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // No new connections; idle keep-alive ones close now and as they fall idle, busy ones once answered; after
    // 25 s (a stuck client) the rest are cut so the process always ends.
    server.close(() => void app.close().finally(() => process.exit(0)));
    setInterval(() => server.closeIdleConnections(), 250).unref();
    setTimeout(() => server.closeAllConnections(), 25_000).unref();
  });
}
