import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

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
