import { expect, type Page, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

/**
 * Security headers and cross-site request refusal on the production build (issue 8): the policy each page gets
 * (nonce on dynamic pages, the cached public pages' own policy — see lib/security/csp.ts), that pages still work
 * under it (no violation reported by the browser), and that server actions refuse another site's POST.
 */

function scriptSources(policy: string): string[] {
  return (
    policy
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith("script-src")) ?? ""
  )
    .split(/\s+/)
    .slice(1);
}

async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const store: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = store;
    document.addEventListener("securitypolicyviolation", (event) =>
      store.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
}

/**
 * Violations, less one harmless probe: zod 4 tries `new Function("")` once to decide whether it may compile its
 * fast validators, catches the refusal and validates without them. That refusal is the policy working.
 */
const violations = async (page: Page) =>
  (await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).filter(
    (violation) => violation !== "script-src eval",
  );

test("dynamic pages: a fresh nonce on every answer, on every script, and no unsafe-inline", async ({ request }) => {
  // The sign-in page with a notice is rendered per request (the page cache keeps only its plain form).
  const first = await request.get("/login?registered=1");
  const second = await request.get("/login?registered=1");
  const policy = first.headers()["content-security-policy"] ?? "";
  const sources = scriptSources(policy);
  expect(sources).toContain("'strict-dynamic'");
  expect(sources).not.toContain("'unsafe-inline'");
  expect(sources).not.toContain("'unsafe-eval'");
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(nonce!);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'self'");
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => !/type="application\/(ld\+)?json"/.test(tag));
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);

  const headers = first.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Plain HTTP: no HSTS (RFC 6797 §7.2); it is sent only when the client used HTTPS (lib/http/client-ip.ts).
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("route handlers answer with the baseline policy; stored files keep their sandbox", async ({ request }) => {
  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toBe(
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  );
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["strict-transport-security"]).toBeUndefined();
  // A client cannot claim HTTPS for itself: X-Forwarded-Proto counts only from a trusted proxy (none here).
  const forged = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(forged.headers()["strict-transport-security"]).toBeUndefined();
});

test("pages work under their policy: no violation while browsing, signing in and switching language", async ({
  page,
}) => {
  await recordViolations(page);
  await page.goto("/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81");
  await expect(page.getByRole("search").first()).toBeVisible();
  // The anonymous item page comes from the page cache as plain HTML with its own policy — scripts from 'self' only
  // (public/enhance.js), no nonce and no 'unsafe-inline' — and runs with no violation.
  const itemLink = page.locator('a[href^="/items/"]').first();
  const href = await itemLink.getAttribute("href");
  const response = await page.goto(href!);
  const policy = response?.headers()["content-security-policy"] ?? "";
  const sources = scriptSources(policy);
  expect(sources).toEqual(["'self'"]);
  expect(policy).not.toContain("nonce-");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(await violations(page)).toEqual([]);
  // Signed in, the item page is rendered live, with a nonce.
  await signIn(page, "13800138000");
  await expect(page).toHaveURL(/\/account$/);
  expect(await violations(page)).toEqual([]);
  const live = await page.goto(href!);
  expect(live?.headers()["content-security-policy"]).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
  expect(await violations(page)).toEqual([]);
  // A server action (the language switch) still works under the nonce policy.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(await violations(page)).toEqual([]);
});

test("a server action refuses a request from another site; from our own pages it works", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)?.[1];
  expect(actionField, "the language switch is a progressively enhanced server action form").toBeTruthy();
  const form = { [actionField!]: "", locale: "en" };

  const forged = await request.post("/", {
    multipart: form,
    headers: { Origin: "https://evil.example", Referer: "https://evil.example/" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(forged.headers()["set-cookie"] ?? "").not.toContain("NEXT_LOCALE");

  const own = await request.post("/", {
    multipart: form,
    headers: { Origin: new URL(test.info().project.use.baseURL!).origin },
    maxRedirects: 0,
  });
  expect(own.status()).toBeLessThan(400);
  expect(own.headers()["set-cookie"] ?? "").toMatch(/NEXT_LOCALE=en/);
});

test("state-changing route handlers refuse another site; sign-in issues a new session token", async ({ page }) => {
  await signIn(page, "13800138000");
  await expect(page).toHaveURL(/\/account$/);
  const cookieName = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(cookieName).toBeTruthy();
  const forged = await page.request.post(`/api/applications/00000000-0000-4000-8000-000000000000/files`, {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    multipart: {
      materialCode: "M1",
      file: { name: "a.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n") },
    },
  });
  expect(forged.status()).toBe(403);

  // Signing in again (another person on the same browser) replaces the session token: no fixation.
  await signOut(page);
  await signIn(page, "13800138000");
  await expect(page).toHaveURL(/\/account$/);
  const again = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(again?.value).toBeTruthy();
  expect(again?.value).not.toBe(cookieName?.value);
});

test("signing out ends the session on the server: a copied cookie no longer works, /api/auth/session shows nobody", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "13800138000");
  await expect(page).toHaveURL(/\/account$/);
  const copied = (await context.cookies()).filter((cookie) => cookie.name.includes("next-auth"));
  expect((await (await page.request.get("/api/auth/session")).json()).user?.role).toBe("CITIZEN");

  // Someone who copied the cookie before the sign-out, in another browser.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/account");
  await expect(stolen).toHaveURL(/\/account$/);

  await signOut(page);
  await stolen.goto("/account");
  await expect(stolen).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  expect(await (await stolen.request.get("/api/auth/session")).json()).not.toHaveProperty("user");
  await context.close();
  await thief.close();
});
