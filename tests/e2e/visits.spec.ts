import { expect, type Page, test } from "@playwright/test";
import { connectE2eDatabase } from "./database";
import { makePdf } from "../support/files";
import { fillCounterChangeForm, signIn, signOut } from "./helpers";

/**
 * A booked visit at the counter (issue 19): the citizen books a slot for a market-regulation item at the city's
 * joint service centre, the clerk finds the visitor in today's arrivals and checks them in, and the citizen then
 * rates the visit. The slot is opened for the next minutes straight in the e2e database (administrators open slots
 * in /admin/slots, which works in whole days ahead).
 */

const database = connectE2eDatabase();

async function itemCode(page: Page, query: string, region: string): Promise<string> {
  const response = await page.request.get(`/api/v1/items?q=${encodeURIComponent(query)}&region=${region}`);
  const body = (await response.json()) as { items: { code: string; name: string; region: { code: string } }[] };
  const item = body.items.find((candidate) => candidate.region.code === region && candidate.name.startsWith(query));
  if (!item) throw new Error(`no ${query} in ${region}`);
  return item.code;
}

test("a booked visit is checked in at the counter and then rated", async ({ page }) => {
  // A slot starting in a few minutes at the city hall, earlier than every seeded one, so it is the first choice.
  const office = await database().query<{ id: string }>("SELECT id FROM office WHERE code = 'GA-511600-HALL'");
  const startsAt = new Date(Date.now() + 5 * 60_000);
  startsAt.setUTCSeconds(0, 0);
  await database().query(
    "INSERT INTO office_slot (id, office_id, starts_at, ends_at, capacity) VALUES (gen_random_uuid(), $1, $2, $3, 3) ON CONFLICT DO NOTHING",
    [office.rows[0]!.id, startsAt, new Date(startsAt.getTime() + 30 * 60_000)],
  );

  await signIn(page, "13800138000");
  await expect(page).toHaveURL(/\/account/);
  const code = await itemCode(page, "企业变更登记", "511600000000");
  await page.goto(`/items/${code}`);
  await page.getByRole("link", { name: "预约办理" }).click();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "确认预约" }).click();
  await expect(page.getByText("预约成功")).toBeVisible();
  const bookingCode = (await page.getByTestId("booking-code").textContent())?.trim() ?? "";
  expect(bookingCode).toMatch(/^YY[2-9A-Z]{8}$/);
  await signOut(page);

  // The clerk: today's arrivals, found by the code, checked in; the visitor's phone is masked.
  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/console/);
  await page.getByRole("link", { name: "今日到访" }).click();
  await expect(page.getByRole("heading", { name: "今日到访", level: 1 })).toBeVisible();
  await page.getByLabel("预约码").fill(bookingCode.toLowerCase());
  await page.getByRole("button", { name: "查看" }).click();
  const row = page.getByRole("row").filter({ hasText: bookingCode });
  await expect(row).toContainText("王小明");
  await expect(row).toContainText("138****8000");
  await expect(row).toContainText("已预约");
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: test.info().outputPath("arrivals-phone.png"), fullPage: true });
  await row.getByRole("button", { name: /签到/ }).click();
  await expect(page.getByText("已签到。")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: bookingCode })).toContainText("已到场");
  await expect(
    page.getByRole("row").filter({ hasText: bookingCode }).getByRole("button", { name: /签到/ }),
  ).toHaveCount(0);
  // Checked in, the visitor holds a priority queue number (排队叫号).
  const ticket = (
    (await page.getByRole("row").filter({ hasText: bookingCode }).getByTestId("arrival-ticket").textContent()) ?? ""
  )
    .replace("排队号", "")
    .trim();
  expect(ticket).toMatch(/^C\d{3}$/);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The window calls the next number: the priority line first. The hall's screen shows it; then it is served.
  await page.getByRole("link", { name: "排队叫号" }).first().click();
  await expect(page.getByRole("heading", { name: "排队叫号", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "广安市政务服务中心", level: 2 })).toBeVisible();
  await page.getByRole("radio", { name: "综合受理（A）" }).check();
  await page.getByRole("button", { name: "取号", exact: true }).click();
  await expect(page.getByTestId("queue-notice")).toContainText(/已取号：A\d{3}/);
  await page.getByRole("button", { name: "叫下一位" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "请填写窗口" })).toBeVisible();
  await page.getByLabel("窗口", { exact: true }).fill("3号窗口");
  await page.getByRole("button", { name: "叫下一位" }).click();
  await expect(page.getByTestId("queue-notice")).toHaveText(`请 ${ticket} 号到 3号窗口 办理`);
  await expect(page.getByTestId("queue-waiting")).toContainText("预约/优先 0 人");
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: test.info().outputPath("queue-console-phone.png"), fullPage: true });
  await page.goto("/offices/GA-511600-HALL/queue");
  await expect(page.getByTestId("screen-called")).toContainText(ticket);
  await expect(page.getByTestId("screen-called")).toContainText("请到 3号窗口");
  await page.screenshot({ path: test.info().outputPath("queue-screen-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goBack();
  await page
    .getByRole("listitem")
    .filter({ hasText: ticket })
    .getByRole("button", { name: /已办理/ })
    .click();
  await expect(page.getByTestId("queue-notice")).toHaveText("已记为办理完毕。");
  await expect(page.getByTestId("queue-called").filter({ hasText: ticket })).toHaveCount(0);
  await signOut(page);

  // The citizen rates the visit.
  await signIn(page, "13800138000");
  await expect(page).toHaveURL(/\/account/);
  await page.goto("/account/evaluations");
  await page.getByRole("link", { name: new RegExp(`去评价\\s*：\\s*${bookingCode}`) }).click();
  await page.getByLabel("非常满意").check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByText(/您已评价，可在/)).toBeVisible();
  const stored = await database().query<{ status: string; attended_at: Date | null }>(
    "SELECT status, attended_at FROM booking WHERE code = $1",
    [bookingCode],
  );
  expect(stored.rows[0]).toMatchObject({ status: "ATTENDED" });
  expect(stored.rows[0]?.attended_at).not.toBeNull();
});

test("a walk-in application is registered at the counter, with a receipt the applicant can track", async ({ page }) => {
  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/console/);
  await page.getByRole("link", { name: "窗口收件" }).click();
  const form = await fillCounterChangeForm(page, { companyName: "广安窗口商贸有限公司", shareholder: "钱窗口" });
  // Nothing filled in: each problem is named, and nothing is registered.
  await form.getByRole("button", { name: "登记并生成回执" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "我已当面核验申请人与身份证件一致" })).toBeVisible();
  await form.getByLabel("姓名").fill("钱窗口");
  await form.getByLabel("身份证号码").fill("11010519491231002X");
  await form.getByLabel("我已当面核验申请人与身份证件一致").check();
  await form
    .getByLabel(/^扫描件：.*申请书/)
    .first()
    .setInputFiles({ name: "申请书扫描件.pdf", mimeType: "application/pdf", buffer: makePdf() });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: test.info().outputPath("counter-form-phone.png"), fullPage: true });
  await form.getByRole("button", { name: "登记并生成回执" }).click();
  const receipt = page.getByTestId("counter-receipt");
  await expect(receipt.getByRole("heading", { name: "收件回执" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("counter-receipt-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  const caseNumber = (await receipt.getByTestId("receipt-case-number").textContent())?.trim() ?? "";
  const queryCode = (await receipt.getByTestId("receipt-query-code").textContent())?.trim() ?? "";
  expect(caseNumber).toMatch(/^\d{20}$/);
  await receipt.getByRole("link", { name: "打开办件" }).click();
  await expect(page.getByTestId("counter-intake")).toContainText("身份证读卡器读取");
  // The answers and the scan are on the case like an online submission's.
  await expect(page.getByText("广安窗口商贸有限公司")).toBeVisible();
  await expect(page.getByText("申请书扫描件.pdf").first()).toBeVisible();
  await expect(page.getByRole("form", { name: "受理", exact: true })).toBeVisible();
  await signOut(page);

  // The applicant, without an account of their own, follows the case with the receipt.
  await page.goto("/track");
  await page.getByLabel("办件编号").fill(caseNumber);
  await page.getByLabel("查询码").fill(queryCode);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByTestId("track-status")).toHaveText("已提交");
  const stored = await database().query<{ channel: string }>(
    "SELECT channel::text AS channel FROM case_record WHERE case_number = $1",
    [caseNumber],
  );
  expect(stored.rows[0]?.channel).toBe("WINDOW");
});
