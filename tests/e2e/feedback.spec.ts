import { createHash, randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { signIn, signOut } from "./helpers";
import { testPhoneHash } from "../support/data-key";

/**
 * Issue 7 end to end: a submitted case (written into the e2e database the way a submission leaves it, with a
 * known query code — the citizen's own submission journey is covered by apply.spec.ts) is taken by the clerk
 * through the console to completion; the applicant follows it in the inbox (notifications made by the worker
 * started beside the app from the real case events) and the case timeline, looks it up publicly (page and API),
 * rates it 非常不满意; the department calls back and replies; the supervisor accepts; the applicant reads the reply.
 */

let client: pg.Client;

test.beforeAll(async () => {
  const database = await startEmbeddedPostgres({ dataDir: ".data/e2e" });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

test.afterAll(async () => {
  await client?.end();
});

async function one<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T> {
  const result = await client.query<T>(sql, values);
  const row = result.rows[0];
  if (!row) throw new Error(`no row: ${sql}`);
  return row;
}

const QUERY_CODE = "TRACK234";

async function insertSubmittedCase(): Promise<{ caseNumber: string; itemName: string }> {
  const clerk = await one<{ department_id: string }>(
    "SELECT department_id FROM user_account WHERE login_name = 'clerk'",
  );
  const citizen = await one<{ id: string; real_name: string }>(
    "SELECT id, real_name FROM user_account WHERE phone_hash = $1",
    [testPhoneHash("13800138000")],
  );
  const item = await one<{ id: string; region_code: string; name: string }>(
    "SELECT id, region_code, name FROM service_item WHERE department_id = $1 ORDER BY implementation_code LIMIT 1",
    [clerk.department_id],
  );
  const versionId = randomUUID();
  await client.query(
    `INSERT INTO item_version (id, service_item_id, number, status, content, updated_at) VALUES ($1, $2, $3, 'SUPERSEDED', $4, now())`,
    [
      versionId,
      item.id,
      200000 + Math.floor(Math.random() * 100000),
      JSON.stringify({
        promised: { limit: 5, unit: "WORKING_DAY" },
        statutory: { limit: 20, unit: "WORKING_DAY" },
        form: {
          version: 1,
          steps: [
            {
              id: "basic",
              title: { zh: "基本信息" },
              fields: [{ key: "shopName", type: "text", label: { zh: "店铺名称" } }],
            },
          ],
        },
        // A simple item: 受理 → 办结 by one clerk (lib/cases/workflow.ts), no sign-offs.
        workflow: {
          steps: [
            ["PRE_REVIEW", "INTAKE", true],
            ["ACCEPTANCE", "INTAKE", true],
            ["EXAMINATION", "HANDLING", false],
            ["REVIEW", "REVIEW", false],
            ["DECISION", "DECISION", false],
            ["COMPLETION", "HANDLING", true],
            ["DELIVERY", "INTAKE", true],
          ].map(([kind, duty, enabled]) => ({ kind, enabled, duty, departmentCode: null, limit: null })),
          specialProceduresAllowed: false,
          separateDuties: false,
          deliveryOptions: ["DOWNLOAD", "WINDOW_PICKUP"],
        },
      }),
    ],
  );
  const caseNumber = `${item.region_code.slice(0, 6)}20250103${String(Math.floor(Math.random() * 900000) + 100000)}`;
  const id = randomUUID();
  const hash = createHash("sha256").update(QUERY_CODE).digest("hex");
  await client.query(
    `INSERT INTO case_record (id, case_number, query_code_hash, service_item_id, item_version_id, department_id, region_code, applicant_user_id,
       applicant_name, status, version, answers, submitted_at, updated_at, current_step, current_duty)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'SUBMITTED', 0, '{"shopName": "鑫源便利店"}', now(), now(), 'PRE_REVIEW', 'INTAKE')`,
    [id, caseNumber, hash, item.id, versionId, clerk.department_id, item.region_code, citizen.id, citizen.real_name],
  );
  await client.query(
    `INSERT INTO case_submission (id, case_id, number, answers, files) VALUES ($1, $2, 1, '{"shopName": "鑫源便利店"}', '[]')`,
    [randomUUID(), id],
  );
  await client.query(
    `INSERT INTO case_event (case_id, actor_id, actor_role, action, to_status, visible_to_applicant) VALUES ($1, $2, 'CITIZEN', 'submit', 'SUBMITTED', true)`,
    [id, citizen.id],
  );
  return { caseNumber, itemName: item.name };
}

async function act(page: Page, action: string) {
  const form = page.getByRole("form", { name: action, exact: true });
  // Decisions ask for a confirmation first (issue 18); other steps are one click.
  if (["不予受理", "准予许可", "不予许可", "办结并出证", "作废", "转报"].includes(action))
    await form.getByRole("checkbox", { name: `我已核对，确认${action}` }).check();
  await form.getByRole("button", { name: `确认：${action}` }).click();
}

/** The notification worker runs every 15 s beside the app: reload until the message is there. */
async function expectInInbox(page: Page, text: string | RegExp, caseNumber: string) {
  await expect(async () => {
    await page.goto("/account/inbox");
    await expect(
      page.getByTestId("inbox-entry").filter({ hasText: text }).filter({ hasText: caseNumber }).first(),
    ).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000, intervals: [2000] });
}

/** Signs in and waits until the session is there (the next page.goto would otherwise race the cookie). */
async function signInAs(page: Page, username: string) {
  await signIn(page, username);
  await expect(page).not.toHaveURL(/\/login/);
}

const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });

test("follow a case to completion through inbox and timeline, look it up publicly, rate it 非常不满意, see the department's reply", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const { caseNumber, itemName } = await insertSubmittedCase();

  // Public lookup before anything happened: the page and the API, no sign-in; a wrong code looks like no case.
  await page.goto("/track");
  await page.getByLabel("办件编号").fill(caseNumber);
  await page.getByLabel("查询码").fill("track 234");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByTestId("track-status")).toHaveText("已提交");
  await expect(page.getByText(itemName)).toBeVisible();
  await expect(page.getByText("王小明")).toHaveCount(0);
  await page.getByLabel("查询码").fill("WRONG234");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByText("没有找到与该办件编号和查询码相符的办件")).toBeVisible();
  const wrong = await page.request.get(`/api/v1/cases/${caseNumber}/status?code=WRONG234`);
  const unknown = await page.request.get(`/api/v1/cases/${caseNumber.slice(0, 14)}000001/status?code=${QUERY_CODE}`);
  expect([wrong.status(), unknown.status()]).toEqual([404, 404]);
  expect(await wrong.text()).toBe(await unknown.text());

  // The clerk accepts, approves and completes in the console.
  await signInAs(page, "clerk");
  await page.goto("/console");
  await page.getByRole("link", { name: caseNumber }).click();
  await expect(page.getByRole("heading", { name: `办件 ${caseNumber}` })).toBeVisible();
  await act(page, "受理");
  await expect(page.getByText(/已用 0 个工作日，剩余 5 个工作日/)).toBeVisible();
  await act(page, "准予许可");
  await expect(page.getByRole("form", { name: "办结并出证" })).toBeVisible();
  await act(page, "办结并出证");
  await expect(page.getByText(`证书编号 ZZ${caseNumber}`)).toBeVisible();
  await signOut(page);

  // The applicant: every step arrives in the inbox; the timeline shows it; the public API says completed.
  await signInAs(page, "13800138000");
  await expectInInbox(page, `已办结，可领取结果：${itemName}`, caseNumber);
  for (const subject of [`申请已受理：${itemName}`, `申请已准予：${itemName}`, `申请已提交：${itemName}`])
    await expect(
      page.getByTestId("inbox-entry").filter({ hasText: subject }).filter({ hasText: caseNumber }),
    ).toHaveCount(1);
  await page
    .getByTestId("inbox-entry")
    .filter({ hasText: "已办结" })
    .filter({ hasText: caseNumber })
    .getByRole("link", { name: /查看详情/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/account/applications/${caseNumber}`));
  await expect(page.getByTestId("case-status")).toHaveText("已办结");
  const status = await page.request.get(`/api/v1/cases/${caseNumber}/status?code=${QUERY_CODE}`);
  expect(status.status()).toBe(200);
  const body = (await status.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual([
    "acceptedAt",
    "caseNumber",
    "completedAt",
    "department",
    "dueDate",
    "item",
    "status",
    "statusLabel",
    "submittedAt",
  ]);
  expect(body).toMatchObject({ caseNumber, status: "COMPLETED", statusLabel: "已办结", item: itemName });

  // Rate it 非常不满意: a bad rating needs a problem or a comment; the values stay on the error.
  await page.goto("/account/evaluations");
  await expect(page.getByRole("heading", { name: "待评价" })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(`去评价\\s*：\\s*${caseNumber}`) }).click();
  await page.getByLabel("非常不满意").check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("alert", { name: "请修改以下问题后再提交" })).toContainText(
    "请至少选择一个问题或填写意见",
  );
  await expect(page.getByLabel("非常不满意")).toBeChecked();
  await page.getByLabel("问题：办理时间长").check();
  await page.getByLabel(/^意见和建议/).fill("窗口让我跑了三次");
  await page.getByRole("button", { name: "提交评价" }).click();
  // The page shows the rating's rectification: the department will call back and reply by the due date.
  await expect(page.getByText(/部门将联系您核实情况/)).toBeVisible();
  await expect(page.getByText(/您已评价，可在/)).toBeVisible();
  await signOut(page);

  // The department: the rectification task with its due date; call back, outcome, reply.
  await signInAs(page, "clerk");
  await page.goto("/console/feedback");
  const row = page.getByRole("row").filter({ hasText: caseNumber });
  await expect(row).toContainText("非常不满意");
  await row.getByRole("link", { name: "非常不满意" }).click();
  await expect(page.getByText("窗口让我跑了三次")).toBeVisible();
  // Masked like on every staff page; the full number on request, for the call back, and logged (issue 18).
  await expect(page.getByTestId("applicant-phone")).toHaveText("138****8000");
  await expect(page.getByText("13800138000")).toHaveCount(0);
  await page.getByRole("link", { name: /显示完整号码以便回访/ }).click();
  await expect(page.getByTestId("applicant-phone")).toHaveText("13800138000");
  await page.getByRole("button", { name: "提交整改答复" }).click();
  await expect(page.getByRole("alert", { name: "请修改以下问题后再提交" })).toContainText("请填写回访日期");
  await page.getByLabel("回访日期").fill(today());
  await page.getByLabel("核实与整改情况").fill("已电话回访，材料要求已在窗口统一告知");
  await page.getByLabel("答复评价人").fill("非常抱歉给您带来不便，我们已实行一次性告知，今后不会再让您多跑。");
  await page.getByRole("button", { name: "提交整改答复" }).click();
  await expect(page.getByText("部门已答复")).toBeVisible();
  await signOut(page);

  // The supervisor accepts the reply.
  await signInAs(page, "supervisor");
  await page.goto("/admin/supervision/rectifications");
  const entry = page.getByTestId("review-entry").filter({ hasText: caseNumber });
  await expect(entry).toContainText("非常抱歉给您带来不便");
  await expect(entry).toContainText("138****8000");
  await entry.getByLabel("通过").check();
  await entry.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByTestId("review-entry").filter({ hasText: caseNumber })).toHaveCount(0);
  await signOut(page);

  // The applicant reads the reply (announced in the inbox).
  await signInAs(page, "13800138000");
  await page.goto("/account/inbox");
  await page
    .getByTestId("inbox-entry")
    .filter({ hasText: "您的评价已收到整改答复" })
    .first()
    .getByRole("link", { name: /查看详情/ })
    .click();
  await expect(page.getByTestId("rectification-reply")).toHaveText(
    "非常抱歉给您带来不便，我们已实行一次性告知，今后不会再让您多跑。",
  );
  await expect(page.getByText("整改已审核通过")).toBeVisible();
  await expect(page.getByText("材料要求已在窗口统一告知")).toHaveCount(0);
  // The number shown for the call back is in the person's read log.
  await page.goto("/account/access-log");
  await expect(page.getByText("查看联系电话（回访）").first()).toBeVisible();
});

test("ask a question on an item page; the department answers and publishes it; it appears on the item page", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const clerk = await one<{ department_id: string }>(
    "SELECT department_id FROM user_account WHERE login_name = 'clerk'",
  );
  const item = await one<{ implementation_code: string }>(
    "SELECT implementation_code FROM service_item WHERE department_id = $1 AND status = 'ACTIVE' ORDER BY implementation_code LIMIT 1",
    [clerk.department_id],
  );
  const title = `营业时间可以延长吗 ${Date.now().toString().slice(-5)}`;
  await signInAs(page, "13800138000");
  await page.goto(`/items/${item.implementation_code}`);
  await page.getByRole("link", { name: "咨询", exact: true }).click();
  await page.getByLabel("标题").fill(title);
  await page.getByLabel("问题描述").fill("短");
  await page.getByRole("button", { name: "提交咨询" }).click();
  await expect(page.getByRole("alert", { name: "请修改以下问题后再提交" })).toContainText(
    "请填写至少 5 个字的问题描述",
  );
  await expect(page.getByLabel("标题")).toHaveValue(title);
  await page.getByLabel("问题描述").fill("周末能否预约窗口办理？");
  await page.getByRole("button", { name: "提交咨询" }).click();
  await expect(page.getByText(/已提交，部门将在/)).toBeVisible();
  await signOut(page);

  await signInAs(page, "clerk");
  await page.goto("/console/feedback");
  await page.getByRole("link", { name: title }).click();
  await page.getByLabel("答复内容").fill("可以，周六上午在市政务服务中心开放预约。");
  await page.getByLabel("公开为常见问题").check();
  await page.getByRole("button", { name: "提交答复" }).click();
  await expect(page.getByText("已在事项页面公开为常见问题。")).toBeVisible();
  await signOut(page);

  // The live rendering (a query string bypasses the anonymous ISR copy, which refreshes on revalidation).
  await page.goto(`/items/${item.implementation_code}?lang=zh-CN`);
  const answered = page.locator("#answered-questions");
  await expect(answered).toContainText(title);
  await expect(answered).toContainText("可以，周六上午在市政务服务中心开放预约。");
  await expect(answered).not.toContainText("王小明");
});

test("report that a guide is wrong from the guide page; the department sees which part and answers; at phone width too", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const clerk = await one<{ department_id: string }>(
    "SELECT department_id FROM user_account WHERE login_name = 'clerk'",
  );
  const item = await one<{ implementation_code: string }>(
    "SELECT implementation_code FROM service_item WHERE department_id = $1 AND status = 'ACTIVE' ORDER BY implementation_code LIMIT 1",
    [clerk.department_id],
  );
  const detail = `窗口已搬到市民中心二楼 ${Date.now().toString().slice(-5)}`;
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAs(page, "13800138000");
  await page.goto(`/items/${item.implementation_code}`);
  await page.getByRole("link", { name: "指南内容有误？告诉我们" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "指南有误？告诉我们" })).toBeVisible();
  // Nothing chosen and too short: both are said, and what was typed stays.
  await page.getByLabel("哪里不对，应该是什么").fill("短");
  await page.getByRole("button", { name: "提交报告" }).click();
  const problems = page.getByRole("alert", { name: "请修改以下问题后再提交" });
  await expect(problems).toContainText("请选择有误的部分");
  await expect(problems).toContainText("请用至少 5 个字说明哪里不对");
  await expect(page.getByLabel("哪里不对，应该是什么")).toHaveValue("短");
  await page.getByLabel("办理地点和时间").check();
  await page.getByLabel("哪里不对，应该是什么").fill(detail);
  await page.screenshot({ path: test.info().outputPath("guide-error-phone.png"), fullPage: true });
  await page.getByRole("button", { name: "提交报告" }).click();
  await expect(page.getByText(/已提交，部门将在/)).toBeVisible();
  await expect(page.getByText("指南纠错")).toBeVisible();
  await signOut(page);

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, "clerk");
  await page.goto("/console/feedback");
  const row = page.getByRole("row").filter({ hasText: "指南纠错" }).filter({ hasText: "办理地点和时间" }).first();
  await row.getByRole("link", { name: "办理地点和时间" }).click();
  await expect(page.getByText(detail)).toBeVisible();
  await page.getByLabel("答复内容").fill("已核实，指南中的地址已更正。");
  await expect(page.getByLabel("公开为常见问题")).toHaveCount(0);
  await page.getByRole("button", { name: "提交答复" }).click();
  await expect(page.getByText("已核实，指南中的地址已更正。")).toBeVisible();
});
