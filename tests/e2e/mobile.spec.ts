import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

/** Serious or critical WCAG 2.1 A/AA violations axe finds on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

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

// Wide tables scroll sideways on a phone inside a region the keyboard can reach (components/ui/scroll-region.tsx).
for (const path of ["/stats", "/satisfaction"]) {
  test(`${path} at 360 px: its tables scroll by keyboard, and axe finds nothing serious`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("an item guide's steps table scrolls by keyboard at 360 px, and axe finds nothing serious", async ({ page }) => {
  await page.goto("/");
  await page.locator("section[aria-labelledby=popular] li a").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "基本信息" })).toBeVisible();
  const steps = page.getByRole("region", { name: "办理环节" });
  await steps.focus();
  await expect(steps).toBeFocused();
  const before = await steps.evaluate((element) => element.scrollLeft);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => steps.evaluate((element) => element.scrollLeft)).toBeGreaterThan(before);
  await steps.screenshot({ path: test.info().outputPath("steps-focused.png") });
  expect(await seriousViolations(page)).toEqual([]);
});
