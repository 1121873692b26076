// The production HTTP server (`npm start` runs it in place of `next start`): Next.js's request handler behind the
// request handler of lib/http/app-server.ts — metrics for every request, the operators' endpoints (/metrics and the
// readiness detail, behind METRICS_TOKEN; lib/metrics/endpoint.ts), 400 for malformed paths, the client's address,
// and the anonymous public pages answered from the page cache (lib/cache/public-pages.ts), which this file gives
// its way of rendering a page (asking this server, as an anonymous visitor) and the shared store. METRICS_PORT adds
// a second listener serving only the operators' endpoints. Stops gracefully on SIGTERM/SIGINT: no new connections,
// requests in flight finish, then exit 0.
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import path from "node:path";
import next from "next";
import { env } from "../lib/env";
import { pageRenderSecret, RENDER_HEADER } from "../lib/cache/page-render";
import { followSharedInvalidations, setPublicReadCaching } from "../lib/cache/public-cache";
import { PublicPageCache, type PublicPageRequest, type Rendering, sharedPageStore } from "../lib/cache/public-pages";
import { createRequestListener } from "../lib/http/app-server";
import { logger } from "../lib/logger";
import { setUpWebMetrics } from "../lib/metrics/web";
import { assertSupportedNode } from "../lib/runtime/node-version";

assertSupportedNode();

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;
// `npm run dev` serves through this file too, so the client address is decided the same way in development.
const dev = process.argv.includes("--dev");
const root = path.join(import.meta.dirname, "..");
const app = next({ dev, dir: root, port, hostname: hostname ?? "localhost" });
const config = env();
const handle = app.getRequestHandler();

await app.prepare();
const metrics = setUpWebMetrics({ root, dev, config: { ...config, PORT: port } });
// Development renders every request, so a change in the code shows at once.
const publicPages = dev
  ? undefined
  : new PublicPageCache(
      renderThroughSelf,
      sharedPageStore(),
      readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim(),
    );
if (!dev) {
  setPublicReadCaching(true);
  followSharedInvalidations((error) =>
    logger.warn(
      { err: error },
      "page cache: cannot read invalidations from the shared store; entries end with their lifetimes",
    ),
  );
}
const server = createServer(
  createRequestListener({
    handle,
    dev,
    trustedProxies: config.TRUSTED_PROXIES,
    routes: metrics.routes,
    http: metrics.http,
    operator: metrics.operator,
    publicPages,
  }),
);
server.keepAliveTimeout = 65_000; // longer than nginx's upstream keepalive_timeout (60 s), so idle connections close from nginx's side
server.listen(port, hostname, () => console.log(`▲ OneWindow on http://${hostname ?? "localhost"}:${port}`));
const metricsServer = await metrics.listenMetricsPort();
if (metricsServer) console.log(`▲ OneWindow metrics on http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // No new connections; idle keep-alive ones close now and as they fall idle, busy ones once answered; after
    // 25 s (a stuck client) the rest are cut so the process always ends.
    // The journey counts still buffered in this instance are written first (lib/analytics/usage.ts).
    const usage = (globalThis as { onewindowUsageBuffer?: { flush?: () => Promise<void> } }).onewindowUsageBuffer;
    server.close(
      () =>
        void Promise.resolve(usage?.flush?.())
          .catch(() => {})
          .then(() => Promise.all([app.close(), metrics.close()]))
          .finally(() => process.exit(0)),
    );
    setInterval(() => server.closeIdleConnections(), 250).unref();
    setTimeout(() => server.closeAllConnections(), 25_000).unref();
    // Closing the app and the metrics listener must not hold the exit either.
    setTimeout(() => process.exit(0), 35_000).unref();
  });
}

/** A public page as an anonymous visitor with the request's preferences gets it, asked of this server. */
function renderThroughSelf(page: PublicPageRequest): Promise<Rendering | null> {
  return new Promise((resolve) => {
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: page.url,
        method: "GET",
        headers: {
          host: page.host || `localhost:${port}`,
          cookie: page.cookie,
          "accept-encoding": "identity",
          [RENDER_HEADER]: pageRenderSecret(),
        },
        timeout: 30_000,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () =>
          resolve({
            status: incoming.statusCode ?? 0,
            contentType: incoming.headers["content-type"],
            setsCookie: incoming.headers["set-cookie"] !== undefined,
            html: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        incoming.on("error", () => resolve(null));
      },
    );
    outgoing.on("timeout", () => outgoing.destroy());
    outgoing.on("error", () => resolve(null));
    outgoing.end();
  });
}
