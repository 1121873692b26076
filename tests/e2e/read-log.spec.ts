import { expect, test } from "@playwright/test";
import { makePdf } from "../support/files";
import { fillCounterChangeForm, newPerson, register, signIn, signOut } from "./helpers";

/**
 * 个人信息保护法 (issue 15): a registered person applies at the counter; the clerk opens the case in the console; the
 * person then sees under 谁查看了我的信息 that the case was viewed, by which department and role (never the clerk's
 * name), on a phone too.
 */
test("a person sees that the counter clerk's department viewed their case", async ({ page }) => {
  test.setTimeout(120_000);
  const person = { ...newPerson(), realName: "蒋查看" };
  await register(page, person);
  await expect(page).toHaveURL(/\/login\?registered=1/);

  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/console/);
  await page.goto("/console/counter");
  const form = await fillCounterChangeForm(page, { companyName: "广安查看商贸有限公司", shareholder: person.realName });
  await form.getByLabel("姓名").fill(person.realName);
  await form.getByLabel("身份证号码").fill(person.idNumber);
  await form.getByLabel("我已当面核验申请人与身份证件一致").check();
  await form
    .getByLabel(/^扫描件：.*申请书/)
    .first()
    .setInputFiles({ name: "申请书.pdf", mimeType: "application/pdf", buffer: makePdf() });
  await form.getByRole("button", { name: "登记并生成回执" }).click();
  const receipt = page.getByTestId("counter-receipt");
  const caseNumber = (await receipt.getByTestId("receipt-case-number").textContent())?.trim() ?? "";
  expect(caseNumber).toMatch(/^\d{20}$/);
  // Opening the case is a read of the person's data.
  await receipt.getByRole("link", { name: "打开办件" }).click();
  await expect(page.getByTestId("counter-intake")).toBeVisible();
  await signOut(page);

  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, person.phone, person.password);
  await page.waitForURL(/\/account$/);
  await page.getByRole("link", { name: /谁查看了我的信息/ }).click();
  const entry = page.getByRole("row").filter({ hasText: "查看办件详情" }).filter({ hasText: caseNumber });
  await expect(entry.first()).toBeVisible();
  await expect(entry.first()).toContainText("市场监督管理局");
  await expect(page.getByText("陈静")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("read-log-phone.png"), fullPage: true });
});
