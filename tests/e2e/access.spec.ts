import { expect, test } from "@playwright/test";
import { signIn, staffCode } from "./helpers";

test.describe("areas and roles", () => {
  test("anonymous visitors are sent to sign in from the console and the administration", async ({ page }) => {
    await page.goto("/console");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fconsole/);
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fusers/);
  });

  test("a clerk works in the console and cannot open the administration", async ({ page }) => {
    await signIn(page, "clerk");
    await expect(page).toHaveURL(/\/console$/);
    await expect(page.getByText("广安市市场监督管理局").first()).toBeVisible();
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  });

  test("a citizen cannot open the console", async ({ page }) => {
    await signIn(page, "13800138000");
    await expect(page).toHaveURL(/\/account$/);
    const response = await page.goto("/console");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  });

  test("a platform administrator sees the staff accounts and an intact audit chain", async ({ page }) => {
    await signIn(page, "admin");
    await expect(page).toHaveURL(/\/admin$/);
    await page.getByRole("link", { name: "用户" }).click();
    // Staff only: citizens' accounts (and their ID and phone numbers) are not listed in the administration.
    await expect(page.getByText("clerk", { exact: true }).first()).toBeVisible();
    await expect(page.getByText("13800138000")).toHaveCount(0);
    await page.getByRole("link", { name: "审计日志" }).click();
    await expect(page.getByText(/哈希链校验通过/)).toBeVisible();
  });

  test("a department administrator signs in to the administration after following a deep link", async ({ page }) => {
    await page.goto("/admin/departments");
    await page.getByLabel("手机号码 / 身份证号码 / 工作账号").fill("deptadmin");
    await page.getByLabel("密码", { exact: true }).fill("Passw0rd!demo");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    // Staff: the authenticator code after the password, then on to the deep link.
    await page.getByLabel("动态口令或恢复码").fill(await staffCode("deptadmin"));
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/departments$/);
    await expect(page.getByRole("heading", { name: "部门" })).toBeVisible();
  });

  test("unknown addresses get the 404 page of their area", async ({ page }) => {
    let response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    await expect(page.getByRole("search")).toBeVisible();

    await signIn(page, "clerk");
    await expect(page).toHaveURL(/\/console$/);
    response = await page.goto("/console/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByText("工作台中没有这个页面。")).toBeVisible();
    await expect(page.getByRole("link", { name: "返回工作台" })).toBeVisible();

    response = await page.goto("/items/NO-SUCH-ITEM");
    expect(response?.status()).toBe(404);
  });

  test("the health endpoint reports the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });
});
