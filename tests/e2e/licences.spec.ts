import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/seed/demo-accounts";
import { testPhoneHash } from "../support/data-key";
import { connectE2eDatabase } from "./database";
import { itemCode, signIn, signOut } from "./helpers";

const database = connectE2eDatabase();

/**
 * A 企业变更登记 case of the demo company, submitted and waiting for acceptance (written into the e2e database like
 * console.spec.ts does: apply.spec.ts covers submitting through the portal), filed under a version whose workflow
 * the demo clerk takes alone (受理 → 决定 by 承办 → 办结).
 */
async function submittedCompanyCase(): Promise<string> {
  const db = database();
  const clerk = (
    await db.query<{ department_id: string }>("SELECT department_id FROM user_account WHERE login_name = 'clerk'")
  ).rows[0]!;
  const agent = (
    await db.query<{ id: string }>("SELECT id FROM user_account WHERE phone_hash = $1", [
      testPhoneHash(DEMO_ACCOUNTS.company.phone),
    ])
  ).rows[0]!;
  const company = (
    await db.query<{ id: string }>("SELECT id FROM company WHERE credit_code = $1", [DEMO_ACCOUNTS.company.creditCode])
  ).rows[0]!;
  const item = (
    await db.query<{ id: string; region_code: string }>(
      "SELECT s.id, s.region_code FROM service_item s JOIN catalog_item c ON c.id = s.catalog_item_id WHERE s.department_id = $1 AND c.code = '000125003000'",
      [clerk.department_id],
    )
  ).rows[0]!;
  const versionId = randomUUID();
  const workflow = {
    steps: [
      ["PRE_REVIEW", "INTAKE"],
      ["ACCEPTANCE", "INTAKE"],
      ["DECISION", "HANDLING"],
      ["COMPLETION", "HANDLING"],
    ].map(([kind, duty]) => ({ kind, enabled: true, duty, departmentCode: null, limit: null })),
    specialProceduresAllowed: false,
    separateDuties: false,
    deliveryOptions: ["DOWNLOAD"],
  };
  await db.query(
    `INSERT INTO item_version (id, service_item_id, number, status, content, updated_at) VALUES ($1, $2, $3, 'SUPERSEDED', $4, now())`,
    [
      versionId,
      item.id,
      7000 + Math.floor(Math.random() * 100000),
      JSON.stringify({
        promised: { limit: 5, unit: "WORKING_DAY" },
        materials: [{ code: "business-licence", name: "原营业执照正副本" }],
        workflow,
      }),
    ],
  );
  const caseNumber = `${item.region_code.slice(0, 6)}20250103${String(Math.floor(Math.random() * 900000) + 100000)}`;
  const id = randomUUID();
  await db.query(
    `INSERT INTO case_record (id, case_number, query_code_hash, service_item_id, item_version_id, department_id, region_code, applicant_user_id, applicant_company_id,
       applicant_name, status, version, answers, submitted_at, updated_at, current_step, current_duty)
     VALUES ($1, $2, repeat('0', 64), $3, $4, $5, $6, $7, $8, $9, 'SUBMITTED', 0, '{}', now(), now(), 'PRE_REVIEW', 'INTAKE')`,
    [
      id,
      caseNumber,
      item.id,
      versionId,
      clerk.department_id,
      item.region_code,
      agent.id,
      company.id,
      DEMO_ACCOUNTS.company.companyName,
    ],
  );
  await db.query(`INSERT INTO case_submission (id, case_id, number, answers, files) VALUES ($1, $2, 1, '{}', '[]')`, [
    randomUUID(),
    id,
  ]);
  await db.query(
    `INSERT INTO case_event (case_id, actor_id, actor_role, action, to_status, visible_to_applicant) VALUES ($1, $2, 'COMPANY_AGENT', 'submit', 'SUBMITTED', true)`,
    [id, agent.id],
  );
  return caseNumber;
}

/**
 * 免提交 (issue 20): the company's 营业执照, issued by a completed case, fills the business-licence material of its
 * next application from the e-licence library; the applicant sees where it came from.
 */
test("a company's next application takes its business licence from the library", async ({ page }) => {
  test.setTimeout(180_000);
  const caseNumber = await submittedCompanyCase();
  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/console/);
  await page.goto(`/console/cases/${caseNumber}`);
  for (const action of ["受理", "准予许可", "办结并出证"]) {
    const form = page.getByRole("form", { name: action, exact: true });
    await expect(form).toBeVisible();
    if (action !== "受理") await form.getByRole("checkbox", { name: `我已核对，确认${action}` }).check();
    await form.getByRole("button", { name: `确认：${action}` }).click();
    await expect(form).toHaveCount(0);
  }
  await expect(page.getByText(`证书编号 ZZ${caseNumber}`)).toBeVisible();
  await signOut(page);

  await signIn(page, DEMO_ACCOUNTS.company.phone);
  await expect(page).toHaveURL(/\/account/);
  const code = await itemCode(page, "企业变更登记", "511600000000");
  await page.goto(`/items/${code}/apply`);
  const discard = page.locator("summary").filter({ hasText: "删除草稿" });
  if (await page.getByRole("button", { name: "开始申请" }).isHidden()) {
    // A draft left by an earlier run: start afresh (the library fills a new draft).
    await page.goto("/account/applications");
    while (await discard.first().isVisible()) {
      const drafts = await discard.count();
      await discard.first().click();
      const confirm = page.locator("details[open] form").first();
      await confirm.getByRole("checkbox", { name: "我确认删除这份草稿" }).check();
      await confirm.getByRole("button", { name: /确认删除/ }).click();
      await expect(discard).toHaveCount(drafts - 1);
    }
    await page.goto(`/items/${code}/apply`);
  }
  await page.getByRole("button", { name: "开始申请" }).click();
  await expect(page.getByRole("heading", { name: "企业与变更事项" })).toBeVisible();
  await page.goto(`/items/${code}/apply/materials`);
  const licence = page.getByText("电子证照（取自您的证照库）").first();
  await expect(licence).toBeVisible();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: test.info().outputPath("licence-from-library-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
});

/**
 * 证照类型 (issue 20): a platform administrator finds the licence type catalogue, sees the seeded types, is told
 * what is wrong with a bad validity (nothing lost), and changes a type's validity.
 */
test("a platform administrator maintains the licence types", async ({ page }) => {
  await signIn(page, "admin");
  await expect(page).toHaveURL(/\/admin/);
  await page.getByRole("link", { name: "证照类型" }).first().click();
  await expect(page.getByRole("heading", { name: "证照类型", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "食品经营许可证" });
  await expect(row).toContainText("60 个月");
  await row.getByRole("link", { name: /修改/ }).click();
  await expect(page.getByRole("heading", { name: /修改证照类型：食品经营许可证/ })).toBeVisible();
  await page.getByLabel("有效期（月）").fill("0");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "有效期请填写 1 至 1200 之间的整数" })).toBeVisible();
  await expect(page.getByLabel("证照名称")).toHaveValue("食品经营许可证");
  await page.getByLabel("有效期（月）").fill("48");
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: test.info().outputPath("licence-type-phone.png"), fullPage: true });
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("heading", { name: "证照类型", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "食品经营许可证" })).toContainText("48 个月");
  await page.setViewportSize({ width: 1280, height: 800 });
});
