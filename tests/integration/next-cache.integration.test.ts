import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import PostgresCacheHandler, { decodeValue, encodeValue } from "../../lib/cache/next-cache-handler.mjs";

/**
 * The shared Next.js incremental cache (lib/cache/next-cache-handler.mjs) against this file's real database. Two
 * handler objects stand for two app instances; each gets its own in-process copy table (as separate processes
 * would) by clearing the class-level memory between "instances".
 */
const url = process.env.DATABASE_URL ?? "";
const key = (name: string) => `/${name}-${randomBytes(4).toString("hex")}`;

function instance() {
  return new PostgresCacheHandler({ databaseUrl: url });
}
/** Forget what this process remembers, as a different process would not have it. */
function otherProcess() {
  (PostgresCacheHandler as unknown as { memory: Map<string, unknown> }).memory.clear();
}

function appPage(html: string, tags: string[]) {
  return {
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from(`rsc:${html}`),
    headers: { "x-next-cache-tags": tags.join(",") },
    status: 200,
    segmentData: new Map([["/_tree", Buffer.from("tree")]]),
  };
}

const client = new pg.Client({ connectionString: url });
await client.connect();
afterAll(async () => {
  await client.end();
});

describe("shared Next.js cache handler", () => {
  it("encodes Buffers and Maps losslessly", () => {
    const value = { a: Buffer.from([0, 1, 255]), m: new Map([["x", { b: Buffer.from("y") }]]), n: null, s: "文" };
    const round = decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))) as typeof value;
    expect(Buffer.compare(round.a, value.a)).toBe(0);
    expect(round.m.get("x")?.b.toString()).toBe("y");
    expect(round.n).toBeNull();
    expect(round.s).toBe("文");
  });

  it("an entry set by one instance is read by another, with its lifetime", async () => {
    const page = key("items/A");
    const one = instance();
    await one.set(page, appPage("<p>v1</p>", ["_N_T_/layout", `_N_T_${page}`]), { cacheControl: { revalidate: false } });
    otherProcess();
    const two = instance();
    const entry = await two.get(page, { kind: "APP_PAGE" });
    expect(entry).not.toBeNull();
    const value = entry?.value as ReturnType<typeof appPage>;
    expect(value.html).toBe("<p>v1</p>");
    expect(Buffer.isBuffer(value.rscData) && value.rscData.toString()).toBe("rsc:<p>v1</p>");
    expect(value.segmentData.get("/_tree")?.toString()).toBe("tree");
    expect(entry?.cacheControl).toEqual({ revalidate: false });
    expect(entry?.lastModified).toBeGreaterThan(Date.now() - 60_000);
    // A later write by either instance replaces it for both (the in-process copy is checked against the row).
    await one.set(page, appPage("<p>v2</p>", [`_N_T_${page}`]), { cacheControl: { revalidate: 60 } });
    expect(((await two.get(page, { kind: "APP_PAGE" }))?.value as { html: string }).html).toBe("<p>v2</p>");
    expect(await two.get(key("never-set"), { kind: "APP_PAGE" })).toBeNull();
  });

  it("revalidatePath on one instance (an immediate tag expiry) removes the page for every instance", async () => {
    const page = key("items/B");
    const unrelated = key("items/C");
    const one = instance();
    const two = instance();
    await one.set(page, appPage("<p>old</p>", ["_N_T_/layout", `_N_T_${page}`]), { cacheControl: { revalidate: false } });
    await one.set(unrelated, appPage("<p>other</p>", ["_N_T_/layout", `_N_T_${unrelated}`]), { cacheControl: { revalidate: false } });
    expect(await two.get(page, { kind: "APP_PAGE" })).not.toBeNull(); // instance two has it in memory now
    await one.revalidateTag([`_N_T_${page}`]);
    expect(await two.get(page, { kind: "APP_PAGE" })).toBeNull();
    expect(await one.get(page, { kind: "APP_PAGE" })).toBeNull();
    expect(await two.get(unrelated, { kind: "APP_PAGE" })).not.toBeNull();
    const { rows } = await client.query("SELECT expired_at FROM next_cache_tag WHERE tag = $1", [`_N_T_${page}`]);
    expect(Number(rows[0]?.expired_at)).toBeGreaterThan(0);
    // The page rendered again after the revalidation is served again.
    await two.set(page, appPage("<p>new</p>", ["_N_T_/layout", `_N_T_${page}`]), { cacheControl: { revalidate: false } });
    expect(((await one.get(page, { kind: "APP_PAGE" }))?.value as { html: string }).html).toBe("<p>new</p>");
  });

  it("a fetch entry expires through its soft tags too, which are not stored with it", async () => {
    const fetchKey = key("fetch");
    const one = instance();
    const two = instance();
    await one.set(fetchKey, { kind: "FETCH", data: { headers: {}, body: "e30=", status: 200 }, revalidate: 300, tags: ["catalogue"] }, { fetchCache: true, tags: ["catalogue"] });
    expect(await two.get(fetchKey, { kind: "FETCH", tags: ["catalogue"], softTags: ["_N_T_/items/X"] })).not.toBeNull();
    const softTag = `_N_T_/items/${randomBytes(3).toString("hex")}`;
    await one.revalidateTag(softTag);
    expect(await two.get(fetchKey, { kind: "FETCH", tags: ["catalogue"], softTags: [softTag] })).toBeNull();
  });

  it("revalidateTag with a profile marks entries stale (served while regenerated) until they expire", async () => {
    const page = key("themes/T");
    const tag = `theme-${randomBytes(3).toString("hex")}`;
    const one = instance();
    const two = instance();
    await one.set(page, appPage("<p>t</p>", [tag]), { cacheControl: { revalidate: false } });
    await new Promise((resolve) => setTimeout(resolve, 5)); // times are in milliseconds: a later one
    await two.revalidateTag([tag], { expire: 3600 });
    const stale = await one.get(page, { kind: "APP_PAGE" });
    expect(stale?.lastModified).toBe(-1);
    expect((stale?.value as { html: string }).html).toBe("<p>t</p>");
    await new Promise((resolve) => setTimeout(resolve, 5));
    await one.set(page, appPage("<p>t2</p>", [tag]), { cacheControl: { revalidate: false } });
    const fresh = await two.get(page, { kind: "APP_PAGE" });
    expect(fresh?.lastModified).toBeGreaterThan(0);
    // An expiry time in the past: the next read is a miss.
    await two.revalidateTag([tag], { expire: 0 });
    expect(await one.get(page, { kind: "APP_PAGE" })).toBeNull();
  });

  it("without a database it caches nothing and an unreachable one makes reads misses, never errors", async () => {
    const none = new PostgresCacheHandler({ databaseUrl: "" });
    await none.set("/x", appPage("x", []), {});
    expect(await none.get("/x", { kind: "APP_PAGE" })).toBeNull();
    const down = new PostgresCacheHandler({ databaseUrl: "postgresql://nobody:nothing@127.0.0.1:1/none" });
    await down.set("/x", appPage("x", []), {});
    expect(await down.get("/x", { kind: "APP_PAGE" })).toBeNull();
    await expect(down.revalidateTag("x")).resolves.toBeUndefined();
  });
});
