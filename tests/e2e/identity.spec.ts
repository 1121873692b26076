import { expect, test } from "@playwright/test";
import { newPerson, register, signIn, signOut } from "./helpers";

/**
 * 实名核验 (issue 15): a self-registered person (level 2) sees how to raise their level; a counter clerk checks them
 * against their ID card; the person's account is then level 4 and shows who verified it, on a phone too.
 */
test("a counter clerk verifies a registered person in person, who then sees level 4 and the record", async ({ page }) => {
  const person = newPerson();
  await register(page, person);
  await signIn(page, person.phone, person.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("link", { name: /实名核验/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "实名核验" })).toBeVisible();
  await expect(page.getByTestId("assurance-level")).toHaveText("您当前的实名等级：2 级");
  // The end-to-end server has no card check service: the page says so instead of offering a form that cannot work.
  await expect(page.getByText("本平台尚未接入银行卡和社会保障卡核验服务")).toBeVisible();
  await expect(page.getByText("还没有核验记录。")).toBeVisible();
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
  await expect(page.getByTestId("identity-verified")).toHaveText(`已核验 ${person.realName}：实名等级由 2 级提升为 4 级。`);
  await signOut(page);

  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, person.phone, person.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account/identity");
  await expect(page.getByTestId("assurance-level")).toHaveText("您当前的实名等级：4 级");
  const history = page.getByTestId("identity-history");
  await expect(history.getByRole("row")).toHaveCount(2);
  await expect(history).toContainText("窗口当面核验");
  await expect(history).toContainText("市场监督管理局 窗口");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: "test-results/identity-phone.png", fullPage: true });
});
