import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./helpers";

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

test.describe("catalogue search", () => {
  test("pinyin initials find the ID card, with highlights and facets that refine", async ({ page }) => {
    await page.goto("/search?q=sfz");
    const first = page.locator("main ul li a").filter({ hasText: "居民身份证申领" }).first();
    await expect(first).toBeVisible();
    await expect(first.locator("mark")).not.toHaveCount(0);
    await expect(page.getByRole("heading", { name: "筛选结果" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("complementary").getByRole("link").first().click();
    await expect(page).toHaveURL(/(department|region|theme|audience|onlineDepth)=/);
    await expect(page.getByRole("link", { name: /取消筛选/ })).toBeVisible();
  });

  test("a typo still finds the item and says what it found", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent("住房公积金提耿")}`);
    await expect(page.getByText(/以下是“住房公积金提取”等相近的结果/)).toBeVisible();
  });

  test("suggestions are offered while typing", async ({ page }) => {
    await page.goto("/");
    const box = page.getByLabel("搜索政务服务事项");
    await box.fill("gjj");
    await expect(page.locator("datalist option").first()).toHaveAttribute("value", /公积金/);
  });

  test("theme and department lists meet WCAG AA", async ({ page }) => {
    await page.goto("/themes/social-insurance");
    await expect(page.getByRole("heading", { level: 1, name: "社会保险" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.goto("/departments");
    await expectNoSeriousA11yViolations(page);
  });

  test("administrators see searches that found nothing and maintain synonyms that take effect", async ({ page }) => {
    // Five people search for it: a text searched fewer times is never shown (it could be someone's name).
    for (let i = 0; i < 5; i++) {
      await page.goto(`/search?q=${encodeURIComponent("量子纠缠办证")}`);
      await expect(page.getByText(/没有找到与/)).toBeVisible();
    }

    await signIn(page, "admin");
    await expect(page).toHaveURL(/\/admin$/);
    await page.getByRole("link", { name: "搜索管理" }).click();
    await expect(page).toHaveURL(/\/admin\/search$/);
    // Searches are counted in memory and written every few seconds.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByRole("cell", { name: "量子纠缠办证" }).count();
        },
        { timeout: 30_000, intervals: [2_000] },
      )
      .toBe(1);
    // Another period, chosen as a phone user would; the list follows it, and the choice is marked.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole("navigation", { name: "时间范围" }).getByRole("link", { name: "近 7 天" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "近 7 天无结果的搜索词" })).toBeVisible();
    await expect(page.getByRole("link", { name: "近 7 天" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("cell", { name: "量子纠缠办证" })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("search-admin-phone.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    const add = page.locator("form").filter({ has: page.getByRole("button", { name: "添加同义词组" }) });
    await add.getByLabel("同义词（用逗号分隔）").fill("只有一个词");
    await add.getByRole("button", { name: "添加同义词组" }).click();
    await expect(add.getByText("同义词组至少需要两个不同的词。")).toBeVisible();
    await expect(add.getByLabel("同义词（用逗号分隔）")).toHaveValue("只有一个词");

    await add.getByLabel("同义词（用逗号分隔）").fill("娃娃上学，新生入学");
    await add.getByRole("button", { name: "添加同义词组" }).click();
    await expect(page.getByRole("button", { name: "删除“娃娃上学、新生入学”" }).first()).toBeVisible();

    await page.goto(`/search?q=${encodeURIComponent("娃娃上学")}`);
    await expect(page.getByRole("link", { name: /义务教育阶段新生入学登记/ }).first()).toBeVisible();
  });
});
