import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { anonymousItemPageCode, cachedItemPage, forgetAllItemPages, forgetItemPage, inlineScriptHashes, ITEM_PAGE_CACHE_SECONDS, itemPageThroughCache } from "./item-page-cache";

const none = () => undefined;
const cookies = (values: Record<string, string>) => (name: string) => values[name];

afterEach(() => forgetAllItemPages());

describe("which requests get the shared item page", () => {
  it("an anonymous GET of /items/{code} in the default language and display", () => {
    expect(anonymousItemPageCode("GET", "/items/11510000MB1234567X0001", "", none)).toBe("11510000MB1234567X0001");
    expect(anonymousItemPageCode("GET", "/items/abc/", "", cookies({ NEXT_LOCALE: "zh-CN", ow_region: "510000000000" }))).toBe("abc");
  });

  it("not a signed-in visitor, English, 长辈模式, a query, another method or another page", () => {
    expect(anonymousItemPageCode("GET", "/items/abc", "", cookies({ "next-auth.session-token": "x" }))).toBeNull();
    expect(anonymousItemPageCode("GET", "/items/abc", "", cookies({ "__Secure-next-auth.session-token": "x" }))).toBeNull();
    expect(anonymousItemPageCode("GET", "/items/abc", "", cookies({ NEXT_LOCALE: "en" }))).toBeNull();
    expect(anonymousItemPageCode("GET", "/items/abc", "", cookies({ ow_display: "large" }))).toBeNull();
    expect(anonymousItemPageCode("GET", "/items/abc", "?lang=en", none)).toBeNull();
    expect(anonymousItemPageCode("POST", "/items/abc", "", none)).toBeNull();
    expect(anonymousItemPageCode("GET", "/items/abc/apply", "", none)).toBeNull();
    expect(anonymousItemPageCode("GET", "/items/abc/cached", "", none)).toBeNull();
    expect(anonymousItemPageCode("GET", "/items/%E4%BD%A0", "", none)).toBeNull();
  });
});

describe("the cache", () => {
  it("renders once for concurrent misses, then answers from memory until the entry is too old", async () => {
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return `<html><body>render ${renders}</body></html>`;
    };
    const now = 1_000_000;
    const [a, b] = await Promise.all([itemPageThroughCache("A", render, now), itemPageThroughCache("A", render, now)]);
    expect(renders).toBe(1);
    expect(a).toBe(b);
    expect(cachedItemPage("A", now + ITEM_PAGE_CACHE_SECONDS * 1000 - 1)?.html).toContain("render 1");
    expect(cachedItemPage("A", now + ITEM_PAGE_CACHE_SECONDS * 1000)).toBeNull();
    expect((await itemPageThroughCache("A", render, now + ITEM_PAGE_CACHE_SECONDS * 1000))?.html).toContain("render 2");
  });

  it("stores nothing when the page is not a cacheable 200, and forgets on publish", async () => {
    expect(await itemPageThroughCache("gone", async () => null)).toBeNull();
    expect(cachedItemPage("gone")).toBeNull();
    await itemPageThroughCache("B", async () => "<p>v1</p>");
    forgetItemPage("B");
    expect(cachedItemPage("B")).toBeNull();
    expect((await itemPageThroughCache("B", async () => "<p>v2</p>"))?.html).toBe("<p>v2</p>");
  });

  it("holds at most 500 entries, oldest out first", async () => {
    for (let index = 0; index < 501; index++) await itemPageThroughCache(`code${index}`, async () => `<p>${index}</p>`);
    expect(cachedItemPage("code0")).toBeNull();
    expect(cachedItemPage("code1")?.html).toBe("<p>1</p>");
    expect(cachedItemPage("code500")?.html).toBe("<p>500</p>");
  });
});

describe("inline script hashes for the page's Content-Security-Policy", () => {
  it("hashes every inline script body exactly, skips external and empty scripts and repeats", async () => {
    const body = 'self.__next_f.push([1,"<\\/script>你好"])';
    const html = `<script src="/_next/static/a.js" async=""></script><script>${body}</script><script></script><script>${body}</script><script id="x" type="application/json">{"a":1}</script>`;
    const expected = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
    expect(await inlineScriptHashes(html)).toEqual([expected(body), expected('{"a":1}')]);
  });
});
