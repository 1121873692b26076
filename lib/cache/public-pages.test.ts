import { afterEach, describe, expect, it } from "vitest";
import { noteExpiries, PUBLIC_TAGS, resetPublicCacheState } from "./public-cache";
import {
  inlineScriptHashes,
  PUBLIC_PAGE_SECONDS,
  PublicPageCache,
  publicPageRequest,
  type Rendering,
  type SharedPageStore,
  withoutRuntime,
} from "./public-pages";

const page = (html: string, extra: Partial<Rendering> = {}): Rendering => ({
  status: 200,
  contentType: "text/html; charset=utf-8",
  setsCookie: false,
  html,
  ...extra,
});
const anonymous = (url: string, cookie?: string, extra: Record<string, string> = {}) =>
  publicPageRequest("GET", url, { host: "portal.example", ...(cookie ? { cookie } : {}), ...extra });

afterEach(() => resetPublicCacheState());

describe("which requests the page cache answers", () => {
  it("takes anonymous GETs of the listed public pages", () => {
    for (const url of [
      "/",
      "/search?q=身份证",
      "/departments",
      "/departments/D1",
      "/themes/T01",
      "/regions/370100000000",
      "/items/ABC-1",
      "/stats",
      "/satisfaction",
      "/login",
      "/register",
      "/track",
      "/verify",
      "/login/forgot-password",
    ]) {
      expect(anonymous(url), url).not.toBeNull();
    }
  });

  it("sends pages that show one person's data, and unlisted pages, to Next.js", () => {
    for (const url of [
      "/account",
      "/account/applications",
      "/console",
      "/admin",
      "/items/ABC-1/apply",
      "/verify/LIC-1",
      "/api/v1/items",
      "/files/x",
      "/search/",
      "/no/such/page",
    ]) {
      expect(anonymous(url), url).toBeNull();
    }
  });

  it("never answers a signed-in visitor, a flash or any cookie it does not know", () => {
    for (const cookie of [
      "next-auth.session-token=abc",
      "__Secure-next-auth.session-token=abc",
      "ow_flash=saved",
      "NEXT_LOCALE=en; next-auth.session-token=abc",
      "anything=1",
    ]) {
      expect(anonymous("/", cookie), cookie).toBeNull();
    }
    // next-auth's cookies of a visitor not yet signed in: no page reads them.
    expect(anonymous("/", "next-auth.csrf-token=t; next-auth.callback-url=%2F")).not.toBeNull();
  });

  it("keys on language, display and region, so each is cached apart and none uncacheable", () => {
    const keys = new Set(
      [
        undefined,
        "NEXT_LOCALE=en",
        "ow_display=large",
        "ow_region=370102000000",
        "NEXT_LOCALE=en; ow_display=large",
      ].map((cookie) => anonymous("/", cookie)!.key),
    );
    expect(keys.size).toBe(5);
    // Cookie order and unknown values do not make new entries.
    expect(anonymous("/", "ow_display=large; NEXT_LOCALE=en")!.key).toBe(
      anonymous("/", "NEXT_LOCALE=en; ow_display=large")!.key,
    );
    expect(anonymous("/", "NEXT_LOCALE=fr")!.key).toBe(anonymous("/")!.key);
    // The rendering is asked for with the preferences only.
    expect(anonymous("/", "NEXT_LOCALE=en; next-auth.csrf-token=t")!.cookie).toBe("NEXT_LOCALE=en");
  });

  it("normalises queries and refuses what a route does not take", () => {
    expect(anonymous("/search?region=1&q=a")!.key).toBe(anonymous("/search?q=a&region=1")!.key);
    expect(anonymous("/search?q=a")!.key).not.toBe(anonymous("/search?q=b")!.key);
    // ?lang= sets a cookie; the router's own requests; notices on the sign-in page; a query on the home page.
    expect(anonymous("/search?q=a&lang=en")).toBeNull();
    expect(anonymous("/search?q=a&_rsc=x")).toBeNull();
    expect(anonymous("/search?q=a", undefined, { rsc: "1" })).toBeNull();
    expect(anonymous("/login?passwordReset=1")).toBeNull();
    expect(anonymous("/login?callbackUrl=%2Faccount")).not.toBeNull();
    expect(anonymous("/?x=1")).toBeNull();
    expect(anonymous(`/search?q=${"a".repeat(2000)}`)).toBeNull();
    expect(publicPageRequest("POST", "/", {})).toBeNull();
    expect(publicPageRequest("HEAD", "/", {})).toBeNull();
  });
});

describe("the page cache", () => {
  it("renders a page once, however many visitors wait for it, and serves a form page with its script hashes", async () => {
    let renders = 0;
    const cache = new PublicPageCache(
      async () => {
        renders++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return page("<!doctype html><p>sign in</p><script>self.__next_f.push(1)</script>");
      },
      null,
      "b1",
    );
    const request = anonymous("/login")!;
    const found = await Promise.all(Array.from({ length: 5 }, () => cache.lookup(request)));
    expect(renders).toBe(1);
    for (const result of found) expect(result.kind).toBe("page");
    const held = cache.held(request);
    expect(held && "html" in held ? held.scriptHashes : []).toEqual(
      inlineScriptHashes("<script>self.__next_f.push(1)</script>"),
    );
    expect(held && "gzip" in held ? held.gzip.length : 0).toBeGreaterThan(0);
  });

  it("keeps 404 pages, and sends to Next.js what sets a cookie, redirects, fails or is not HTML", async () => {
    const answers: Record<string, Rendering | null> = {
      "/items/GONE": page("<p>not found</p>", { status: 404 }),
      "/items/COOKIE": page("<p>x</p>", { setsCookie: true }),
      "/items/MOVED": page("", { status: 307 }),
      "/items/BROKEN": page("<p>error</p>", { status: 500 }),
      "/items/JSON": page("{}", { contentType: "application/json" }),
      "/items/DOWN": null,
    };
    let renders = 0;
    const cache = new PublicPageCache(
      async (request) => {
        renders++;
        return answers[request.url] ?? null;
      },
      null,
      "b1",
    );
    expect((await cache.lookup(anonymous("/items/GONE")!)).kind).toBe("page");
    for (const url of ["/items/COOKIE", "/items/MOVED", "/items/BROKEN", "/items/JSON", "/items/DOWN"])
      expect((await cache.lookup(anonymous(url)!)).kind, url).toBe("next");
    // The mark is kept too: Next.js answers those directly until the entry's lifetime ends.
    const before = renders;
    expect((await cache.lookup(anonymous("/items/COOKIE")!)).kind).toBe("next");
    expect(renders).toBe(before);
  });

  it("stops serving a page when a tag it carries is invalidated, or when its lifetime ends", async () => {
    let version = 1;
    const cache = new PublicPageCache(async () => page(`<p>v${version}</p>`), null, "b1");
    const request = anonymous("/departments")!;
    const html = async (now?: number) => {
      const found = await cache.lookup(request, now);
      return found.kind === "page" ? found.page.html : null;
    };
    expect(await html()).toBe("<p>v1</p>");
    version = 2;
    expect(await html()).toBe("<p>v1</p>");
    // Another tag changes nothing for this page; its own tag does.
    noteExpiries(new Map([[PUBLIC_TAGS.statistics, Date.now()]]));
    expect(await html()).toBe("<p>v1</p>");
    noteExpiries(new Map([[PUBLIC_TAGS.catalogue, Date.now()]]));
    expect(await html()).toBe("<p>v2</p>");
    version = 3;
    expect(await html(Date.now() + PUBLIC_PAGE_SECONDS * 1000 + 1)).toBe("<p>v3</p>");
  });

  it("does not take a rendering that started before a change for fresh", async () => {
    let release: () => void = () => {};
    let version = 1;
    const cache = new PublicPageCache(
      async () => {
        const seen = version;
        if (seen === 1) await new Promise<void>((resolve) => (release = resolve));
        return page(`<p>v${seen}</p>`);
      },
      null,
      "b1",
    );
    const request = anonymous("/")!;
    const slow = cache.lookup(request);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // A publish lands while the old rendering is under way.
    version = 2;
    noteExpiries(new Map([[PUBLIC_TAGS.catalogue, Date.now()]]));
    release();
    await slow;
    const next = await cache.lookup(request);
    expect(next.kind === "page" ? next.page.html : null).toBe("<p>v2</p>");
  });

  it("shares renderings through the store: a second instance takes a current one instead of rendering", async () => {
    const stored = new Map<string, Parameters<SharedPageStore["set"]>[1]>();
    const shared: SharedPageStore = {
      get: async (key) => stored.get(key) ?? null,
      set: async (key, value) => void stored.set(key, value),
    };
    let renders = 0;
    const render = async () => page(`<p>render ${++renders}</p>`);
    const first = new PublicPageCache(render, shared, "b1");
    const second = new PublicPageCache(render, shared, "b1");
    const request = anonymous("/stats")!;
    await first.lookup(request);
    const fromStore = await second.lookup(request);
    expect(fromStore.kind === "page" ? fromStore.page.html : null).toBe("<p>render 1</p>");
    expect(renders).toBe(1);
    // Another build never takes this build's pages (their scripts are not the same).
    const deployed = new PublicPageCache(render, shared, "b2");
    const own = await deployed.lookup(request);
    expect(own.kind === "page" ? own.page.html : null).toBe("<p>render 2</p>");
    // A stored page older than a change to its tags is not taken.
    noteExpiries(new Map([[PUBLIC_TAGS.statistics, Date.now()]]));
    const third = new PublicPageCache(render, shared, "b1");
    const afresh = await third.lookup(request);
    expect(afresh.kind === "page" ? afresh.page.html : null).toBe("<p>render 3</p>");
  });
});

describe("addresses no route serves", () => {
  it("keep their 404 page per address, and nothing else", async () => {
    expect(publicPageRequest("GET", "/no/such/page", {})).toBeNull();
    const unknown = publicPageRequest("GET", "/no/such/page", {}, { unknownRoute: true });
    expect(unknown?.only404).toBe(true);
    // Files of public/, Next.js's assets, the API and stored files are never taken for pages.
    for (const url of ["/robots.txt", "/favicon.ico", "/_next/static/x", "/api/nope", "/files/abc", "/no/such?x=1"]) {
      expect(publicPageRequest("GET", url, {}, { unknownRoute: true }), url).toBeNull();
    }
    let status = 404;
    const cache = new PublicPageCache(async () => page("<p>page</p>", { status }), null, "b1");
    expect((await cache.lookup(unknown!)).kind).toBe("page");
    status = 200;
    const other = publicPageRequest("GET", "/not/a/route", {}, { unknownRoute: true })!;
    expect((await cache.lookup(other)).kind).toBe("next");
  });
});

describe("scriptless catalogue pages", () => {
  it("drop the React runtime, its flight data and script preloads, and keep the enhancement script, data and styles", () => {
    const html = [
      '<html><head><link rel="stylesheet" href="/_next/static/css/a.css"/><link rel="preload" href="/_next/static/chunks/x.js" as="script" fetchPriority="low"/>',
      '<script src="/_next/static/chunks/y.js" async=""></script></head><body><p>guide</p>',
      '<script>self.__next_f.push([1,"x"])</script><script src="/enhance.js" defer=""></script>',
      '<script type="application/ld+json">{"a":1}</script></body></html>',
    ].join("");
    const plain = withoutRuntime(html);
    expect(plain).toContain('<link rel="stylesheet" href="/_next/static/css/a.css"/>');
    expect(plain).toContain('<script src="/enhance.js" defer=""></script>');
    expect(plain).toContain("<p>guide</p>");
    expect(plain).not.toContain("__next_f");
    expect(plain).not.toContain("chunks/");
    expect(plain).toContain('<script type="application/ld+json">{"a":1}</script>');
    expect(inlineScriptHashes(plain)).toEqual([]);
  });

  it("are the catalogue's pages; the forms keep their runtime", () => {
    expect(publicPageRequest("GET", "/items/A", {})?.scriptless).toBe(true);
    expect(publicPageRequest("GET", "/search?q=a", {})?.scriptless).toBe(true);
    expect(publicPageRequest("GET", "/login", {})?.scriptless).toBe(false);
    expect(publicPageRequest("GET", "/register", {})?.scriptless).toBe(false);
  });
});
