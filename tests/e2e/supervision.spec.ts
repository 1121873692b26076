import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { signIn, signOut } from "./helpers";
import { testPhoneHash } from "../support/data-key";

/**
 * The supervisor's dashboard: accessible (axe), filtered to a department, a figure drilled down to the case behind
 * it, the list exported as CSV, the read-only case opened, an explanation requested and answered from the console.
 * The overdue case is written straight into the e2e database (the deadline job would mark it red the same way).
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

async function insertOverdueCase(): Promise<{ caseNumber: string; departmentId: string }> {
  const clerk = (
    await client.query<{ department_id: string }>("SELECT department_id FROM user_account WHERE login_name = 'clerk'")
  ).rows[0]!;
  const citizen = (
    await client.query<{ id: string; real_name: string }>(
      "SELECT id, real_name FROM user_account WHERE phone_hash = $1",
      [testPhoneHash("13800138000")],
    )
  ).rows[0]!;
  const item = (
    await client.query<{ id: string; region_code: string }>(
      "SELECT id, region_code FROM service_item WHERE department_id = $1 ORDER BY implementation_code LIMIT 1",
      [clerk.department_id],
    )
  ).rows[0]!;
  const versionId = randomUUID();
  await client.query(
    `INSERT INTO item_version (id, service_item_id, number, status, content, updated_at) VALUES ($1, $2, $3, 'SUPERSEDED', $4, now())`,
    [
      versionId,
      item.id,
      200000 + Math.floor(Math.random() * 100000),
      JSON.stringify({ promised: { limit: 5, unit: "WORKING_DAY" }, statutory: { limit: 20, unit: "WORKING_DAY" } }),
    ],
  );
  const caseNumber = `${item.region_code.slice(0, 6)}20250301${String(Math.floor(Math.random() * 900000) + 100000)}`;
  const id = randomUUID();
  await client.query(
    `INSERT INTO case_record (id, case_number, query_code_hash, service_item_id, item_version_id, department_id, region_code, applicant_user_id,
       applicant_name, status, version, answers, submitted_at, accepted_at, due_date, warning, updated_at)
     VALUES ($1, $2, repeat('0', 64), $3, $4, $5, $6, $7, $8, 'ACCEPTED', 1, '{}', now() - interval '20 days', now() - interval '19 days',
       (now() - interval '5 days')::date, 'RED', now())`,
    [id, caseNumber, item.id, versionId, clerk.department_id, item.region_code, citizen.id, citizen.real_name],
  );
  await client.query(
    `INSERT INTO case_event (case_id, actor_id, actor_role, action, to_status, visible_to_applicant) VALUES ($1, $2, 'CITIZEN', 'submit', 'SUBMITTED', true)`,
    [id, citizen.id],
  );
  return { caseNumber, departmentId: clerk.department_id };
}

test("a supervisor filters the dashboard, drills down to an overdue case, exports the list and asks the department to explain", async ({
  page,
}) => {
  const { caseNumber, departmentId } = await insertOverdueCase();
  await signIn(page, "supervisor");
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "电子监察" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /电子监察/ })).toBeVisible();

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(
    axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical"),
  ).toEqual([]);

  await page.getByLabel("部门", { exact: true }).selectOption(departmentId);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(new RegExp(`department=${departmentId}`));
  await page.getByRole("link", { name: /已超期（红灯）/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /已超期/ })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: caseNumber });
  await expect(row).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("supervision-cases.csv");
  const csv = await readFile((await download.path()) ?? "", "utf8");
  expect(csv).toContain("caseNumber");
  expect(csv).toContain(caseNumber);

  await row.getByRole("link", { name: caseNumber }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(caseNumber) })).toBeVisible();
  await expect(page.getByText("监察视图：只读，不能办理。")).toBeVisible();
  await page.getByLabel("要求部门作出说明").check();
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("link", { name: "内容：请填写内容" })).toBeVisible();
  await page.getByLabel("内容").fill("该件已超期5个工作日，请说明原因。");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByText("已记录。")).toBeVisible();
  await expect(page.getByText("等待部门说明")).toBeVisible();
  await signOut(page);

  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole("link", { name: "督办说明" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "督办说明" })).toBeVisible();
  const request = page.getByRole("listitem").filter({ hasText: caseNumber });
  await request.getByLabel("说明", { exact: true }).fill("申请人现场核验延期，已于今日办结。");
  await request.getByRole("button", { name: "提交说明" }).click();
  await expect(
    page.getByRole("listitem").filter({ hasText: caseNumber }).getByText("申请人现场核验延期，已于今日办结。"),
  ).toBeVisible();
});

test("a supervisor reads the alert of an overdue case and opens the case from it", async ({ page }) => {
  const { caseNumber } = await insertOverdueCase();
  // The alert the deadline job writes when a case turns red (lib/notifications/staff-alerts.ts), as it stores it:
  // the job itself runs every CASE_DEADLINE_JOB_SECONDS, longer than a test waits.
  const supervisor = (await client.query<{ id: string }>("SELECT id FROM user_account WHERE login_name = 'supervisor'"))
    .rows[0]!;
  await client.query(
    `INSERT INTO notification (id, user_id, template, params, subject, dedupe_key, created_at) VALUES ($1, $2, 'case.escalated', $3, $4, $5, now())`,
    [
      randomUUID(),
      supervisor.id,
      JSON.stringify({
        caseNumber,
        warning: "RED",
        due: "2025-03-10",
        item: "企业变更登记",
        department: "广安市市场监督管理局",
      }),
      JSON.stringify({ kind: "supervisedCase", caseNumber }),
      `escalate:e2e-${caseNumber}:RED`,
    ],
  );
  await signIn(page, "supervisor");
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "督办提醒" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "督办提醒" })).toBeVisible();
  const alert = page.getByTestId("staff-alerts").getByRole("listitem").filter({ hasText: caseNumber });
  await expect(alert).toContainText("红灯：已超期");
  await expect(alert).toContainText("新");
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: test.info().outputPath("alerts-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await alert.getByRole("link", { name: "查看办件" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(caseNumber) })).toBeVisible();
  // Read once opened: the next visit shows it without the "new" mark.
  await page.goto("/admin/alerts");
  await expect(
    page.getByTestId("staff-alerts").getByRole("listitem").filter({ hasText: caseNumber }),
  ).not.toContainText("新");
});
