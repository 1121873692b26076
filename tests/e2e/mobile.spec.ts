import { expect, test } from "@playwright/test";

// A 360 px phone: nothing may force sideways scrolling, and the main actions stay reachable.
for (const path of ["/", "/login", "/register", "/departments", "/search?q=社保"]) {
  test(`${path} fits a 360 px screen`, async ({ page }) => {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  });
}

test("an item guide fits a 360 px screen", async ({ page }) => {
  await page.goto("/");
  await page.locator("section[aria-labelledby=popular] li a").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "基本信息" })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
