import { type Browser, expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/seed/demo-accounts";
import { makePdf } from "../support/files";
import { registerTestCard } from "../support/verification-service";
import { itemCode, newPerson, registerCompanyAgent, signIn } from "./helpers";

/**
 * Issue 15, end to end: a company's legal representative has the company verified at the counter (two
 * administrators), authorises an agent for one item; the agent accepts, can apply for that item and nothing else;
 * an agent authorised by two companies chooses which one they act for; the representative revokes and the agent
 * loses access at once.
 */

async function signedIn(browser: Browser, username: string, password?: string) {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return { context, page };
}

test("a representative verifies the company, authorises an agent for one item, and revokes", async ({ browser }) => {
  test.setTimeout(180_000);
  const { realName, idNumber, companyName, creditCode } = DEMO_ACCOUNTS.registryCompany;
  const representative = { ...newPerson(), realName, idNumber };
  const agent = { ...newPerson(), realName: "周经办" };

  const rep = await browser.newContext({ locale: "zh-CN" });
  const repPage = await rep.newPage();
  await registerCompanyAgent(repPage, representative);
  await signIn(repPage, representative.phone, representative.password);
  await repPage.waitForURL(/\/account$/);
  await expect(repPage.getByText("您还没有获得任何企业的有效授权")).toBeVisible();
  await repPage.getByRole("link", { name: "企业授权与认证" }).click();
  const request = repPage.getByRole("region", { name: "法定代表人认证企业" });
  await request.getByLabel("企业名称").fill(companyName);
  await request.getByLabel("统一社会信用代码").fill(creditCode);
  // A scan of the business licence for the reviewers (the ID card is shown at the counter instead).
  await repPage
    .getByLabel("营业执照扫描件（选填）")
    .setInputFiles({ name: "营业执照.pdf", mimeType: "application/pdf", buffer: makePdf() });
  await repPage.getByRole("button", { name: "提交认证申请" }).click();
  await expect(repPage.getByRole("status")).toContainText("认证申请已提交");

  // At the counter: one administrator checks, another approves.
  const first = await signedIn(browser, DEMO_ACCOUNTS.admin.loginName);
  await first.page.goto("/admin/companies");
  await expect(first.page.getByRole("heading", { name: "企业认证审核", level: 1 })).toBeVisible();
  await first.page.getByRole("link", { name: new RegExp(`审核\\s*：${companyName}`) }).click();
  await expect(first.page.getByText("申请人姓名和身份证号码与登记的法定代表人一致。")).toBeVisible();
  // The uploaded scan is there for the reviewers, and opens (each download goes to the representative's read log).
  const scan = first.page
    .getByTestId("verification-evidence")
    .getByRole("link", { name: "下载 营业执照.pdf（营业执照）" });
  const download = await first.page.request.get((await scan.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  await first.page.getByLabel("审核意见").fill("营业执照原件、身份证已核验");
  await first.page.getByRole("button", { name: "初审通过，提交复核" }).click();
  await expect(first.page.getByRole("status")).toContainText("已处理");
  await expect(first.page.getByRole("button", { name: "复核通过，开通企业账号" })).toBeVisible();
  await first.page.getByRole("button", { name: "复核通过，开通企业账号" }).click();
  await expect(first.page.getByRole("alert").filter({ hasText: "复核须由初审以外的另一名管理员进行" })).toBeVisible();
  const second = await signedIn(browser, DEMO_ACCOUNTS.reviewer.loginName);
  await second.page.goto(first.page.url().replace(/\?.*$/, ""));
  await second.page.getByRole("button", { name: "复核通过，开通企业账号" }).click();
  await expect(second.page.getByRole("status")).toContainText("已处理");

  // The agent registers; the representative authorises them for one item.
  const agentContext = await browser.newContext({ locale: "zh-CN" });
  const agentPage = await agentContext.newPage();
  await registerCompanyAgent(agentPage, agent);
  const allowed = await itemCode(repPage, "企业变更登记", "511600000000");
  const other = await itemCode(repPage, "技能提升补贴申领", "511600000000");
  await repPage.goto("/account/company");
  await expect(repPage.getByText(`您现在代表 ${companyName}`)).toBeVisible();
  await repPage.getByLabel("经办人手机号码或身份证号码").fill(agent.phone);
  await repPage.getByLabel("授权办理的事项编码").fill(allowed);
  await repPage.getByRole("button", { name: "授权", exact: true }).click();
  await expect(repPage.getByRole("status")).toContainText("已发出授权");

  // The agent accepts on signing in, then may apply for that item only.
  await signIn(agentPage, agent.phone, agent.password);
  await agentPage.waitForURL(/\/account$/);
  await agentPage.goto("/account/company");
  await agentPage.getByRole("button", { name: new RegExp(`接受授权\\s*：${companyName}`) }).click();
  await expect(agentPage.getByRole("status")).toContainText("已接受授权");
  await expect(agentPage.getByText(`您现在代表 ${companyName}`)).toBeVisible();
  await agentPage.goto(`/items/${allowed}/apply`);
  await expect(agentPage.getByRole("button", { name: /开始|填写/ })).toBeVisible();
  // A personal item is not the company's to apply for, whatever the authorisation (its 服务对象 is natural persons).
  await agentPage.goto(`/items/${other}/apply`);
  await expect(agentPage.getByTestId("audience-refusal")).toContainText("本事项面向个人");
  // Nothing of the demo company is visible.
  await agentPage.goto("/account/applications");
  await expect(agentPage.getByText(DEMO_ACCOUNTS.company.companyName)).toHaveCount(0);

  // The demo company authorises the same agent too (all items): the newest accepted applies, and the agent chooses
  // which company they act for (切换办事企业); the demo company's revocation leaves them with the one they chose.
  const demo = await signedIn(browser, DEMO_ACCOUNTS.company.phone);
  await demo.page.goto("/account/company");
  await demo.page.getByLabel("经办人手机号码或身份证号码").fill(agent.phone);
  await demo.page.getByRole("button", { name: "授权", exact: true }).click();
  await expect(demo.page.getByRole("status")).toContainText("已发出授权");
  await agentPage.goto("/account/company");
  await agentPage
    .getByRole("button", { name: new RegExp(`接受授权\\s*：${DEMO_ACCOUNTS.company.companyName}`) })
    .click();
  await expect(agentPage.getByText(`您现在代表 ${DEMO_ACCOUNTS.company.companyName}`)).toBeVisible();
  const switcher = agentPage.getByTestId("company-switcher");
  await expect(switcher.getByRole("listitem")).toHaveCount(2);
  await expect(switcher.getByRole("listitem").filter({ hasText: DEMO_ACCOUNTS.company.companyName })).toContainText(
    "当前办事企业",
  );
  await switcher.getByRole("button", { name: new RegExp(`以此企业办事\\s*：${companyName}`) }).click();
  await expect(agentPage.getByRole("status")).toContainText("已切换办事企业。");
  await expect(agentPage.getByText(`您现在代表 ${companyName}`)).toBeVisible();
  await expect(switcher.getByRole("listitem").filter({ hasText: companyName })).toContainText("当前办事企业");
  await agentPage.setViewportSize({ width: 375, height: 800 });
  await agentPage.screenshot({ path: test.info().outputPath("company-switcher-phone.png"), fullPage: true });
  await agentPage.setViewportSize({ width: 1280, height: 720 });
  await demo.page.goto("/account/company");
  await demo.page.getByRole("button", { name: new RegExp(`撤销\\s*：${agent.realName}`) }).click();
  await expect(demo.page.getByRole("status")).toContainText("授权已撤销");
  await agentPage.goto("/account/company");
  await expect(agentPage.getByText(`您现在代表 ${companyName}`)).toBeVisible();
  await expect(agentPage.getByTestId("company-switcher")).toHaveCount(0);
  await demo.context.close();

  // Revoked: the next request has no company.
  await repPage.goto("/account/company");
  await repPage.getByRole("button", { name: new RegExp(`撤销\\s*：${agent.realName}`) }).click();
  await expect(repPage.getByRole("status")).toContainText("授权已撤销");
  await agentPage.goto(`/items/${allowed}/apply`);
  await expect(agentPage.getByRole("alert").filter({ hasText: "您没有代表企业办理此事项的有效授权" })).toBeVisible();
  await agentPage.goto("/account/applications");
  await expect(agentPage.getByRole("heading", { level: 1 })).toBeVisible();
  await agentPage.goto("/account/company");
  await expect(agentPage.getByText("您还没有获得任何企业的有效授权")).toBeVisible();
  // The same journey on a phone: the representative's authorisation table scrolls by keyboard, nothing is cut off.
  await repPage.setViewportSize({ width: 375, height: 800 });
  await repPage.goto("/account/company");
  await repPage.screenshot({ path: test.info().outputPath("company-phone.png"), fullPage: true });
  await expect(repPage.getByRole("region", { name: "本企业的授权列表" })).toBeVisible();
  for (const context of [rep, first.context, second.context, agentContext]) await context.close();
});

test("the e-business-licence check wants a verified identity, then asks the licence, which must name the person", async ({
  page,
}) => {
  const { companyName, creditCode } = DEMO_ACCOUNTS.registryCompany;
  const person = { ...newPerson(), realName: "褚申请" };
  await registerCompanyAgent(page, person);
  await signIn(page, person.phone, person.password);
  await page.waitForURL(/\/account$/);
  await page.goto("/account/company");
  const section = page.getByRole("region", { name: "使用电子营业执照认证" });
  await section.getByLabel("统一社会信用代码").fill(creditCode);
  await section.getByRole("button", { name: "核对电子营业执照并开通" }).click();
  await expect(section.getByText("使用电子营业执照认证需要实名等级三级或以上")).toBeVisible();
  await expect(section.getByLabel("统一社会信用代码")).toHaveValue(creditCode);

  // Level 3 by a bank card check; the licence of that company names someone else: refused, nothing opened.
  await registerTestCard({
    cardType: "BANK_CARD",
    cardNumber: "4111111111111111",
    name: person.realName,
    idNumber: person.idNumber,
  });
  await page.goto("/account/identity");
  await page.getByLabel("卡号").fill("4111 1111 1111 1111");
  await page.getByRole("button", { name: "核验", exact: true }).click();
  await expect(page.getByTestId("assurance-level")).toHaveText("您当前的实名等级：3 级");
  await page.goto("/account/company");
  await section.getByLabel("统一社会信用代码").fill(creditCode);
  await section.getByRole("button", { name: "核对电子营业执照并开通" }).click();
  await expect(
    section.getByText("该企业的电子营业执照没有登记您为法定代表人，请核对统一社会信用代码。").first(),
  ).toBeVisible();
  await expect(page.getByText(`您现在代表 ${companyName}`)).toHaveCount(0);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: test.info().outputPath("ebl-phone.png"), fullPage: true });
});
