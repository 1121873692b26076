import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { signIn, signOut } from "./helpers";
import { testPhoneHash } from "../support/data-key";

/**
 * A clerk takes a submitted case through supplement → resubmission (by the applicant, on the supplement page) →
 * acceptance → the examination opinion; a second clerk reviews, the department administrator approves (the item's
 * workflow, issue 19), the clerk completes and delivers; the applicant downloads the result, the public verification page
 * confirms it, and the timeline entries marked for the applicant are all there; a clerk of another department can
 * neither find nor open the case. The submitted case is written straight into the e2e database (apply.spec.ts
 * covers submission through the portal).
 */

let client: pg.Client;

test.beforeAll(async () => {
  // The app under test runs on the embedded PostgreSQL of .data/e2e; connect to the running server.
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

async function insertCase(): Promise<string> {
  const clerk = await one<{ department_id: string }>(
    "SELECT department_id FROM user_account WHERE login_name = 'clerk'",
  );
  const citizen = await one<{ id: string; real_name: string }>(
    "SELECT id, real_name FROM user_account WHERE phone_hash = $1",
    [testPhoneHash("13800138000")],
  );
  const item = await one<{ id: string; region_code: string }>(
    "SELECT id, region_code FROM service_item WHERE department_id = $1 ORDER BY implementation_code LIMIT 1",
    [clerk.department_id],
  );
  const versionId = randomUUID();
  await client.query(
    `INSERT INTO item_version (id, service_item_id, number, status, content, updated_at) VALUES ($1, $2, $3, 'SUPERSEDED', $4, now())`,
    [
      versionId,
      item.id,
      5000 + Math.floor(Math.random() * 100000),
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
        // A licensing workflow: 受理 → 审查 (2 working days) → 审核 (1) → 决定 (1) → 办结 → 送达, duties separated.
        workflow: {
          steps: [
            ["PRE_REVIEW", "INTAKE", null],
            ["ACCEPTANCE", "INTAKE", null],
            ["EXAMINATION", "HANDLING", 2],
            ["REVIEW", "REVIEW", 1],
            ["DECISION", "DECISION", 1],
            ["COMPLETION", "HANDLING", null],
            ["DELIVERY", "INTAKE", null],
          ].map(([kind, duty, days]) => ({
            kind,
            enabled: true,
            duty,
            departmentCode: null,
            limit: days ? { limit: days, unit: "WORKING_DAY", note: null } : null,
          })),
          specialProceduresAllowed: false,
          separateDuties: true,
          deliveryOptions: ["DOWNLOAD", "POST", "WINDOW_PICKUP"],
        },
      }),
    ],
  );
  const caseNumber = `${item.region_code.slice(0, 6)}20250102${String(Math.floor(Math.random() * 900000) + 100000)}`;
  const id = randomUUID();
  await client.query(
    `INSERT INTO case_record (id, case_number, query_code_hash, service_item_id, item_version_id, department_id, region_code, applicant_user_id,
       applicant_name, status, version, answers, submitted_at, updated_at, current_step, current_duty)
     VALUES ($1, $2, repeat('0', 64), $3, $4, $5, $6, $7, $8, 'SUBMITTED', 0, '{"shopName": "鑫源便利店"}', now(), now(), 'PRE_REVIEW', 'INTAKE')`,
    [id, caseNumber, item.id, versionId, clerk.department_id, item.region_code, citizen.id, citizen.real_name],
  );
  await client.query(
    `INSERT INTO case_submission (id, case_id, number, answers, files) VALUES ($1, $2, 1, '{"shopName": "鑫源便利店"}', '[]')`,
    [randomUUID(), id],
  );
  await client.query(
    `INSERT INTO case_event (case_id, actor_id, actor_role, action, to_status, visible_to_applicant) VALUES ($1, $2, 'CITIZEN', 'submit', 'SUBMITTED', true)`,
    [id, citizen.id],
  );
  return caseNumber;
}

async function act(page: Page, action: string) {
  const form = page.getByRole("form", { name: action, exact: true });
  // Decisions ask for a confirmation first (issue 18); other steps are one click.
  if (["不予受理", "准予许可", "不予许可", "办结并出证", "作废", "转报"].includes(action))
    await form.getByRole("checkbox", { name: `我已核对，确认${action}` }).check();
  await form.getByRole("button", { name: `确认：${action}` }).click();
  return form;
}

test("a licensing case goes from submission through three signers to delivery; the applicant gets the result; another department cannot see it", async ({
  page,
  browser,
}) => {
  const caseNumber = await insertCase();

  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/console/);
  await page.goto("/console");
  await expect(page.getByRole("heading", { name: "办件队列", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /待预审\s*（\d+）/ })).toBeVisible();
  await page.getByRole("link", { name: caseNumber }).click();
  await expect(page.getByRole("heading", { name: `办件 ${caseNumber}` })).toBeVisible();
  await expect(page.getByText("鑫源便利店")).toBeVisible();

  // Supplement: the clerk ticks what must be fixed, each with a note; nothing ticked, or a tick without a note,
  // is explained and nothing is sent.
  let form = await act(page, "一次性告知补正");
  await expect(form.getByText("请至少勾选一项需要补正的材料或信息。").first()).toBeVisible();
  await form.getByRole("checkbox", { name: "店铺名称" }).check();
  await form.getByRole("button", { name: "确认：一次性告知补正" }).click();
  await expect(form.getByText("请写明对这一项的补正要求。").first()).toBeVisible();
  await form.getByLabel("对“店铺名称”的补正要求").fill("店铺名称须与营业执照一致");
  // The picker at phone width, as a clerk on a tablet or phone sees it.
  await page.setViewportSize({ width: 375, height: 800 });
  await form.screenshot({ path: test.info().outputPath("supplement-picker-phone.png") });
  await page.setViewportSize({ width: 1280, height: 800 });
  await form.getByRole("button", { name: "确认：一次性告知补正" }).click();
  await expect(page.getByText("待补正").first()).toBeVisible();
  await expect(page.getByText("店铺名称须与营业执照一致", { exact: true })).toBeVisible();

  // The applicant, on their own device: the one-time list with what it is about, only that answer to change, no
  // resubmission of the same answer, and a confirmation.
  const applicant = await browser.newPage();
  await signIn(applicant, "13800138000");
  await expect(applicant).toHaveURL(/\/account/);
  await applicant.goto(`/account/applications/${caseNumber}`);
  await expect(applicant.getByText("店铺名称：店铺名称须与营业执照一致")).toBeVisible();
  // The written 补正材料通知书 is the applicant's to download.
  const noticeHref = await applicant.getByRole("link", { name: "下载《补正材料通知书》（PDF）" }).getAttribute("href");
  expect(noticeHref).toMatch(/^\/files\/[0-9a-f-]{36}$/);
  const notice = await applicant.request.get(noticeHref ?? "");
  expect([notice.status(), notice.headers()["content-type"]]).toEqual([200, "application/pdf"]);
  await applicant.goto(`/account/applications/${caseNumber}/supplement`);
  await expect(applicant.getByRole("heading", { name: "需要补正的内容（一次性告知）" })).toBeVisible();
  await expect(applicant.getByText("店铺名称须与营业执照一致")).toBeVisible();
  await applicant.getByRole("button", { name: "提交补正" }).click();
  await expect(applicant.getByText("您没有修改任何内容。").first()).toBeVisible();
  await applicant.getByLabel(/店铺名称/).fill("鑫源商贸便利店");
  await applicant.getByRole("button", { name: "提交补正" }).click();
  await expect(applicant).toHaveURL(new RegExp(`/account/applications/${caseNumber}\\?resubmitted=1$`));
  await expect(applicant.getByText("补正已提交（第 2 次提交）")).toBeVisible();
  await applicant.close();
  await page.reload();
  await expect(page.getByText("预审中").first()).toBeVisible();
  // The clerk sees what changed between the two submissions.
  const changes = page.getByTestId("submission-changes");
  await expect(changes.getByRole("row", { name: /店铺名称/ })).toContainText("鑫源便利店");
  await expect(changes.getByRole("row", { name: /店铺名称/ })).toContainText("鑫源商贸便利店");

  await act(page, "受理");
  await expect(page.getByText(/已用 0 个工作日，剩余 5 个工作日/)).toBeVisible();

  // The item's workflow (issue 19): 审查 by the clerk (handling duty), 审核 by 孙敏, 决定 by 刘洋. The clerk is not
  // offered the decision; the workflow panel shows the current step and its own due date.
  const workflow = page.getByRole("region", { name: "办理流程与审批意见" });
  await expect(workflow.locator('[aria-current="step"]')).toContainText("审查（承办）");
  await expect(workflow.locator('[aria-current="step"]')).toContainText(/本环节应于 \d{4}-\d{2}-\d{2} 前办理/);
  await expect(page.getByRole("form", { name: "准予许可", exact: true })).toHaveCount(0);
  const signOff = page.getByRole("form", { name: "签署意见", exact: true });
  await signOff.getByLabel("不同意").check();
  await signOff.getByRole("button", { name: "确认：签署意见" }).click();
  await expect(signOff.getByText("选择“不同意”时，请写明理由。").first()).toBeVisible();
  await signOff.getByLabel("同意", { exact: true }).check();
  await signOff.getByLabel("意见说明").fill("材料齐全，符合法定条件，建议准予");
  await signOff.getByRole("button", { name: "确认：签署意见" }).click();
  await expect(workflow.locator('[aria-current="step"]')).toContainText("审核");
  await expect(workflow).toContainText("同意：材料齐全，符合法定条件，建议准予 · 陈静");
  await expect(page.getByText("本件正在“审核”环节，由审核岗办理；您的岗位不能办理此环节。")).toBeVisible();
  await signOut(page);

  // 审核: the review clerk finds the case among the work her duty allows (the console's first view).
  await signIn(page, "clerk2");
  await expect(page).toHaveURL(/\/(console|admin)/);
  await page.goto("/console");
  await expect(page.getByRole("link", { name: /待我办理\s*（\d+）/ })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: caseNumber }).click();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByRole("form", { name: "签署意见", exact: true }).getByLabel("同意", { exact: true }).check();
  await page.screenshot({ path: test.info().outputPath("review-sign-off-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await act(page, "签署意见");
  await expect(workflow.locator('[aria-current="step"]')).toContainText("决定");
  await signOut(page);

  // 决定 by the department administrator. A decision is not one click: the browser asks for the confirmation
  // (required), and so does the server when the form arrives without it (as from a browser that ignores `required`).
  await signIn(page, "deptadmin");
  await expect(page).toHaveURL(/\/(console|admin)/);
  await page.goto(`/console/cases/${caseNumber}`);
  const approve = page.getByRole("form", { name: "准予许可", exact: true });
  await expect(approve).toContainText("将准予许可");
  await approve.getByRole("button", { name: "确认：准予许可" }).click();
  await expect(page.getByText("受理").first()).toBeVisible();
  expect(await approve.getByRole("checkbox").evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);
  await approve.getByRole("checkbox").evaluate((box: HTMLInputElement) => box.removeAttribute("required"));
  await approve.getByRole("button", { name: "确认：准予许可" }).click();
  await expect(approve.getByText("请先核对将发生的后果，并勾选确认。").first()).toBeVisible();
  await expect(page.getByRole("form", { name: "办结并出证" })).toHaveCount(0);
  await act(page, "准予许可");
  // 办结 (出证) is the handling duty's: back to the clerk.
  await expect(page.getByText("本件正在“办结”环节，由承办岗办理；您的岗位不能办理此环节。")).toBeVisible();
  await signOut(page);
  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/console/);
  await page.goto(`/console/cases/${caseNumber}`);
  await expect(page.getByRole("form", { name: "办结并出证" })).toBeVisible();
  await act(page, "办结并出证");
  await expect(page.getByText(`证书编号 ZZ${caseNumber}`)).toBeVisible();
  // The 审批表: every signer's opinion, downloaded from the case page.
  const [approvalForm] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "下载审批表（PDF）" }).click(),
  ]);
  expect(approvalForm.suggestedFilename()).toMatch(/\.pdf$/);
  expect((await readFile((await approvalForm.path()) ?? "")).subarray(0, 5).toString()).toBe("%PDF-");

  // Delivery by post needs a tracking number; the choice is kept on the error.
  form = page.getByRole("form", { name: "送达", exact: true });
  await form.getByLabel("邮寄").check();
  await form.getByRole("button", { name: "确认：送达" }).click();
  await expect(form.getByText("必填。").first()).toBeVisible();
  await form.getByLabel("快递单号").fill("SF1234567890");
  await form.getByRole("button", { name: "确认：送达" }).click();
  await expect(page.getByText("已送达").first()).toBeVisible();
  await expect(page.getByText("邮寄 · SF1234567890")).toBeVisible();

  // Internal note: shown to staff as internal.
  await page.getByLabel("内容").fill("已电话告知申请人领取方式");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已电话告知申请人领取方式")).toBeVisible();
  await signOut(page);

  // The applicant: the certificate is theirs to download, and the public page confirms it.
  const licence = await one<{ number: string; check_code: string; file_id: string }>(
    "SELECT number, check_code, file_id FROM licence WHERE number = $1",
    [`ZZ${caseNumber}`],
  );
  await signIn(page, "13800138000");
  await expect(page).toHaveURL(/\/account/);
  // From the account home, as a person finds it (issue 18: the case page showed no result and no rating).
  await page.setViewportSize({ width: 375, height: 800 });
  await page
    .getByTestId("account-links")
    .getByRole("link", { name: /我的申请/ })
    .click();
  await page.locator(`a[href="/account/applications/${caseNumber}"]`).click();
  const outcome = page.getByTestId("case-outcome");
  await expect(outcome.getByRole("heading", { name: "办理结果" })).toBeVisible();
  await expect(outcome.getByTestId("result-holder")).toHaveText("王小明");
  await expect(outcome.getByTestId("delivery-status")).toContainText("快递单号：SF1234567890");
  await expect(outcome.getByRole("link", { name: "评价本次服务" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("case-outcome-phone.png"), fullPage: true });
  const downloadLink = outcome.getByRole("link", { name: "下载电子证照（PDF）" });
  expect(await downloadLink.getAttribute("href")).toBe(`/files/${licence.file_id}`);
  const download = await page.request.get(`/files/${licence.file_id}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("application/pdf");
  await outcome.getByRole("link", { name: "在线核验该证照" }).click();
  await expect(page.getByText("有效：该证照真实有效。")).toBeVisible();
  await page.goBack();
  await outcome.getByRole("link", { name: "评价本次服务" }).click();
  await expect(page).toHaveURL(new RegExp(`/account/evaluations/rate/case/${caseNumber}$`));
  await page.setViewportSize({ width: 1280, height: 800 });
  const visible = await client.query<{ action: string }>(
    "SELECT e.action FROM case_event e JOIN case_record c ON c.id = e.case_id WHERE c.case_number = $1 AND e.visible_to_applicant ORDER BY e.at, e.id",
    [caseNumber],
  );
  expect(visible.rows.map((row) => row.action)).toEqual([
    "submit",
    "requestSupplement",
    "resubmit",
    "accept",
    "approve",
    "complete",
    "deliver",
  ]);
  await page.goto(`/verify/${licence.number}?code=${licence.check_code}`);
  await expect(page.getByText("有效：该证照真实有效。")).toBeVisible();
  await expect(page.getByText("19900307")).toHaveCount(0);
  await signOut(page);

  // A clerk of another department: not in their queues, and the case page is a 404.
  const clerk = await one<{ department_id: string; password_hash: string; totp_secret: string }>(
    "SELECT department_id, password_hash, totp_secret FROM user_account WHERE login_name = 'clerk'",
  );
  const other = await one<{ id: string }>(
    "SELECT id FROM department WHERE id <> $1 AND parent_id IS NULL ORDER BY code LIMIT 1",
    [clerk.department_id],
  );
  await client.query(
    // A clerk of another department who has enrolled the demo authenticator, as every clerk does at first sign-in.
    `INSERT INTO user_account (id, role, real_name, login_name, password_hash, department_id, totp_secret, totp_enabled_at, updated_at)
     VALUES ($1, 'CLERK', '孙倩', 'e2e-other-clerk', $2, $3, $4, now(), now())
     ON CONFLICT (login_name) DO NOTHING`,
    [randomUUID(), clerk.password_hash, other.id, clerk.totp_secret],
  );
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signIn(stranger, "e2e-other-clerk");
  await expect(stranger).toHaveURL(/\/console/);
  await stranger.goto(`/console?view=all&q=${caseNumber}`);
  await expect(stranger.getByText("这个视图下没有办件。")).toBeVisible();
  const response = await stranger.goto(`/console/cases/${caseNumber}`);
  expect(response?.status()).toBe(404);
  await strangerContext.close();
});

/**
 * 一次性告知 (issue 19): after the first supplement and the applicant's resubmission, the clerk cannot send another
 * notice straight away; they ask with a reason, a supervisor approves on the supervision view of the case (found from
 * the dashboard), and the clerk's notice then goes out.
 */
test("a second supplement notice goes out only after a supervisor approves the clerk's reasoned request", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const caseNumber = await insertCase();
  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/console/);
  await page.goto(`/console/cases/${caseNumber}`);
  let form = page.getByRole("form", { name: "一次性告知补正", exact: true });
  await form.getByRole("checkbox", { name: "店铺名称" }).check();
  await form.getByLabel("对“店铺名称”的补正要求").fill("店铺名称须与营业执照一致");
  await form.getByRole("button", { name: "确认：一次性告知补正" }).click();
  await expect(page.getByText("待补正").first()).toBeVisible();

  const applicant = await browser.newPage();
  await signIn(applicant, "13800138000");
  await expect(applicant).toHaveURL(/\/account/);
  await applicant.goto(`/account/applications/${caseNumber}/supplement`);
  await applicant.getByLabel(/店铺名称/).fill("鑫源商贸便利店");
  await applicant.getByRole("button", { name: "提交补正" }).click();
  await expect(applicant.getByText("补正已提交（第 2 次提交）")).toBeVisible();
  await applicant.close();

  // No second notice without approval: the clerk asks, with the reason (required).
  await page.reload();
  await expect(page.getByRole("form", { name: "一次性告知补正", exact: true })).toHaveCount(0);
  const ask = page.getByTestId("supplement-approval-request");
  await ask.getByRole("button", { name: "提交审批申请" }).click();
  await expect(ask.getByText("必填。").first()).toBeVisible();
  await ask.getByLabel("申请理由").fill("复核发现经营场所证明与营业执照住所不一致，首次告知时尚未核查");
  await page.setViewportSize({ width: 375, height: 800 });
  await ask.screenshot({ path: test.info().outputPath("supplement-approval-ask-phone.png") });
  await ask.getByRole("button", { name: "提交审批申请" }).click();
  await expect(page.getByTestId("supplement-approval-request")).toContainText("已申请，等待审批。");
  await page.setViewportSize({ width: 1280, height: 800 });
  await signOut(page);

  // The supervisor: the dashboard lists the request; refusing needs a note; approving lets the clerk go on.
  await signIn(page, "supervisor");
  await expect(page).toHaveURL(/\/admin/);
  await page.goto("/admin/supervision");
  await page.getByTestId("pending-supplement-approvals").getByRole("link", { name: caseNumber }).click();
  const approvals = page.getByTestId("supplement-approvals");
  await expect(approvals).toContainText("复核发现经营场所证明与营业执照住所不一致");
  await approvals.getByLabel("不批准", { exact: true }).check();
  await approvals.getByRole("button", { name: "提交审批" }).click();
  await expect(approvals.getByText("不批准时请写明意见。").first()).toBeVisible();
  await approvals.getByLabel("批准再次补正").check();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: test.info().outputPath("supplement-approval-decide-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await approvals.getByRole("button", { name: "提交审批" }).click();
  await expect(page.getByTestId("supplement-approvals")).toContainText("已批准（尚未使用）");
  await signOut(page);

  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/console/);
  await page.goto(`/console/cases/${caseNumber}`);
  form = page.getByRole("form", { name: "一次性告知补正", exact: true });
  await form.getByRole("checkbox", { name: "店铺名称" }).check();
  await form.getByLabel("对“店铺名称”的补正要求").fill("请同时提交租赁合同");
  await form.getByRole("button", { name: "确认：一次性告知补正" }).click();
  await expect(page.getByText("待补正").first()).toBeVisible();
  await expect(page.getByTestId("supplement-approvals")).toContainText("已批准并已发出补正告知");
});
