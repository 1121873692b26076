import { randomCreditCode } from "../support/identities";
import { expect, type Page, test } from "@playwright/test";
import { connectE2eDatabase } from "./database";
import { newPerson, signIn, signOut } from "./helpers";

const database = connectE2eDatabase();

/**
 * 并联审批 (issue 19): a food business licence registered at the 广安区 counter needs the opinions of the district
 * housing (fire safety) and ecology bureaus. Each answers in its own console; the decision is offered only once both
 * have; then the licence is granted and issued.
 */

async function as(page: Page, loginName: string) {
  await signIn(page, loginName);
  await expect(page).toHaveURL(/\/console/);
}

async function act(page: Page, action: string) {
  const form = page.getByRole("form", { name: action, exact: true });
  if (["准予许可", "办结并出证"].includes(action))
    await form.getByRole("checkbox", { name: `我已核对，确认${action}` }).check();
  await form.getByRole("button", { name: `确认：${action}` }).click();
}

test("a joint case: two other departments give their opinions before the licence is decided", async ({ page }) => {
  test.setTimeout(240_000);
  await as(page, "clerk3");
  await page.goto("/console/counter");
  await page.getByLabel("办理事项").selectOption({ label: "食品经营许可" });
  await page.getByRole("button", { name: "选择" }).click();
  // The item's application form first, filled in for the applicant (the paper materials are received next).
  const answers = page.getByRole("region", { name: /填写申请表：食品经营许可/ });
  const choose = (group: RegExp, option: string) =>
    answers.getByRole("group", { name: group }).getByRole("radio", { name: option, exact: true }).check();
  await answers.getByLabel(/^经营者名称/).fill("广安孙记餐饮店");
  await answers.getByLabel(/^统一社会信用代码/).fill(randomCreditCode());
  await answers.getByLabel(/^法定代表人（负责人）姓名/).fill("孙餐饮");
  await choose(/^申请类型/, "新办");
  await answers.getByLabel(/^经办人姓名/).fill("孙餐饮");
  await answers.getByLabel(/^经办人手机号码/).fill("13912345678");
  await choose(/^是否委托代理机构或他人办理/, "否");
  await answers.getByRole("button", { name: "下一步", exact: true }).click();
  await answers.getByLabel(/^经营场所(?!面积)/).fill("广安市广安区渠江北路 8 号");
  await answers.getByLabel(/^经营场所面积/).fill("80");
  await answers.getByLabel(/^主体业态/).selectOption({ label: "餐饮服务经营者" });
  await answers.getByRole("checkbox", { name: "热食类食品制售" }).check();
  await choose(/^是否通过网络经营/, "否");
  await answers.getByLabel(/^食品安全管理人员姓名/).fill("孙餐饮");
  await answers.getByLabel(/^食品安全管理人员电话/).fill("13912345678");
  await answers.getByRole("button", { name: "填好了，下一步" }).click();
  await expect(page.getByTestId("counter-answers-done")).toBeVisible();
  const form = page.getByRole("form", { name: /收件：食品经营许可/ });
  await form.getByLabel("姓名").fill("孙餐饮");
  await form.getByLabel("身份证号码").fill(newPerson().idNumber);
  await form.getByLabel("我已当面核验申请人与身份证件一致").check();
  await form.getByRole("button", { name: "登记并生成回执" }).click();
  await expect(page.getByTestId("receipt-case-number")).toBeVisible();
  const caseNumber = ((await page.getByTestId("receipt-case-number").textContent()) ?? "").trim();
  expect(caseNumber).toMatch(/^\d{20}$/);
  await page.goto(`/console/cases/${caseNumber}`);
  await act(page, "受理");
  const joint = page.getByTestId("joint-opinions");
  await expect(joint).toContainText("广安区住房和城乡建设局");
  await expect(joint).toContainText("待答复");
  await expect(page.getByRole("form", { name: "准予许可", exact: true })).toHaveCount(0);
  await signOut(page);

  // Each bureau finds the case among the opinions it owes and answers; a "no" without legal basis is refused.
  for (const [loginName, bureau] of [
    ["housing", "广安区住房和城乡建设局"],
    ["ecology", "广安区生态环境局"],
  ] as const) {
    await as(page, loginName);
    await page.goto("/console?view=joint");
    await page.getByRole("link", { name: caseNumber }).click();
    const opinion = page.getByRole("form", { name: "本部门并联审批意见" });
    if (loginName === "ecology") {
      await opinion.getByLabel("不同意").check();
      await opinion.getByLabel("意见说明").fill("需补充环评材料");
      await opinion.getByRole("button", { name: "提交意见" }).click();
      await expect(opinion.getByText("必填。").first()).toBeVisible();
      await page.setViewportSize({ width: 375, height: 800 });
      await page.screenshot({ path: test.info().outputPath("joint-opinion-phone.png"), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await opinion.getByLabel("同意", { exact: true }).check();
    await opinion.getByLabel("意见说明").fill(`${bureau}同意`);
    await opinion.getByRole("button", { name: "提交意见" }).click();
    await expect(page.getByTestId("joint-opinions").getByRole("listitem").filter({ hasText: bureau })).toContainText(
      "同意",
    );
    await signOut(page);
  }

  // Both answered: the district bureau decides and issues the licence.
  await as(page, "clerk3");
  await page.goto(`/console/cases/${caseNumber}`);
  await expect(page.getByTestId("joint-opinions")).not.toContainText("待答复");
  await act(page, "准予许可");
  await act(page, "办结并出证");
  await expect(page.getByText(`证书编号 ZZ${caseNumber}`)).toBeVisible();
  await signOut(page);

  // Anyone scanning the QR code: the live status from the server, and the signature checked in the browser with the
  // published key (the signed payload travels after `#`, never to the server). A changed payload fails.
  const licence = await database().query<{ check_code: string; signed_payload: string }>(
    "SELECT check_code, signed_payload FROM licence WHERE number = $1",
    [`ZZ${caseNumber}`],
  );
  const { check_code: checkCode, signed_payload: token } = licence.rows[0]!;
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/verify/ZZ${caseNumber}?code=${checkCode}#s=${token}`);
  await expect(page.getByText("有效：该证照真实有效。")).toBeVisible();
  const signature = page.getByTestId("signature-check");
  await expect(signature).toContainText("签名有效");
  await expect(signature).toContainText(`ZZ${caseNumber}`);
  await expect(signature).toContainText("孙*饮");
  await page.screenshot({ path: test.info().outputPath("verify-signature-phone.png"), fullPage: true });
  const [prefix, kid, body, sig] = token.split(".") as [string, string, string, string];
  const payload = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, string>;
  const forged = Buffer.from(JSON.stringify({ ...payload, e: "2099-12-31" })).toString("base64url");
  await page.goto(`/verify/ZZ${caseNumber}?code=${checkCode}#s=${[prefix, kid, forged, sig].join(".")}`);
  await expect(page.getByTestId("signature-check")).toContainText("签名无效");
  await page.setViewportSize({ width: 1280, height: 800 });
});
