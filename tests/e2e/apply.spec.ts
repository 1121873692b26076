import { type Browser, expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { makeExe, makePdf } from "../support/files";
import { signIn } from "./helpers";

/**
 * Issue 5 end to end, on a phone-sized screen: apply with uploads, leave, resume in a new browser context at the
 * saved step, add materials, check, submit (double click gives one case), confirmation with case number and query
 * code, withdraw; then book a visit and cancel it. The supplement round trip needs the clerk console (issue 6)
 * and is covered by tests/integration/applications.integration.test.ts through lib/cases/transition.ts.
 */

test.use({ viewport: { width: 360, height: 780 }, hasTouch: true });

const CITIZEN = "13800138000";

async function itemCode(page: Page, query: string, region: string): Promise<string> {
  const response = await page.request.get(`/api/v1/items?q=${encodeURIComponent(query)}&region=${region}`);
  const body = (await response.json()) as { items: { code: string; name: string; region: { code: string } }[] };
  const item = body.items.find((candidate) => candidate.region.code === region && candidate.name.startsWith(query));
  if (!item) throw new Error(`no ${query} in ${region}`);
  return item.code;
}

async function newPhone(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, hasTouch: true, locale: "zh-CN" });
  return { context, page: await context.newPage() };
}

test("apply with uploads on a phone, leave, resume elsewhere, submit once, see the confirmation, withdraw", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const png = await sharp({ create: { width: 40, height: 50, channels: 3, background: { r: 250, g: 250, b: 250 } } })
    .png()
    .toBuffer();

  // First device: start, fill two steps (each saved), then leave.
  const first = await newPhone(browser);
  await signIn(first.page, CITIZEN);
  await expect(first.page).toHaveURL(/\/account/);
  const code = await itemCode(first.page, "居民身份证申领", "511602000000");
  await first.page.goto(`/items/${code}/apply`);
  const discard = first.page.locator("summary").filter({ hasText: "删除草稿" });
  if (await first.page.getByRole("button", { name: "开始申请" }).isHidden()) {
    // A draft left by an earlier run of this spec: start over from a clean slate (each deletion is confirmed).
    await first.page.goto("/account/applications");
    while (await discard.first().isVisible()) {
      const drafts = await discard.count();
      await discard.first().click();
      const confirm = first.page.locator("details[open] form").first();
      await confirm.getByRole("checkbox", { name: "我确认删除这份草稿" }).check();
      await confirm.getByRole("button", { name: /确认删除/ }).click();
      await expect(discard).toHaveCount(drafts - 1);
    }
    await first.page.goto(`/items/${code}/apply`);
  }
  await first.page.getByRole("button", { name: "开始申请" }).click();
  await expect(first.page.getByRole("heading", { name: "申请人信息" })).toBeVisible();
  await expect(first.page.getByLabel(/^姓名/)).toHaveValue("王小明");
  await first.page.getByLabel("遗失补领").check();
  await first.page.getByRole("button", { name: "下一步", exact: true }).click();
  await expect(first.page.getByRole("heading", { name: "户籍与送达" })).toBeVisible();
  await first.page.getByLabel(/^户籍地址/).fill("四川省广安市广安区渠江北路 36 号");
  await first.page.getByLabel(/^领取方式/).selectOption({ label: "邮寄送达" });
  await first.page.getByRole("button", { name: "下一步", exact: true }).click();
  await expect(first.page.getByRole("heading", { name: "上传材料" })).toBeVisible();
  await first.context.close();

  // Second device: resume exactly at the saved step, with the answers kept.
  const second = await newPhone(browser);
  const page = second.page;
  await signIn(page, CITIZEN);
  await expect(page).toHaveURL(/\/account/);
  await page.goto("/account/applications");
  await page
    .getByRole("link", { name: /继续填写/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "上传材料" })).toBeVisible();
  await page.getByRole("button", { name: "上一步" }).click();
  await expect(page.getByLabel(/^户籍地址/)).toHaveValue("四川省广安市广安区渠江北路 36 号");
  await page.getByRole("button", { name: "下一步", exact: true }).click();

  // Uploads inside the form, then the material checklist (progress, preview, several files per material).
  await page.getByLabel(/^人像照片回执/).setInputFiles({ name: "照片.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("listitem").filter({ hasText: "照片.png" })).toBeVisible();
  await page
    .getByLabel(/^居民户口簿/)
    .setInputFiles({ name: "户口簿首页.pdf", mimeType: "application/pdf", buffer: makePdf() });
  await expect(page.getByRole("listitem").filter({ hasText: "户口簿首页.pdf" })).toBeVisible();
  // A file that is not what its name says is refused with the reason.
  await page
    .getByLabel(/^居民户口簿/)
    .setInputFiles({ name: "伪装.pdf", mimeType: "application/pdf", buffer: makeExe() });
  await expect(page.getByText(/已拒收|无法识别|不接受/).first()).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "伪装.pdf" })).toHaveCount(0);
  await page.getByRole("button", { name: "下一步：上传材料" }).click();

  await expect(page.getByRole("heading", { name: "上传材料", level: 1 })).toBeVisible();
  const register = page.locator("#material-household-register");
  await expect(register.getByRole("listitem").filter({ hasText: "户口簿首页.pdf" })).toBeVisible();
  await register
    .getByLabel("选择文件，或将文件拖放到这里")
    .setInputFiles({ name: "户口簿本人页.pdf", mimeType: "application/pdf", buffer: makePdf() });
  await expect(register.getByRole("listitem").filter({ hasText: "户口簿本人页.pdf" })).toBeVisible();
  // The limit is stated before choosing, and a file above it is refused in the browser, without sending it.
  await expect(register.getByText("每个文件不超过 20 MB")).toBeVisible();
  let sent = false;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/files"))
      sent ||= (request.postDataBuffer()?.length ?? 0) > 20 * 1024 * 1024;
  });
  await register
    .getByLabel("选择文件，或将文件拖放到这里")
    .setInputFiles({ name: "扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(21 * 1024 * 1024, 0x20) });
  await expect(register.getByText(/扫描件\.pdf：文件有 21\.0 MB，超过每个文件 20 MB 的上限/)).toBeVisible();
  expect(sent).toBe(false);
  // PDFs download (a sandboxed attachment); only images preview in the page.
  await expect(register.getByRole("link", { name: /下载/ }).first()).toBeVisible();
  await expect(page.locator("#material-photo-receipt img")).toBeVisible();
  await page.getByRole("link", { name: "下一步：核对并提交" }).click();

  // Check your answers, declaration, double-clicked submit.
  await expect(page.getByRole("heading", { name: "核对您的申请" })).toBeVisible();
  await expect(page.getByText("四川省广安市广安区渠江北路 36 号")).toBeVisible();
  await page.getByRole("button", { name: "确认提交" }).click();
  await expect(page.getByText("请阅读并勾选承诺").first()).toBeVisible();
  await page.getByLabel(/本人承诺/).check();
  await page.getByRole("button", { name: "确认提交" }).dblclick();
  await expect(page.getByRole("heading", { name: "申请已提交" })).toBeVisible();
  const caseNumber = (await page.getByTestId("case-number").textContent())!.trim();
  expect(caseNumber).toMatch(/^511602\d{14}$/);
  await expect(page.getByTestId("query-code")).toHaveText(/^[2-9A-Z]{8}$/);
  await expect(page.getByText(/承诺办理时限为 20 个自然日/)).toBeVisible();

  // One case only, listed under my applications.
  await page.goto("/account/applications");
  await expect(page.getByText(caseNumber)).toHaveCount(1);
  await expect(page.getByRole("link", { name: /继续填写/ })).toHaveCount(0);

  // Withdraw before acceptance.
  await page.goto(`/account/applications/${caseNumber}`);
  await expect(page.getByTestId("case-status")).toHaveText("已提交");
  await page.getByRole("button", { name: "撤回申请" }).click();
  await expect(page.getByText("请勾选确认撤回").first()).toBeVisible();
  await page.getByLabel("我确认撤回该申请").check();
  await page.getByRole("button", { name: "撤回申请" }).click();
  await expect(page.getByText("申请已撤回。")).toBeVisible();
  await expect(page.getByTestId("case-status")).toHaveText("已撤回");
  await expect(page.getByRole("button", { name: "撤回申请" })).toHaveCount(0);
  await second.context.close();
});

test("book a visit and cancel it", async ({ page }) => {
  await signIn(page, CITIZEN);
  await expect(page).toHaveURL(/\/account/);
  const code = await itemCode(page, "居民身份证申领", "511602000000");
  await page.goto(`/items/${code}`);
  await page.getByRole("link", { name: "预约办理" }).click();
  await expect(page.getByRole("heading", { name: "预约办理" })).toBeVisible();
  await page.getByRole("button", { name: "确认预约" }).click();
  await expect(page.getByText("请选择一个时间").first()).toBeVisible();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "确认预约" }).click();
  await expect(page.getByText("预约成功")).toBeVisible();
  await expect(page.getByTestId("booking-code")).toHaveText(/^YY[2-9A-Z]{8}$/);
  await page.getByRole("button", { name: "取消预约" }).click();
  await expect(page.getByText("预约已取消。")).toBeVisible();
  await expect(page.getByTestId("booking-status")).toHaveText("已取消");
});
