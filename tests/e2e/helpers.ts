import { expect, type Page } from "@playwright/test";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomCreditCode, randomIdNumber, randomPhone } from "../support/identities";
import { totpForStep } from "../support/totp";

/** Where the end-to-end server's SMS provider writes (playwright.config.ts: ONEWINDOW_DATA_DIR, SMS_PROVIDER=file). */
export const SMS_OUTBOX = path.resolve(".data/e2e/sms-outbox.jsonl");

export const DEMO_PASSWORD = "Passw0rd!demo";

/** Where staffCode remembers the time steps already used per account, across spec files and worker restarts. */
const USED_STEPS = path.resolve(".data/e2e/totp-steps.json");

/**
 * A staff account's authenticator code that the server has not accepted before. The server accepts each time step
 * once (RFC 6238 §5.2) and one step either side of its clock, so this takes the current step or the next unused one,
 * and waits when both are spent (several sign-ins of one account within 30 seconds).
 */
export async function staffCode(account: string, secret?: string): Promise<string> {
  const used = JSON.parse(await readFile(USED_STEPS, "utf8").catch(() => "{}")) as Record<string, number>;
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(current, (used[account] ?? 0) + 1);
    if (step <= current + 1) {
      used[account] = step;
      await mkdir(path.dirname(USED_STEPS), { recursive: true });
      await writeFile(USED_STEPS, JSON.stringify(used));
      return totpForStep(step, secret);
    }
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 200));
  }
}

/** Whether a username is a staff login name (not a phone or ID number): staff sign in with a second factor. */
export function isStaffLogin(username: string): boolean {
  return !/^[0-9]{11}$|^[0-9]{17}[0-9Xx]$/.test(username);
}

/**
 * Signs in through the form. Staff (demo accounts use the demo authenticator; `secret` for others) answer the
 * second-factor question that follows a right password.
 */
export async function signIn(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
  { secret }: { secret?: string } = {},
) {
  await page.goto("/login");
  await page.getByLabel("手机号码 / 身份证号码 / 工作账号").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  if (!isStaffLogin(username)) return;
  // A right password brings the code field; a wrong one an error; an account without a factor leaves /login.
  const code = page.getByLabel("动态口令或恢复码");
  const outcome = await Promise.race([
    code.waitFor({ timeout: 15_000 }).then(() => "code"),
    page
      .getByText(/账号或密码错误|登录失败次数过多/)
      .waitFor({ timeout: 15_000 })
      .then(() => "refused"),
    page.waitForURL((url) => url.pathname !== "/login", { timeout: 15_000 }).then(() => "left"),
  ]).catch(() => "unknown");
  if (outcome !== "code") return;
  await code.fill(await staffCode(username, secret));
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出", exact: true }).click();
  await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();
}

export function newPerson() {
  return {
    realName: "测试用户",
    idNumber: randomIdNumber(),
    phone: randomPhone(),
    password: "Testing123!x",
    creditCode: randomCreditCode(),
  };
}

/**
 * The newest one-time code sent to `phone`. The end-to-end server runs with SMS_PROVIDER=file, which writes each
 * text message to $ONEWINDOW_DATA_DIR/sms-outbox.jsonl (lib/notifications/sms.ts) as a phone would receive it.
 */
export async function smsTo(phone: string, template = "identity.code"): Promise<{ text: string; template: string }> {
  let found: { text: string; template: string } | undefined;
  await expect
    .poll(
      async () => {
        const lines = (await readFile(SMS_OUTBOX, "utf8").catch(() => "")).split("\n").filter(Boolean);
        found = lines
          .map((line) => JSON.parse(line) as { phone: string; template: string; text: string })
          .filter((message) => message.phone === phone && message.template === template)
          .at(-1);
        return Boolean(found);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}

export async function smsCodeFor(phone: string): Promise<string> {
  const { text } = await smsTo(phone);
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no code in ${text}`);
  return code;
}

/** Fills the registration form and asks for the SMS code (not submitted). */
export async function fillRegistration(page: Page, person: ReturnType<typeof newPerson>) {
  await page.goto("/register");
  await page.getByLabel("真实姓名").fill(person.realName);
  await page.getByLabel("居民身份证号码").fill(person.idNumber);
  await page.getByLabel("手机号码").fill(person.phone);
  await page.getByRole("button", { name: "获取短信验证码" }).click();
  await expect(page.getByRole("status").filter({ hasText: "短信已发送到该手机号码" })).toBeVisible();
}

export async function register(page: Page, person: ReturnType<typeof newPerson>) {
  await fillRegistration(page, person);
  await page.getByLabel("短信验证码").fill(await smsCodeFor(person.phone));
  await page.getByLabel("密码", { exact: true }).fill(person.password);
  await page.getByLabel("确认密码").fill(person.password);
  await page.getByRole("button", { name: "注册", exact: true }).click();
}

/** Registers a company agent (法人经办人) account through the form, with its SMS code. */
export async function registerCompanyAgent(page: Page, person: ReturnType<typeof newPerson>) {
  await fillRegistration(page, person);
  await page.getByLabel("法人经办人（代表企业办事）").check();
  await page.getByLabel("短信验证码").fill(await smsCodeFor(person.phone));
  await page.getByLabel("密码", { exact: true }).fill(person.password);
  await page.getByLabel("确认密码").fill(person.password);
  await page.getByRole("button", { name: "注册", exact: true }).click();
  await expect(page).toHaveURL(/registered=1/);
}

/** The code of the item named `query…` in `region`, found through the open API as any app would. */
export async function itemCode(page: Page, query: string, region: string): Promise<string> {
  const body = (await (
    await page.request.get(`/api/v1/items?q=${encodeURIComponent(query)}&region=${region}`)
  ).json()) as { items: { code: string; name: string; region: { code: string } }[] };
  const item = body.items.find((candidate) => candidate.region.code === region && candidate.name.startsWith(query));
  if (!item) throw new Error(`no ${query} in ${region}`);
  return item.code;
}

/**
 * 窗口收件 of 企业变更登记 (the clerk is on /console/counter): chooses the item and fills its form for the applicant,
 * then returns the registration form (applicant, papers, scans) still to be filled in.
 */
export async function fillCounterChangeForm(
  page: Page,
  { companyName, shareholder }: { companyName: string; shareholder: string },
) {
  await page.getByLabel("办理事项").selectOption({ label: "企业变更登记" });
  await page.getByRole("button", { name: "选择" }).click();
  // First the item's form, filled in for the applicant (uploads are scanned in the next step).
  const answers = page.getByRole("region", { name: /填写申请表：企业变更登记/ });
  await answers.getByLabel(/^企业名称/).fill(companyName);
  await answers.getByLabel(/^统一社会信用代码/).fill(randomCreditCode());
  await answers.getByLabel(/^住所/).check();
  await answers.getByLabel(/^经办人电话/).fill("13912345678");
  await answers.getByRole("button", { name: "下一步", exact: true }).click();
  await answers.getByLabel(/^股东名称或姓名/).fill(shareholder);
  await answers.getByLabel(/^出资比例/).fill("100");
  await answers.getByRole("button", { name: "填好了，下一步" }).click();
  await expect(page.getByTestId("counter-answers-done")).toBeVisible();
  return page.getByRole("form", { name: /收件：企业变更登记/ });
}
