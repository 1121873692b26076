import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an opened search result is counted without cookies, and an administrator follows an item's journey funnel, at desk and phone width", async ({
  page,
  browser,
}) => {
  // A visitor searches and opens the first result: the result page and the guide report it by beacon.
  const visitor = await browser.newContext();
  const portal = await visitor.newPage();
  await portal.goto("/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81");
  const first = portal.locator("a[data-result-position='1']");
  const href = await first.getAttribute("href");
  const code = decodeURIComponent(href!.split("/").pop()!);
  const counted = portal.waitForRequest(
    (request) => request.url().endsWith("/api/usage") && request.method() === "POST",
  );
  await first.click();
  await expect(portal).toHaveURL(new RegExp(`/items/${code}$`));
  await counted;
  // Counting sets no cookie: the visitor's browser holds none from the portal.
  expect(await visitor.cookies()).toEqual([]);
  await visitor.close();

  // The administrator opens the statistics, then the item's funnel from the journeys table.
  await signIn(page, "admin");
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/statistics");
  const journeys = page.getByRole("table", { name: "办事路径：浏览到提交（前20）" });
  await expect(journeys).toBeVisible();
  await expect(page.getByRole("table", { name: "转化率最低的网办事项：浏览多、提交少（前20）" })).toBeVisible();
  await journeys.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^办事路径：/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "各环节人数" })).toContainText("浏览办事指南");

  // The opened result reaches the item's funnel once the instance writes its counts (every few seconds).
  await expect
    .poll(
      async () => {
        await page.goto(`/admin/statistics/items/${encodeURIComponent(code)}`);
        return (await page.getByRole("table", { name: "从搜索结果打开的位置" }).count()) > 0;
      },
      { timeout: 30_000, intervals: [2_000] },
    )
    .toBe(true);
  // One click is below the reporting threshold: it shows as "<5", never as 1.
  await expect(page.getByRole("table", { name: "从搜索结果打开的位置" })).toContainText("<5");
  await page.screenshot({ path: test.info().outputPath("funnel-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByRole("heading", { level: 1, name: /^办事路径：/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("funnel-phone.png"), fullPage: true });
});
