// The rendering both instances of public-cache.integration.test.ts use: what an item page shows of its item, read
// from the database at the moment of rendering (as Next.js's rendering would read it).
import type { PublicPageRequest, Rendering } from "../../lib/cache/public-pages";
import { db } from "../../lib/db/client";

export async function itemStatusPage(request: PublicPageRequest): Promise<Rendering> {
  const code = decodeURIComponent(request.url.split("/")[2] ?? "");
  const item = await db().serviceItem.findUnique({ where: { implementationCode: code }, select: { status: true } });
  return item
    ? { status: 200, contentType: "text/html; charset=utf-8", setsCookie: false, html: `<p>${item.status}</p>` }
    : { status: 404, contentType: "text/html; charset=utf-8", setsCookie: false, html: "<p>not found</p>" };
}
