import { expect, type Page, test } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_PASSWORD, signIn, signOut, staffCode } from "./helpers";

/**
 * Issue 15, end to end: staff sign in with a password and an authenticator code. An administrator creates a clerk;
 * the clerk's first sign-in can only set up the authenticator (QR code and key), which shows the recovery codes
 * once; later sign-ins ask for a code, and a recovery code works once instead.
 */

const loginName = `e2e-sf-${Date.now().toString(36)}`;
const password = "Clerk-pass-2026";

async function codeFor(secret: string, step: number) {
  return generate({ secret, epoch: step * 30 });
}

/** The first half of a sign-in: username and password (the code comes next). */
async function submitPassword(page: Page) {
  await page.goto("/login");
  await page.getByLabel("手机号码 / 身份证号码 / 工作账号").fill(loginName);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

test("a new clerk sets up the authenticator at the first sign-in, then signs in with a code or a recovery code", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // The platform administrator creates the account (signed in with the demo authenticator).
  const adminContext = await browser.newContext({ locale: "zh-CN" });
  const admin = await adminContext.newPage();
  await signIn(admin, "admin");
  await admin.waitForURL((url) => !url.pathname.startsWith("/login"));
  await admin.goto("/admin/users/new");
  await expect(admin.getByTestId("step-up-notice")).toHaveCount(0);
  await admin.getByLabel("登录名").fill(loginName);
  await admin.getByLabel("姓名").fill("双因素测试");
  await admin.getByLabel("部门").selectOption({ index: 1 });
  await admin.getByLabel("初始密码").fill(password);
  await admin.getByLabel("确认密码").fill(password);
  await admin.getByRole("button", { name: "创建账号" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "已创建。" })).toBeVisible();

  // First sign-in: the password alone leads only to the set-up page; the console is out of reach until then.
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await submitPassword(page);
  await page.waitForURL(/\/login\/second-factor/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置动态口令（双因素认证）");
  await expect(page.getByRole("img", { name: "用于添加到验证器应用的二维码" })).toBeVisible();
  // Who is signed in, and the way out, although the header shows nobody until the factor is proven.
  await expect(page.getByText("双因素测试（窗口工作人员）")).toBeVisible();
  await expect(page.getByRole("main").getByRole("button", { name: "退出" })).toBeVisible();
  await page.screenshot({ path: "test-results/second-factor-enrol-375.png", fullPage: true });
  await page.goto("/console");
  await page.waitForURL(/\/login\/second-factor/);

  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  // A wrong code: a clear error next to the field, nothing turned on.
  await page.getByLabel("验证器显示的 6 位动态口令").fill("000000");
  await page.getByRole("button", { name: "确认并启用" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "动态口令不正确" })).toBeVisible();
  const step = Math.floor(Date.now() / 30_000);
  await page.getByLabel("验证器显示的 6 位动态口令").fill(await codeFor(secret, step));
  await page.getByRole("button", { name: "确认并启用" }).click();
  await expect(page.getByRole("status").filter({ hasText: "动态口令已启用" })).toBeVisible();
  // The key is no longer on the screen once it is in use; only the recovery codes are.
  await expect(page.getByTestId("totp-secret")).toHaveCount(0);
  await expect(page.getByRole("img", { name: "用于添加到验证器应用的二维码" })).toHaveCount(0);
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((code) => code.trim());
  expect(codes).toHaveLength(10);
  await page.screenshot({ path: "test-results/second-factor-recovery-375.png", fullPage: true });
  await page.getByRole("link", { name: "我已保存，继续" }).click();
  await page.waitForURL(/\/console/);
  await signOut(page);

  // Later sign-ins ask for a code after the password; the code of a step already used is refused.
  await submitPassword(page);
  const code = page.getByLabel("动态口令或恢复码");
  await expect(code).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "6 位动态口令" })).toBeVisible();
  await code.fill(await codeFor(secret, step));
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "动态口令不正确，或已经使用过" })).toBeVisible();
  await expect(page.getByLabel("密码", { exact: true })).toHaveValue(password);
  await code.fill(await codeFor(secret, step + 1));
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.waitForURL(/\/console/);
  await signOut(page);

  // Phone lost: a recovery code instead, once. Then new recovery codes from the account security page.
  await submitPassword(page);
  await page.getByLabel("动态口令或恢复码").fill(codes[0] ?? "");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.waitForURL(/\/console/);
  // Found from the console's navigation.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "账号安全" }).click();
  await expect(page.getByText("剩余未使用的恢复码：9 个")).toBeVisible();
  await page.getByRole("button", { name: "生成新的恢复码（旧的立即失效）" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await expect(page.getByText("剩余未使用的恢复码：9 个")).toHaveCount(0);
  const renewed = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((code) => code.trim());
  expect(renewed).not.toContain(codes[1]);
  await page.screenshot({ path: "test-results/second-factor-renew-375.png", fullPage: true });
  await signOut(page);
  await submitPassword(page);
  await page.getByLabel("动态口令或恢复码").fill(codes[0] ?? "");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "动态口令不正确，或已经使用过" })).toBeVisible();

  // Phone and codes both lost: the administrator resets the factor; the next sign-in sets up a new one.
  await admin.goto("/admin/users");
  await admin.getByRole("row").filter({ hasText: loginName }).getByRole("link", { name: /管理/ }).click();
  await admin.getByRole("button", { name: "重置动态口令" }).click();
  await expect(admin).toHaveURL(/\/admin\/users\?done=secondFactorReset/);
  await expect(admin.getByRole("status").filter({ hasText: "动态口令已重置" })).toBeVisible();
  await submitPassword(page);
  await page.waitForURL(/\/login\/second-factor/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置动态口令（双因素认证）");
  await adminContext.close();
  await context.close();
});

test("an administrator's export goes through at once with a fresh code; the API refuses staff tokens without one", async ({
  page,
  request,
}) => {
  await signIn(page, "admin");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  const download = await page.request.get("/admin/audit/export?format=csv", { maxRedirects: 0 });
  expect(download.status()).toBe(200);
  const refused = await request.post("/api/v1/auth/token", { data: { username: "admin", password: DEMO_PASSWORD } });
  expect(refused.status()).toBe(401);
  const tokens = await request.post("/api/v1/auth/token", {
    data: { username: "admin", password: DEMO_PASSWORD, otp: await staffCode("admin") },
  });
  expect(tokens.status()).toBe(200);
});
