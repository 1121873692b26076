import { expect, type Page, test } from "@playwright/test";
import { signIn as submitSignIn, signOut } from "./helpers";

/** Signs in and waits until the sign-in has gone through (the next navigation must not cut it off). */
async function signIn(page: Page, username: string) {
  await submitSignIn(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * Issue 4, end to end: a department administrator creates an item with a three-step application form (a
 * conditional field, a repeating group, a file upload), a second administrator publishes it, and a citizen finds
 * it in search and fills in the form.
 */

const suffix = Date.now().toString(36).toUpperCase();
const CODE = `E2E-${suffix}`;
const NAME = `便民测试服务${suffix.slice(-4)}`;

const FORM = {
  version: 1,
  steps: [
    {
      id: "applicant",
      title: { zh: "申请人信息", en: "Applicant" },
      fields: [
        { key: "realName", type: "text", label: { zh: "申请人姓名" }, required: true, prefill: "profile.realName" },
        {
          key: "byAgent",
          type: "radio",
          label: { zh: "是否委托他人办理" },
          required: true,
          options: [
            { value: "no", label: { zh: "本人办理" } },
            { value: "yes", label: { zh: "委托他人" } },
          ],
        },
        {
          key: "agentName",
          type: "text",
          label: { zh: "代理人姓名" },
          required: true,
          visibleWhen: { field: "byAgent", op: "eq", value: "yes" },
        },
      ],
    },
    {
      id: "family",
      title: { zh: "家庭成员", en: "Family" },
      fields: [
        {
          key: "members",
          type: "group",
          label: { zh: "家庭成员" },
          minRows: 1,
          maxRows: 5,
          fields: [
            { key: "memberName", type: "text", label: { zh: "成员姓名" }, required: true },
            { key: "relation", type: "text", label: { zh: "与申请人关系" }, required: true },
          ],
        },
      ],
    },
    {
      id: "materials",
      title: { zh: "上传材料", en: "Materials" },
      fields: [{ key: "idProof", type: "file", label: { zh: "身份证明" }, required: true, materialCode: "id-proof" }],
    },
  ],
};

async function fillGuide(page: Page) {
  await page.getByRole("textbox", { name: "受理条件", exact: true }).fill("本市户籍居民，持有效身份证件。");
  await page.getByRole("textbox", { name: "需到现场的原因", exact: true }).fill("核验原件");
  await page.getByRole("textbox", { name: "窗口办理流程", exact: true }).fill("到政务服务中心窗口提交材料，当场受理。");
  await page.getByRole("textbox", { name: "咨询方式", exact: true }).fill("电话咨询：0826-12345");
  await page.getByRole("textbox", { name: "监督投诉方式", exact: true }).fill("投诉电话：0826-12345");
  await page.locator("#f-channels").getByLabel("网上办理").check();
  // An online form is offered from 互联网收件 on (the publish check refuses a form the depth does not promise).
  await page.locator("#f-onlineDepth").getByLabel("互联网收件").check();
  await page.getByLabel("可网上申请", { exact: true }).check();
  await page.getByRole("button", { name: "添加材料" }).click();
  const material = page.getByRole("group", { name: "材料 1" });
  await material.getByRole("textbox", { name: "材料名称", exact: true }).fill("身份证明");
  await material.getByRole("textbox", { name: /^材料编码/ }).fill("id-proof");
  await page.getByRole("button", { name: "添加网上申请表单" }).click();
  await page.getByRole("tab", { name: "以 JSON 编辑" }).click();
  await page.getByLabel("表单定义 JSON").fill(JSON.stringify(FORM, null, 2));
  await page.getByRole("button", { name: "应用 JSON" }).click();
  await expect(page.getByText("表单定义检查通过。")).toBeVisible();
}

test("an administrator builds an item with a form, a second one publishes it, a citizen fills it in", async ({
  page,
}) => {
  await signIn(page, "deptadmin");
  await page.goto("/admin/items/new");
  await page.getByLabel("基本目录事项").selectOption("000109010000");
  await page.getByLabel("实施编码").fill(CODE);
  await page.getByLabel("事项名称（选填）").fill(NAME);
  await page.getByRole("button", { name: "创建并编辑指南" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/items/${CODE}/edit`));

  // Submitting an incomplete guide names what is missing and keeps what was typed.
  await page.getByRole("textbox", { name: "受理条件", exact: true }).fill("本市户籍居民，持有效身份证件。");
  await page.getByRole("button", { name: "保存并提交审核" }).click();
  await expect(page.getByRole("alert").getByText("窗口办理流程")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "受理条件", exact: true })).toHaveValue(
    "本市户籍居民，持有效身份证件。",
  );

  await fillGuide(page);
  await page.getByRole("button", { name: "保存并提交审核" }).click();
  await expect(page.getByText(/等待审核/)).toBeVisible();
  // The author cannot publish their own version.
  await expect(page.getByText(/需由另一位管理员审核发布/)).toBeVisible();
  await expect(page.getByRole("button", { name: "审核通过并发布" })).toHaveCount(0);
  await signOut(page);

  // Not on the portal before it is published.
  expect((await page.goto(`/items/${CODE}`))?.status()).toBe(404);

  await signIn(page, "admin");
  await page.goto("/admin/reviews");
  await page
    .getByRole("row", { name: new RegExp(NAME) })
    .getByRole("link", { name: "审核" })
    .click();
  await expect(page.getByRole("table", { name: "首个版本的全部内容" })).toBeVisible();
  await page.getByRole("button", { name: "审核通过并发布" }).click();
  await expect(page.getByText(/当前发布 v1/)).toBeVisible();
  await signOut(page);

  await signIn(page, "13800138000");
  await page.goto(`/search?q=${encodeURIComponent(NAME)}`);
  await page.getByRole("link", { name: NAME }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: NAME })).toBeVisible();
  await page.getByRole("link", { name: "在线申请" }).click();
  await page.getByRole("button", { name: "开始申请" }).click();

  // Step 1: prefilled from the profile; the conditional field appears only when it applies.
  await expect(page.getByRole("heading", { name: "申请人信息" })).toBeVisible();
  await expect(page.getByLabel(/^申请人姓名/)).toHaveValue("王小明");
  await expect(page.getByLabel(/^代理人姓名/)).toHaveCount(0);
  await page.getByLabel("委托他人").check();
  await expect(page.getByLabel(/^代理人姓名/)).toBeVisible();
  await page.getByRole("button", { name: "下一步", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "代理人姓名" })).toBeVisible();
  await page.getByLabel(/^代理人姓名/).fill("王大明");
  await page.getByRole("button", { name: "下一步", exact: true }).click();

  // Step 2: a repeating group.
  await expect(page.getByRole("heading", { name: "家庭成员", level: 2 })).toBeVisible();
  await page
    .getByLabel(/成员姓名/)
    .first()
    .fill("王小红");
  await page
    .getByLabel(/与申请人关系/)
    .first()
    .fill("女儿");
  await page.getByRole("button", { name: "下一步", exact: true }).click();

  // Step 3: the upload bound to the material.
  await expect(page.getByRole("heading", { name: "上传材料" })).toBeVisible();
  await expect(page.getByText("身份证明").first()).toBeVisible();
});
