import { expect, test } from "@playwright/test";
import { registerTestCard } from "../support/verification-service";
import { newPerson, register, signIn, signOut } from "./helpers";

/**
 * 实名核验 (issue 15): a self-registered person (level 2) raises their level to 3 by a bank card check; a counter
 * clerk checks them against their ID card; the account is then level 4 and shows how each check was made, on a
 * phone too.
 */
test("a person checks their bank card (level 3), a counter clerk verifies them in person (level 4), and they see both", async ({
  page,
}) => {
  const person = newPerson();
  await register(page, person);
  await signIn(page, person.phone, person.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("link", { name: /实名核验/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "实名核验" })).toBeVisible();
  await expect(page.getByTestId("assurance-level")).toHaveText("您当前的实名等级：2 级");
  await expect(page.getByText("还没有核验记录。")).toBeVisible();

  // Level 3 by a card check (the e2e app's card check service, tests/support/verification-service.ts, knows this card).
  const card = "6222020200112345679";
  await registerTestCard({ cardType: "BANK_CARD", cardNumber: card, name: person.realName, idNumber: person.idNumber });
  // A mistyped digit is caught in the browser (the check digit), before any service is asked.
  await page.getByLabel("卡号").fill("6222 0202 0011 2345 670");
  await page.getByRole("button", { name: "核验", exact: true }).click();
  await expect(page.getByText("银行卡号应为 16–19 位数字，请核对（可能有数字输错）。").first()).toBeVisible();
  // Someone else's card: the service says no, the person is told, the level stays.
  await page.getByLabel("卡号").fill("4111 1111 1111 1111");
  await page.getByRole("button", { name: "核验", exact: true }).click();
  await expect(page.getByText("卡号与您的姓名、身份证号码核验不一致。请确认是本人名下的卡。").first()).toBeVisible();
  await page.getByLabel("卡号").fill("6222 0202 0011 2345 679");
  await page.getByRole("button", { name: "核验", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "核验通过" })).toHaveText(
    "核验通过：您的实名等级现为 3 级。",
  );
  await expect(page.getByTestId("assurance-level")).toHaveText("您当前的实名等级：3 级");
  await expect(page.getByText("您的实名等级已是三级或以上，无需卡片核验。")).toBeVisible();
  await expect(page.getByTestId("identity-history")).toContainText("本人银行卡（借记卡或信用卡），尾号 5679");
  await signOut(page);

  await signIn(page, "clerk");
  await page.getByRole("link", { name: "实名核验（窗口）" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "实名核验（窗口）" })).toBeVisible();
  // A wrong name: the error names the field, and what was typed stays.
  await page.getByLabel("姓名").fill("王某某");
  await page.getByLabel("身份证号码").fill(person.idNumber);
  await page.getByLabel("身份证读卡器读取").check();
  await page.getByLabel("我已当面核验申请人与身份证件一致").check();
  await page.getByRole("button", { name: "核验并提升为四级" }).click();
  await expect(page.getByText("姓名与该身份证号码已登记的姓名不一致，请核对证件。").first()).toBeVisible();
  await expect(page.getByLabel("身份证号码")).toHaveValue(person.idNumber);
  await page.getByLabel("姓名").fill(person.realName);
  await page.getByLabel("我已当面核验申请人与身份证件一致").check();
  await page.getByRole("button", { name: "核验并提升为四级" }).click();
  await expect(page.getByTestId("identity-verified")).toHaveText(
    `已核验 ${person.realName}：实名等级由 3 级提升为 4 级。`,
  );
  await signOut(page);

  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, person.phone, person.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account/identity");
  await expect(page.getByTestId("assurance-level")).toHaveText("您当前的实名等级：4 级");
  const history = page.getByTestId("identity-history");
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(history).toContainText("窗口当面核验");
  await expect(history).toContainText("市场监督管理局 窗口");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: "test-results/identity-phone.png", fullPage: true });
});
