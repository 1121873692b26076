import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a department administrator suspends an item with a public notice, and resumes it", async ({ page, browser }) => {
  await signIn(page, "deptadmin");
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "事项", exact: true }).click();
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: /暂停办理/ }) })
    .first();
  const href = (await row.getByRole("link").first().getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/items\//);

  // A visitor reads the guide first, so the page is held in the page cache (lib/cache/public-pages.ts): the second
  // answer comes from there (tests/e2e/authz-headers.spec.ts checks it runs without a violation). The suspension
  // below must still show at once.
  const reader = await browser.newPage();
  await reader.goto(href);
  const held = await reader.goto(href);
  const policy = held?.headers()["content-security-policy"] ?? "";
  // A catalogue page: plain HTML, scripts only from 'self' (public/enhance.js), no inline script allowed.
  expect(policy).toMatch(/script-src 'self';/);
  expect(policy.split("; ").find((directive) => directive.startsWith("script-src"))).not.toContain("unsafe-inline");
  await expect(reader.getByRole("heading", { level: 2, name: "基本信息" })).toBeVisible();
  await reader.close();

  // Without the confirmation ticked the browser does not send the form (the box is required).
  await row.getByRole("textbox").fill("维护");
  await row.getByRole("button", { name: /暂停办理/ }).click();
  expect(await row.getByRole("checkbox").evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);
  await row.getByRole("checkbox").check();
  await row.getByRole("button", { name: /暂停办理/ }).click();
  await expect(page.getByText("请写明暂停原因和预计恢复时间（至少 10 个字）。")).toBeVisible();
  await expect(page.getByRole("textbox").first()).toHaveValue("维护");

  await page.getByRole("textbox").first().fill("系统升级维护，暂停受理，预计下周一恢复。");
  await page
    .getByRole("checkbox", { name: /我确认暂停该事项/ })
    .first()
    .check();
  await page
    .getByRole("button", { name: /暂停办理/ })
    .first()
    .click();
  const suspendedRow = page.getByRole("row").filter({ hasText: "系统升级维护" });
  await expect(suspendedRow.getByText("已暂停")).toBeVisible();

  // Anyone opening the item's address sees the notice instead of the guide.
  const visitor = await browser.newPage();
  await visitor.goto(href);
  await expect(visitor.getByRole("heading", { name: "本事项暂停办理" })).toBeVisible();
  await expect(visitor.getByText("系统升级维护，暂停受理，预计下周一恢复。")).toBeVisible();
  await visitor.close();

  await suspendedRow.getByRole("button", { name: /恢复办理/ }).click();
  await expect(page.getByRole("row").filter({ hasText: "系统升级维护" })).toHaveCount(0);
  const again = await browser.newPage();
  await again.goto(href);
  await expect(again.getByRole("heading", { level: 2, name: "基本信息" })).toBeVisible();
  await again.close();
});
