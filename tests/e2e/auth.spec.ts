import { expect, test } from "@playwright/test";
import { withWrongCheckChar } from "../support/identities";
import { newPerson, register, signIn, signOut } from "./helpers";

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
    await expect(page.locator("#password-error")).toHaveText(/密码至少 8 位/);
    await expect(page.getByLabel("真实姓名")).toHaveValue("王芳");
    await expect(page.getByLabel("居民身份证号码")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/register$/);
  });

  test("a duplicate account is refused by the server with a message at the field", async ({ page }) => {
    const person = newPerson();
    await register(page, person);
    await expect(page).toHaveURL(/registered=1/);
    await register(page, { ...newPerson(), phone: person.phone });
    await expect(page.locator("#phone-error")).toHaveText(/该手机号码已注册/);
    await expect(page.getByLabel("真实姓名")).toHaveValue(person.realName);
  });

  test("a company agent registers with a unified social credit code", async ({ page }) => {
    const person = newPerson();
    await page.goto("/register");
    await page.getByLabel("法人经办人（代表企业办事）").check();
    await page.getByLabel("真实姓名").fill(person.realName);
    await page.getByLabel("居民身份证号码").fill(person.idNumber);
    await page.getByLabel("手机号码").fill(person.phone);
    await page.getByLabel("企业名称").fill("广安市示范科技有限公司");
    await page.getByLabel("统一社会信用代码").fill(withWrongCheckChar(person.creditCode));
    await page.getByLabel("密码", { exact: true }).fill(person.password);
    await page.getByLabel("确认密码").fill(person.password);
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.locator("#creditCode-error")).toHaveText(/统一社会信用代码校验位不正确/);
    await page.getByLabel("统一社会信用代码").fill(person.creditCode);
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page).toHaveURL(/registered=1/);
    await signIn(page, person.phone, person.password);
    await expect(page.getByText("广安市示范科技有限公司")).toBeVisible();
  });

  test("registration works without JavaScript, keeping values after a server-side error", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const person = newPerson();
    await page.goto("/register");
    await page.getByLabel("真实姓名").fill(person.realName);
    await page.getByLabel("居民身份证号码").fill(withWrongCheckChar(person.idNumber));
    await page.getByLabel("手机号码").fill(person.phone);
    await page.getByLabel("密码", { exact: true }).fill(person.password);
    await page.getByLabel("确认密码").fill(person.password);
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.locator("#idNumber-error")).toHaveText(/身份证号码校验位不正确/);
    await expect(page.getByLabel("手机号码")).toHaveValue(person.phone);
    await page.getByLabel("居民身份证号码").fill(person.idNumber);
    await page.getByLabel("密码", { exact: true }).fill(person.password);
    await page.getByLabel("确认密码").fill(person.password);
    await page.getByRole("button", { name: "注册" }).click();
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
