import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

test.describe("portal", () => {
  test("home page: search, most used items, themes and departments; an item guide opens", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("search")).toBeVisible();
    await expect(page.getByRole("heading", { name: "高频事项" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "个人办事" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "法人办事" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const firstItem = page.locator("section[aria-labelledby=popular] li a").first();
    const name = (await firstItem.textContent()) ?? "";
    await firstItem.click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    for (const section of ["基本信息", "受理条件", "办理流程", "设定依据", "办理地点和时间", "咨询和监督投诉"]) {
      await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
    }
    await expectNoSeriousA11yViolations(page);
  });

  test("search finds items and says so when nothing matches", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("搜索政务服务事项").fill("营业执照");
    await page.getByRole("button", { name: "搜索" }).click();
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByText(/“营业执照”的搜索结果/)).toBeVisible();
    await page.goto(`/search?q=${encodeURIComponent("完全不存在的事项名称")}`);
    await expect(page.getByText(/没有找到与/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "高频事项" })).toBeVisible();
  });

  test("the language switch and large-text mode work and are remembered", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/departments");
    await expect(page.getByRole("heading", { level: 1, name: "Departments" })).toBeVisible();
    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

    await page.goto("/?lang=en");
    await expect(page.getByRole("heading", { name: "Most used services" })).toBeVisible();
    await page.goto("/?lang=zh");

    await page.getByRole("button", { name: "长辈模式（大字体）" }).click();
    await expect(page.locator("html")).toHaveClass(/display-large/);
    const large = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(large).toBe("20px");
    await page.goto("/search");
    await expect(page.locator("html")).toHaveClass(/display-large/);
    await page.getByRole("button", { name: "标准模式" }).click();
    await expect(page.locator("html")).not.toHaveClass(/display-large/);
  });
  test("an item guide in English says its text is Chinese and marks it so, with English lists and labels", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/?lang=en");
    await page.locator("section[aria-labelledby=popular] li a").first().click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("note").filter({ hasText: "This guide is published in Chinese" })).toBeVisible();
    // The guide's own text is Chinese, marked as such; the page's labels and lists are English.
    const conditions = page.locator("#conditions p").first();
    await expect(conditions).toHaveAttribute("lang", "zh-CN");
    await expect(page.locator("#contacts [lang=zh-CN]").first()).toBeVisible();
    const basic = page.locator("#basic");
    await expect(basic).not.toContainText("、");
    // Counts in English agree with their number (no "1 working days", no "copy(ies)").
    await expect(page.locator("#materials")).not.toContainText("(ies)");
    await expect(page.locator("main")).not.toContainText(/\b1 (working|calendar) days\b/);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath("guide-en-375.png"), fullPage: true });
    await page.goto("/?lang=zh");
  });
});

test.describe("filters", () => {
  test("filters narrow the list, stay in the address, and invalid ones are ignored with a notice", async ({ page }) => {
    await page.goto("/search");
    await page.getByLabel("服务对象").selectOption("ENTERPRISE");
    await page.getByLabel("只看全程网办").check();
    await page.getByRole("button", { name: "搜索" }).click();
    await expect(page).toHaveURL(/audience=ENTERPRISE/);
    await expect(page).toHaveURL(/online=1/);
    await expect(page.getByText(/共 \d+ 项/)).toBeVisible();
    await expect(page.getByLabel("只看全程网办")).toBeChecked();

    await page.goto("/search?region=not-a-region&fee=free");
    await expect(page.getByRole("status").filter({ hasText: "已忽略：region" })).toBeVisible();
    await expect(page.getByText(/共 \d+ 项/)).toBeVisible();
  });
});

test.describe("regions, structured data and open data", () => {
  test("the region switcher scopes the home page and region pages list what is below", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("所在地区").selectOption("511602000000");
    await page.getByRole("button", { name: "切换" }).click();
    await expect(page.locator("section[aria-labelledby=popular] li p").first()).toContainText("广安区");
    await expect(page.getByLabel("所在地区")).toHaveValue("511602000000");
    const places = await page.locator("section[aria-labelledby=popular] li p").allTextContents();
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) expect(place).toContain("广安区");
    // The choice scopes searches and theme lists too.
    await page.goto("/search?q=sfz");
    await expect(page.locator("#filter-region")).toHaveValue("511602000000");
    const scoped = await page.locator("main ul.divide-y > li > p").first().textContent();
    expect(scoped).toContain("广安区");
    await page.goto("/");
    await page.getByLabel("所在地区").selectOption("");
    await page.getByRole("button", { name: "切换" }).click();

    await page.goto("/regions/511600000000");
    await expect(page.getByRole("heading", { level: 1, name: "广安市" })).toBeVisible();
    await expect(page.getByRole("link", { name: "岳池县", exact: true })).toBeVisible();
    expect((await page.goto("/regions/999999999999"))?.status()).toBe(404);
  });

  test("item pages carry schema.org GovernmentService data, and the sitemap and exports list the catalogue", async ({
    page,
    request,
  }) => {
    await page.goto("/");
    await page.locator("section[aria-labelledby=popular] li a").first().click();
    const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
    expect(data["@type"]).toBe("GovernmentService");
    expect(data.provider["@type"]).toBe("GovernmentOrganization");

    const sitemap = await request.get("/sitemap.xml");
    expect(sitemap.status()).toBe(200);
    expect(await sitemap.text()).toContain("/items/");

    const csv = await request.get("/api/v1/export/items.csv");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toContain("code,name,nameEn");
    expect(lines.length).toBeGreaterThan(200);
    const json = await (await request.get("/api/v1/export/items.json")).json();
    expect(json.total).toBe(lines.length - 1);
  });
});

test("item guides read without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/search?q=sfz");
  await page
    .getByRole("link", { name: /居民身份证申领/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "居民身份证申领、换领、补领" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "申请材料" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "办理地点和时间" })).toBeVisible();
  await context.close();
});
