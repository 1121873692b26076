import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/seed/demo-accounts";
import { OIDC_TEST_PEOPLE, type OidcTestPerson } from "../support/oidc-test-provider";
import { itemCode, signIn } from "./helpers";

/**
 * Issue 15, end to end: signing in through the unified identity service, a real OpenID Connect provider started
 * with the app (tests/support/oidc-provider-server.ts, playwright.config.ts). The demo citizen's verified ID number
 * links the sign-in to their existing account; the provider's acr sets the level the account page shows; the
 * registry company's legal representative signing in as such gets the company verified; someone whose ID number is
 * not the registered representative's gets nothing and is told why; signing out ends the session on the server and at
 * the provider.
 */

async function freshPage(browser: Browser) {
  // A context of its own: the provider keeps its own sign-in (single sign-on), which would answer for the last person.
  const context = await browser.newContext({ locale: "zh-CN" });
  return { context, page: await context.newPage() };
}

async function signInThroughProvider(page: Page, person: OidcTestPerson) {
  await page.goto("/login");
  await page.getByRole("button", { name: "使用统一身份认证登录" }).click();
  await expect(page.getByRole("heading", { name: "统一身份认证（测试）" })).toBeVisible();
  await page.getByRole("button", { name: person.label }).click();
}

function profileValue(page: Page, term: string) {
  return page
    .locator("dt")
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");
}

test("the demo citizen signs in through the provider: their own account, found by ID number, at the level it proves; signing out ends the session", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { phone, realName } = DEMO_ACCOUNTS.citizen;

  // With the password first: an application started, so that the linked account is seen to be theirs.
  const before = await freshPage(browser);
  await signIn(before.page, phone);
  await expect(before.page).toHaveURL(/\/account$/);
  const code = await itemCode(before.page, "居民身份证申领", "511602000000");
  await before.page.goto(`/items/${code}/apply`);
  const start = before.page.getByRole("button", { name: "开始申请" });
  // An earlier run (or apply.spec.ts) may have left a draft: then there is one already.
  if (await start.isVisible()) {
    await start.click();
    await expect(before.page.getByRole("heading", { name: "申请人信息" })).toBeVisible();
  }
  await before.context.close();

  const { context, page } = await freshPage(browser);
  await signInThroughProvider(page, OIDC_TEST_PEOPLE.citizen);
  await expect(page).toHaveURL(/\/account$/);
  await expect(profileValue(page, "姓名")).toHaveText(realName);
  await expect(profileValue(page, "手机号码")).toHaveText(`${phone.slice(0, 3)}****${phone.slice(7)}`);
  // urn:gov:loa:3 → level 3 (OIDC_ACR_LEVELS), above the self-registered account's 2.
  await expect(profileValue(page, "实名等级")).toHaveText("3 级");
  await page.goto("/account/applications");
  await expect(page.getByText(/居民身份证申领/).first()).toBeVisible();
  expect((await (await page.request.get("/api/auth/session")).json()).user?.role).toBe("CITIZEN");

  // Someone who copied the cookie before the sign-out, in another browser.
  const copied = (await context.cookies()).filter((cookie) => cookie.name.includes("next-auth"));
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/account");
  await expect(stolen).toHaveURL(/\/account$/);

  // Signing out ends the session here and then at the provider (RP-initiated logout): the provider asks, and sends
  // the person back to the portal's home page.
  await page.goto("/account");
  await page.getByRole("button", { name: "退出", exact: true }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/$/);
  await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();
  // The provider's single sign-on has ended too: signing in through it asks who signs in again.
  await page.goto("/login");
  await page.getByRole("button", { name: "使用统一身份认证登录" }).click();
  await expect(page.getByRole("heading", { name: "统一身份认证（测试）" })).toBeVisible();
  await stolen.goto("/account");
  await expect(stolen).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  expect(await (await stolen.request.get("/api/auth/session")).json()).not.toHaveProperty("user");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  await context.close();
  await thief.close();
});

test("a person verified face to face gets an account at level 4", async ({ browser }) => {
  const { context, page } = await freshPage(browser);
  await signInThroughProvider(page, OIDC_TEST_PEOPLE.levelFour);
  await expect(page).toHaveURL(/\/account$/);
  await expect(profileValue(page, "姓名")).toHaveText("孙实名");
  await expect(profileValue(page, "实名等级")).toHaveText("4 级");
  await context.close();
});

test("the registry company's legal representative signs in as such, and the company is verified with them as its representative", async ({
  browser,
}) => {
  const { realName, companyName, creditCode } = DEMO_ACCOUNTS.registryCompany;
  const { context, page } = await freshPage(browser);
  await signInThroughProvider(page, OIDC_TEST_PEOPLE.representative);
  await expect(page).toHaveURL(/\/account$/);
  await expect(profileValue(page, "姓名")).toHaveText(realName);
  await page.goto("/account/company");
  await expect(page.getByText(`您现在代表 ${companyName}（统一社会信用代码 ${creditCode}）办事。`)).toBeVisible();
  const own = page.getByRole("row").filter({ hasText: realName }).filter({ hasText: "法定代表人" });
  await expect(own.first()).toBeVisible();
  await context.close();
});

test("someone whose ID number is not the registered representative's gets nothing, and the sign-in page says why", async ({
  browser,
}) => {
  const { context, page } = await freshPage(browser);
  await signInThroughProvider(page, OIDC_TEST_PEOPLE.impostor);
  await expect(page).toHaveURL(/\/login\?error=oidc\.registryMismatch/);
  await expect(
    page.getByRole("alert").filter({ hasText: "您的姓名或身份证号码与企业登记的法定代表人不一致" }),
  ).toBeVisible();
  expect(await (await page.request.get("/api/auth/session")).json()).not.toHaveProperty("user");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  await context.close();
});
