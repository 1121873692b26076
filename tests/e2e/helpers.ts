import { expect, type Page } from "@playwright/test";
import { randomCreditCode, randomIdNumber, randomPhone } from "../support/identities";

export const DEMO_PASSWORD = "Passw0rd!demo";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("手机号码 / 身份证号码 / 工作账号").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出", exact: true }).click();
  await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();
}

export function newPerson() {
  return { realName: "测试用户", idNumber: randomIdNumber(), phone: randomPhone(), password: "Testing123", creditCode: randomCreditCode() };
}

export async function register(page: Page, person: ReturnType<typeof newPerson>) {
  await page.goto("/register");
  await page.getByLabel("真实姓名").fill(person.realName);
  await page.getByLabel("居民身份证号码").fill(person.idNumber);
  await page.getByLabel("手机号码").fill(person.phone);
  await page.getByLabel("密码", { exact: true }).fill(person.password);
  await page.getByLabel("确认密码").fill(person.password);
  await page.getByRole("button", { name: "注册" }).click();
}
