import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import SharedCacheHandler, { closeCacheStores } from "../../lib/cache/next-cache-handler.mjs";
import {
  FOLLOW_INTERVAL_MS,
  invalidatePublicContent,
  PUBLIC_TAGS,
  resetPublicCacheState,
} from "../../lib/cache/public-cache";
import { PublicPageCache, publicPageRequest, sharedPageStore } from "../../lib/cache/public-pages";
import { setItemAvailability } from "../../lib/catalogue/availability";
import { db } from "../../lib/db/client";
import { actorFor } from "../support/actors";
import { itemStatusPage } from "./public-cache-render";

/**
 * The page cache across instances (issue 17): this process is instance 1, a child process (public-cache-instance.ts)
 * instance 2; both keep pages in memory and share renderings and invalidations through the database, as two app
 * instances behind a load balancer do. A suspension made through instance 1 shows there at once and on instance 2
 * within the stated bound (FOLLOW_INTERVAL_MS and one query).
 */
let second: ChildProcess | null = null;
let secondUrl = "";
const first = new PublicPageCache(itemStatusPage, sharedPageStore(), "integration-build");

async function onFirst(path: string): Promise<string> {
  const found = await first.lookup(publicPageRequest("GET", path, {})!);
  return found.kind === "page" ? found.page.html : "(next)";
}
async function onSecond(path: string): Promise<string> {
  return (await fetch(`${secondUrl}${path}`)).text();
}

beforeAll(async () => {
  resetPublicCacheState();
  const child = spawn("npx", ["tsx", "--conditions=react-server", "tests/integration/public-cache-instance.ts"], {
    env: { ...process.env, LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  second = child;
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  secondUrl = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const ready = /READY (\S+)/.exec(buffer);
      if (ready) resolve(ready[1]!);
    });
    child.on("exit", (code) => reject(new Error(`instance 2 exited (${code}): ${errors.slice(-2000)}`)));
  });
}, 120_000);

afterAll(async () => {
  second?.kill("SIGKILL");
  await closeCacheStores();
});

describe("the public page cache on two instances", () => {
  it("shows a suspension on instance 1 at once and on instance 2 within the follow interval", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const item = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: deptAdmin.departmentId ?? "", status: "ACTIVE" },
      orderBy: { implementationCode: "asc" },
    });
    const path = `/items/${encodeURIComponent(item.implementationCode)}`;
    expect(await onFirst(path)).toBe("<p>ACTIVE</p>");
    expect(await onSecond(path)).toBe("<p>ACTIVE</p>");

    // The status changes underneath without the mechanism: both keep serving what they hold.
    await db().serviceItem.update({ where: { id: item.id }, data: { status: "SUSPENDED" } });
    expect(await onFirst(path)).toBe("<p>ACTIVE</p>");
    expect(await onSecond(path)).toBe("<p>ACTIVE</p>");
    await db().serviceItem.update({ where: { id: item.id }, data: { status: "ACTIVE" } });

    // Suspended through the product on instance 1.
    await setItemAvailability({
      actor: deptAdmin,
      input: { action: "suspend", code: item.implementationCode, notice: "系统升级，暂停受理。" },
      ip: null,
    });
    const suspendedAt = Date.now();
    expect(await onFirst(path)).toBe("<p>SUSPENDED</p>");
    let seen = await onSecond(path);
    while (seen !== "<p>SUSPENDED</p>" && Date.now() - suspendedAt < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await onSecond(path);
    }
    expect(seen).toBe("<p>SUSPENDED</p>");
    expect(Date.now() - suspendedAt).toBeLessThan(FOLLOW_INTERVAL_MS + 1500);

    await setItemAvailability({
      actor: deptAdmin,
      input: { action: "resume", code: item.implementationCode },
      ip: null,
    });
    expect(await onFirst(path)).toBe("<p>ACTIVE</p>");
  });

  it("records invalidations where every instance reads them", async () => {
    const before = Date.now();
    await invalidatePublicContent([PUBLIC_TAGS.statistics]);
    const times = await new SharedCacheHandler().tagExpiries([PUBLIC_TAGS.statistics, PUBLIC_TAGS.forms]);
    expect(times.get(PUBLIC_TAGS.statistics)).toBeGreaterThanOrEqual(before);
    expect(times.has(PUBLIC_TAGS.forms)).toBe(false);
  });
});
