import { expect, type Page, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

/**
 * The page cache under real use (issue 17, lib/cache/public-pages.ts): anonymous public pages come from the cache
 * (their policy lists script hashes, no nonce), a signed-in visitor always gets a live page with their own name and
 * never a cached one, nobody gets another's page after signing out, and English and 长辈模式 are cached apart.
 */

const CACHED_PAGES = [
  "/",
  "/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81",
  "/departments",
  "/stats",
  "/satisfaction",
  "/login",
  "/register",
  "/track",
  "/verify",
];
const CITIZEN_NAME = "王小明";

/** A cached page's policy: scripts from 'self' and the hashes of its inline scripts (none on a scriptless page), no nonce. */
function fromCache(policy: string | undefined): boolean {
  const scripts = (policy ?? "").split(";").find((directive) => directive.trim().startsWith("script-src")) ?? "";
  return /^script-src 'self'( 'sha256-[^']+')*$/.test(scripts.trim());
}

async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  return { policy: response?.headers()["content-security-policy"], html: await page.content() };
}

test("anonymous pages come from the cache; a signed-in visitor never gets one, before or after signing out", async ({
  page,
  browser,
}) => {
  for (const url of CACHED_PAGES) {
    await visit(page, url);
    const again = await visit(page, url);
    expect(fromCache(again.policy), url).toBe(true);
    expect(again.html).not.toContain(CITIZEN_NAME);
  }

  await signIn(page, "13800138000");
  await expect(page).toHaveURL(/\/account$/);
  for (const url of ["/", "/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81", "/departments", "/stats"]) {
    const signedIn = await visit(page, url);
    expect(fromCache(signedIn.policy), url).toBe(false);
    expect(signedIn.policy).toMatch(/'nonce-[^']+'/);
    // The header names the person: this page was made for them alone.
    await expect(page.getByRole("banner")).toContainText(CITIZEN_NAME);
  }

  // Meanwhile another visitor, not signed in, gets the cached pages with nobody's name.
  const stranger = await browser.newPage();
  for (const url of ["/", "/departments", "/stats"]) {
    const seen = await visit(stranger, url);
    expect(fromCache(seen.policy), url).toBe(true);
    expect(seen.html).not.toContain(CITIZEN_NAME);
  }
  await stranger.close();

  await page.goto("/");
  await signOut(page);
  for (const url of ["/", "/departments", "/stats"]) {
    const after = await visit(page, url);
    expect(after.html, url).not.toContain(CITIZEN_NAME);
    await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();
  }
});

test("English and 长辈模式 pages are cached apart from the Chinese standard ones, and each is right", async ({
  browser,
  baseURL,
}) => {
  const variants = [
    { cookies: [], lang: "zh-CN", large: false, heading: "高频事项" },
    { cookies: [{ name: "NEXT_LOCALE", value: "en" }], lang: "en", large: false, heading: "Most used services" },
    { cookies: [{ name: "ow_display", value: "large" }], lang: "zh-CN", large: true, heading: "高频事项" },
    {
      cookies: [
        { name: "NEXT_LOCALE", value: "en" },
        { name: "ow_display", value: "large" },
      ],
      lang: "en",
      large: true,
      heading: "Most used services",
    },
  ];
  // Twice round, so the second visit of each variant is answered from the cache.
  for (let round = 0; round < 2; round++) {
    for (const variant of variants) {
      const context = await browser.newContext();
      await context.addCookies(variant.cookies.map((cookie) => ({ ...cookie, url: baseURL! })));
      const page = await context.newPage();
      const seen = await visit(page, "/");
      if (round === 1) expect(fromCache(seen.policy), JSON.stringify(variant.cookies)).toBe(true);
      await expect(page.locator("html")).toHaveAttribute("lang", variant.lang);
      if (variant.large) await expect(page.locator("html")).toHaveClass(/display-large/);
      else await expect(page.locator("html")).not.toHaveClass(/display-large/);
      await expect(page.getByRole("heading", { name: variant.heading, exact: true })).toBeVisible();
      await context.close();
    }
  }
});

test("catalogue pages reach anonymous visitors as plain HTML: no React runtime, still searchable with suggestions", async ({
  page,
  browser,
}) => {
  const scriptsOf = async (url: string) => {
    await page.goto(url);
    const seen = await page.goto(url);
    expect(fromCache(seen?.headers()["content-security-policy"]), url).toBe(true);
    // Data blocks (schema.org structured data) are not scripts.
    return page
      .locator('script:not([type="application/ld+json"])')
      .evaluateAll((scripts) => scripts.map((script) => script.getAttribute("src") ?? "inline"));
  };
  for (const url of ["/", "/search?q=%E7%A4%BE%E4%BF%9D", "/departments", "/stats"])
    expect(await scriptsOf(url), url).toEqual(["/enhance.js"]);
  // The forms keep their client components.
  expect((await scriptsOf("/login")).length).toBeGreaterThan(1);

  // Suggestions while typing come from the small enhancement script.
  await page.goto("/");
  await page.locator('input[name="q"]').first().fill("shenfen");
  await expect.poll(() => page.locator("datalist option").count()).toBeGreaterThan(0);
  // The language switch is a form: it works on the plain page.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // With JavaScript off the same pages read and search alike.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto("/");
  await plain.locator('input[name="q"]').first().fill("身份证");
  await plain.locator('input[name="q"]').first().press("Enter");
  await expect(plain).toHaveURL(/\/search\?q=/);
  await expect(plain.locator('a[href^="/items/"]').first()).toBeVisible();
  await noScript.close();
});

test("notices and answers that set a cookie are never cached", async ({ request }) => {
  // A notice on the sign-in page is rendered per request, with a nonce.
  for (let index = 0; index < 2; index++) {
    const notice = await request.get("/login?passwordReset=1");
    expect(fromCache(notice.headers()["content-security-policy"])).toBe(false);
  }
  // ?lang= sets the language cookie: that answer is rendered live and sets it.
  for (let index = 0; index < 2; index++) {
    const switched = await request.get("/departments?lang=en");
    expect(switched.headers()["set-cookie"] ?? "").toContain("NEXT_LOCALE=en");
    expect(fromCache(switched.headers()["content-security-policy"])).toBe(false);
  }
  // A cached answer sets no cookie.
  await request.get("/track", { headers: { cookie: "" } });
  const cached = await request.get("/track", { headers: { cookie: "" } });
  expect(fromCache(cached.headers()["content-security-policy"])).toBe(true);
  expect(cached.headers()["set-cookie"]).toBeUndefined();
});
