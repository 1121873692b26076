// Child process of public-cache.integration.test.ts: a second app instance's page cache, sharing the test's
// database as its store. It serves /items/{code} through lib/cache/public-pages.ts with a rendering that reads the
// item's status (what Next.js's rendering of the page would show), follows the shared record of invalidations as
// scripts/server.ts does, and prints "READY <url>". Run with: tsx --conditions=react-server, DATABASE_URL set.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const { PublicPageCache, publicPageRequest, sharedPageStore } = await import("../../lib/cache/public-pages");
const { followSharedInvalidations } = await import("../../lib/cache/public-cache");
const { itemStatusPage } = await import("./public-cache-render");

const cache = new PublicPageCache(itemStatusPage, sharedPageStore(), "integration-build");
followSharedInvalidations((error) => process.stderr.write(`follow failed: ${error.message}\n`));

const server = createServer((request, response) => {
  const wanted = publicPageRequest(request.method, request.url, request.headers);
  if (!wanted) return void response.writeHead(404).end();
  void cache.lookup(wanted).then((found) => {
    if (found.kind === "next") return void response.writeHead(502).end();
    response.writeHead(found.page.status, { "Content-Type": "text/html; charset=utf-8" }).end(found.page.plain);
  });
});
server.listen(0, "127.0.0.1", () =>
  process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}\n`),
);
