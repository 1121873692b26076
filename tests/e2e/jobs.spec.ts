import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

test("a platform administrator finds the background jobs, each on time on this instance, at desk and phone width", async ({
  page,
}) => {
  await signIn(page, "admin", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "后台任务" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "后台任务" })).toBeVisible();
  // The audit seal runs every second in the instance's jobs process: its first round is recorded at once. Rows of
  // instances that other specs started and stopped stay (late), so this instance's row is picked by its port.
  const port = new URL(page.url()).port;
  await expect
    .poll(
      async () => {
        await page.reload();
        return page
          .getByRole("row")
          .filter({ hasText: "audit-seal" })
          .filter({ hasText: `:${port}` })
          .getByTestId("job-health-audit-seal")
          .innerText();
      },
      { timeout: 30_000 },
    )
    .toContain("按时运行");
  await expect(page.getByRole("table", { name: "各实例的任务状态" })).toContainText("按顺序封存已提交的审计日志");
  await page.screenshot({ path: test.info().outputPath("jobs-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByRole("heading", { level: 1, name: "后台任务" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("jobs-phone.png"), fullPage: true });
});
