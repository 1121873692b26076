import { expect, test } from "@playwright/test";
import { randomCreditCode } from "../support/identities";
import { DEMO_PASSWORD, signIn } from "./helpers";

test("a platform administrator adds a holiday, creates a department, and creates then deactivates a clerk who can no longer sign in", async ({
  page,
  browser,
}) => {
  const suffix = String(Date.now()).slice(-6);
  // A date in a year the package does not cover; varied so the spec can run again on the same database.
  const holidayDate = `2031-${String(1 + (Number(suffix) % 12)).padStart(2, "0")}-${String(1 + (Math.floor(Number(suffix) / 12) % 28)).padStart(2, "0")}`;
  await signIn(page, "admin", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);

  // The working-day calendar: add a national holiday for a year the package does not cover.
  await page.getByRole("link", { name: "工作日历", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "工作日历" })).toBeVisible();
  const add = page.getByRole("region", { name: "添加日期" });
  await add.getByLabel("日期").fill(holidayDate);
  await add.getByLabel("类型").selectOption({ label: "放假" });
  await add.getByLabel("名称").fill(`元旦${suffix}`);
  await add.getByRole("button", { name: "添加" }).click();
  await expect(page).toHaveURL(/year=2031/);
  await expect(page.getByRole("status").filter({ hasText: "已保存。" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: `元旦${suffix}` });
  await expect(row).toContainText(holidayDate);
  await expect(row).toContainText("手工录入");

  // A department: a wrong credit code is refused with the typed values kept, a right one creates it.
  await page.getByRole("link", { name: "部门", exact: true }).click();
  await page.getByRole("link", { name: "新增部门" }).click();
  const name = `测试数据管理局${suffix}`;
  const code = randomCreditCode();
  await page.getByLabel("名称", { exact: true }).fill(name);
  await page.getByLabel("英文名称").fill("Test Data Bureau");
  await page.getByLabel("统一社会信用代码").fill(`${code.slice(0, 17)}${code.endsWith("1") ? "2" : "1"}`);
  await page.getByLabel("类别标识").fill("data-bureau");
  await page.getByLabel("行政区划").selectOption("511600000000");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "统一社会信用代码校验位不正确" })).toBeVisible();
  await expect(page.getByLabel("名称", { exact: true })).toHaveValue(name);
  await page.getByLabel("统一社会信用代码").fill(code);
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page).toHaveURL(/\/admin\/departments\?region=511600000000&done=created/);
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();

  // A clerk of that department.
  const loginName = `e2eclerk${suffix}`;
  const password = "Clerk2026pass";
  await page.getByRole("link", { name: "用户", exact: true }).click();
  await page.getByRole("link", { name: "新建工作人员账号" }).click();
  await page.getByLabel("登录名").fill(loginName);
  await page.getByLabel("姓名").fill("钱芳");
  await page.getByLabel("角色", { exact: true }).selectOption("CLERK");
  await page.getByLabel("部门", { exact: true }).selectOption({ label: `广安市 · ${name}` });
  await page.getByLabel("初始密码").fill(password);
  await page.getByLabel("确认密码").fill(password);
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?done=created/);
  const clerkRow = page.getByRole("row").filter({ hasText: loginName });
  await expect(clerkRow).toContainText("窗口工作人员");
  await expect(clerkRow).toContainText(name);

  // The clerk signs in (a separate browser), then is deactivated: the open session ends and sign-in is refused.
  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await signIn(clerk, loginName, password);
  // A new clerk's first sign-in leads only to setting up the authenticator (lib/auth/second-factor.ts).
  await expect(clerk).toHaveURL(/\/login\/second-factor/);
  await expect(clerk.getByRole("heading", { level: 1 })).toHaveText("设置动态口令（双因素认证）");

  await clerkRow.getByRole("link", { name: /管理/ }).click();
  await page.getByRole("button", { name: "停用账号" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?done=deactivated/);
  await expect(page.getByRole("row").filter({ hasText: loginName })).toContainText("停用");

  await clerk.goto("/console");
  await expect(clerk).toHaveURL(/\/login/);
  await signIn(clerk, loginName, password);
  await expect(clerk.getByText("账号或密码错误，请检查后重试。")).toBeVisible();
  await expect(clerk).toHaveURL(/\/login/);
  await clerkContext.close();
});

test("the home page shows the themes an administrator chose; every theme with services is on the all-themes page", async ({
  page,
  browser,
}) => {
  const visitor = await browser.newPage({ viewport: { width: 375, height: 800 } });
  const homeTheme = () => visitor.locator("#personal").getByRole("link", { name: /退役军人/ });
  await visitor.goto("/");
  await expect(homeTheme()).toBeVisible();

  await signIn(page, "admin", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  const choose = async (label: "在首页展示" | "只在全部主题页") => {
    await page.goto("/admin/themes/veterans-affairs");
    await page.getByLabel("首页展示").selectOption({ label });
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(/\/admin\/themes\?done=saved/);
  };
  try {
    await choose("只在全部主题页");
    await expect(page.getByRole("row").filter({ hasText: "退役军人" })).toContainText("只在全部主题页");

    // The cached home page follows at once; the theme is still one click away, on the all-themes page.
    await visitor.goto("/");
    await expect(homeTheme()).toHaveCount(0);
    await visitor.getByRole("link", { name: "全部主题" }).click();
    await expect(visitor.getByRole("heading", { level: 1, name: "全部主题" })).toBeVisible();
    await expect(visitor.getByRole("link", { name: /退役军人/ })).toBeVisible();
    await expect(visitor.getByRole("link", { name: /生育收养/ })).toBeVisible();
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await visitor.screenshot({ path: test.info().outputPath("all-themes-375.png"), fullPage: true });
  } finally {
    await choose("在首页展示");
  }
  await visitor.goto("/");
  await expect(homeTheme()).toBeVisible();
  await visitor.close();
});
