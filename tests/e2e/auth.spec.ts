import { expect, test } from "@playwright/test";
import { withWrongCheckChar } from "../support/identities";
import {
  DEMO_PASSWORD,
  fillRegistration,
  newPerson,
  register,
  registerCompanyAgent,
  signIn,
  signOut,
  smsCodeFor,
  smsTo,
} from "./helpers";

test.describe("citizen accounts", () => {
  test("a citizen registers, signs in, sees a masked profile and signs out", async ({ page }) => {
    const person = newPerson();
    await register(page, person);
    await expect(page).toHaveURL(/\/login\?registered=1/);
    await expect(page.getByText("注册成功，请登录。")).toBeVisible();

    await signIn(page, person.phone, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "我的账号" })).toBeVisible();
    await expect(page.getByText(`${person.idNumber.slice(0, 3)}***********${person.idNumber.slice(-4)}`)).toBeVisible();
    await expect(page.getByText(person.idNumber, { exact: true })).toHaveCount(0);

    await signOut(page);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);

    // The ID number works as a username too.
    await signIn(page, person.idNumber, person.password);
    await expect(page).toHaveURL(/\/account$/);
  });

  test("bad registration input is explained next to each field and nothing typed is lost", async ({ page }) => {
    const person = newPerson();
    await page.goto("/register");
    await page.getByLabel("真实姓名").fill("王芳");
    await page.getByLabel("居民身份证号码").fill(withWrongCheckChar(person.idNumber));
    await page.getByLabel("手机号码").fill("1234");
    await page.getByLabel("密码", { exact: true }).fill("short");
    await page.getByLabel("确认密码").fill("different");
    await page.getByRole("button", { name: "注册" }).click();

    await expect(page.getByRole("alert").getByText("请修改以下问题后再提交")).toBeVisible();
    await expect(page.locator("#idNumber-error")).toHaveText(/身份证号码校验位不正确/);
    await expect(page.locator("#phone-error")).toHaveText(/请输入 11 位中国大陆手机号码/);
    await expect(page.locator("#password-error")).toHaveText(/密码至少 10 位/);
    await expect(page.getByLabel("真实姓名")).toHaveValue("王芳");
    await expect(page.getByLabel("居民身份证号码")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/register$/);
  });

  test("a taken phone or ID number gets a generic answer that names neither", async ({ page }) => {
    const person = newPerson();
    await register(page, person);
    await expect(page).toHaveURL(/registered=1/);
    // A taken phone (the demo citizen's): the page says exactly what it says for a new number; the phone's holder
    // is told by SMS instead of getting a code.
    await fillRegistration(page, { ...newPerson(), phone: "13800138000" });
    expect((await smsTo("13800138000", "identity.accountExists")).text).toContain("该号码已有账号");
    // Same ID number, another (proven) phone: one generic message, nothing at the ID number field.
    await register(page, { ...newPerson(), idNumber: person.idNumber });
    await expect(page.getByRole("alert").filter({ hasText: "无法使用这些信息注册新账号" })).toBeVisible();
    await expect(page.locator("#idNumber-error")).toHaveCount(0);
    await expect(page.getByLabel("真实姓名")).toHaveValue(person.realName);
  });

  test("a company agent registers without any company: typing a credit code binds nothing", async ({ page }) => {
    const person = newPerson();
    await page.goto("/register");
    await page.getByLabel("法人经办人（代表企业办事）").check();
    await expect(page.getByLabel("统一社会信用代码")).toHaveCount(0);
    await registerCompanyAgent(page, person);
    await signIn(page, person.phone, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText("广安市鑫源商贸有限公司")).toHaveCount(0);
  });

  test("registration works without JavaScript, keeping values after a server-side error", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const person = newPerson();
    await page.goto("/register");
    await page.getByLabel("真实姓名").fill(person.realName);
    await page.getByLabel("居民身份证号码").fill(withWrongCheckChar(person.idNumber));
    await page.getByLabel("手机号码").fill(person.phone);
    // "Get code" posts the form; what was typed comes back.
    await page.getByRole("button", { name: "获取短信验证码" }).click();
    await expect(page.getByRole("status").filter({ hasText: "短信已发送到该手机号码" })).toBeVisible();
    await expect(page.getByLabel("真实姓名")).toHaveValue(person.realName);
    const code = await smsCodeFor(person.phone);
    await page.getByLabel("短信验证码").fill(code);
    await page.getByLabel("密码", { exact: true }).fill(person.password);
    await page.getByLabel("确认密码").fill(person.password);
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await expect(page.locator("#idNumber-error")).toHaveText(/身份证号码校验位不正确/);
    await expect(page.getByLabel("手机号码")).toHaveValue(person.phone);
    await page.getByLabel("居民身份证号码").fill(person.idNumber);
    await page.getByLabel("短信验证码").fill(code);
    await page.getByLabel("密码", { exact: true }).fill(person.password);
    await page.getByLabel("确认密码").fill(person.password);
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await expect(page).toHaveURL(/registered=1/);
    await context.close();
  });

  test("wrong passwords are throttled with a clear message", async ({ page }) => {
    const person = newPerson();
    await register(page, person);
    await expect(page).toHaveURL(/registered=1/);
    for (let attempt = 0; attempt < 5; attempt++) {
      await signIn(page, person.phone, "WrongPassw0rd");
      await expect(page.getByRole("alert").filter({ hasText: "账号或密码错误" })).toBeVisible();
    }
    await signIn(page, person.phone, person.password);
    await expect(page.getByRole("alert").filter({ hasText: "登录失败次数过多" })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });
});

test("signing out everywhere ends the sessions on other devices too", async ({ browser }) => {
  const person = newPerson();
  const phone = await browser.newContext();
  const laptop = await browser.newContext();
  const onPhone = await phone.newPage();
  await register(onPhone, person);
  await expect(onPhone).toHaveURL(/registered=1/);
  await signIn(onPhone, person.phone, person.password);
  await expect(onPhone).toHaveURL(/\/account$/);
  const onLaptop = await laptop.newPage();
  await signIn(onLaptop, person.phone, person.password);
  await expect(onLaptop).toHaveURL(/\/account$/);

  await onLaptop.getByRole("button", { name: "退出所有设备" }).click();
  await expect(onLaptop.getByText("已退出所有设备上的登录，请重新登录。")).toBeVisible();
  await onPhone.goto("/account");
  await expect(onPhone).toHaveURL(/\/login\?callbackUrl=%2Faccount/);

  await signIn(onPhone, person.phone, person.password);
  await expect(onPhone).toHaveURL(/\/account$/);
  await phone.close();
  await laptop.close();
});

test("signing in never leads to another site, whatever the callback address", async ({ page }) => {
  const base = new URL(test.info().project.use.baseURL!);
  for (const bad of [
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "/%2F/evil.example",
    "/.//evil.example",
    "javascript:alert(1)",
  ]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(bad)}`);
    await page.getByLabel("手机号码 / 身份证号码 / 工作账号").fill("13800138000");
    await page.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
    expect(new URL(page.url()).host, bad).toBe(base.host);
  }
});

test("at another address for this server, the sign-in page says where to sign in", async ({ page }) => {
  const base = new URL(test.info().project.use.baseURL!);
  await page.goto(`http://127.0.0.1:${base.port}/login?callbackUrl=%2Faccount`);
  await expect(page.getByRole("alert").filter({ hasText: "本系统的登录地址是" })).toContainText(
    `本系统的登录地址是 ${base.origin}`,
  );
  await expect(page.getByLabel("密码", { exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: `前往 ${base.host} 登录` }).click();
  await expect(page).toHaveURL(`${base.origin}/login?callbackUrl=%2Faccount`);
});

test("a citizen who forgot the password resets it by SMS code on a phone, then changes it; other devices are signed out", async ({
  browser,
}) => {
  const person = newPerson();
  const phone = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const laptop = await browser.newContext();
  const page = await phone.newPage();
  await register(page, person);
  await expect(page).toHaveURL(/registered=1/);
  const other = await laptop.newPage();
  await signIn(other, person.phone, person.password);
  await expect(other).toHaveURL(/\/account$/);

  // 找回密码, from the sign-in page.
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page.getByRole("heading", { name: "找回密码", level: 1 })).toBeVisible();
  await page.getByLabel("手机号码").fill(person.phone);
  await page.getByRole("button", { name: "获取短信验证码" }).click();
  await expect(page.getByRole("status").filter({ hasText: "验证码已发送" })).toBeVisible();
  const { text } = await smsTo(person.phone, "identity.resetCode");
  const code = /\b(\d{6})\b/.exec(text)![1]!;
  await page.getByLabel("短信验证码").fill(code);
  await page.getByLabel("新密码").fill("Short1");
  await page.getByLabel("确认密码").fill("Short1");
  await page.getByRole("button", { name: "设置新密码" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "新密码" })).toBeVisible();
  // The phone typed is kept.
  await expect(page.getByLabel("手机号码")).toHaveValue(person.phone);
  await page.getByLabel("新密码").fill("Recovered2468x");
  await page.getByLabel("确认密码").fill("Recovered2468x");
  await page.screenshot({ path: test.info().outputPath("reset-password-phone.png"), fullPage: true });
  await page.getByRole("button", { name: "设置新密码" }).click();
  await expect(page).toHaveURL(/\/login\?passwordReset=1/);
  await expect(page.getByText("新密码已设置，请用新密码登录。")).toBeVisible();
  await other.goto("/account");
  await expect(other).toHaveURL(/\/login\?callbackUrl=%2Faccount/);

  // 修改密码, from the account home.
  await signIn(page, person.phone, "Recovered2468x");
  await expect(page).toHaveURL(/\/account$/);
  await page.getByTestId("account-links").getByRole("link", { name: "修改密码" }).click();
  await page.getByLabel("当前密码").fill("Wrong2468x");
  await page.getByLabel("新密码").fill("Changed13579x");
  await page.getByLabel("确认密码").fill("Changed13579x");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("当前密码不正确。").first()).toBeVisible();
  await page.getByLabel("当前密码").fill("Recovered2468x");
  await page.getByLabel("新密码").fill("Changed13579x");
  await page.getByLabel("确认密码").fill("Changed13579x");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page).toHaveURL(/\/login\?passwordChanged=1/);
  await signIn(page, person.phone, "Changed13579x");
  await expect(page).toHaveURL(/\/account$/);
  await phone.close();
  await laptop.close();
});

test("signing out is a plain form: it works without JavaScript and ends the session on the server", async ({
  page,
  browser,
}) => {
  await signIn(page, "13800138000");
  await expect(page).toHaveURL(/\/account$/);
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await noScript.addCookies(await page.context().cookies());
  const plain = await noScript.newPage();
  await plain.goto("/account");
  await expect(plain.getByRole("banner")).toContainText("王小明");
  await plain.getByRole("button", { name: "退出", exact: true }).click();
  await expect(plain).toHaveURL(/\/$/);
  await expect(plain.getByRole("link", { name: "登录", exact: true })).toBeVisible();
  // The session ended on the server: the first browser, still holding the cookie, is signed out too.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await noScript.close();
});
