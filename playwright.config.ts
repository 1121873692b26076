import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { CARD_CHECK_TEST_PORT, CARD_CHECK_TEST_TOKEN, CARD_CHECK_TEST_URL } from "./tests/support/verification-service";
import { testDataKey } from "./tests/support/data-key";
import {
  OIDC_TEST_ACR_LEVELS,
  OIDC_TEST_CLIENT_ID,
  OIDC_TEST_CLIENT_SECRET,
  OIDC_TEST_ISSUER,
  OIDC_TEST_PORT,
} from "./tests/support/oidc-test-provider";

/**
 * End-to-end tests against the production build, served by the same start script users run, on its own
 * embedded database (.data/e2e, rebuilt per run by scripts/test.ts). Debian's Chromium is used when present
 * (this project's CI and isolated networks cannot download Playwright's browser); elsewhere Playwright's own.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: systemChromium
      ? {
          executablePath: systemChromium,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        }
      : {},
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /mobile\.spec\.ts/ },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], viewport: { width: 360, height: 780 } },
      testMatch: /mobile\.spec\.ts/,
    },
  ],
  webServer: [
    {
      // The unified identity service the app signs people in through (tests/e2e/oidc.spec.ts): a real OpenID Connect
      // provider on its own port, with the app as its one client.
      command: "npx tsx tests/support/oidc-provider-server.ts",
      url: `${OIDC_TEST_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { E2E_PORT: String(PORT), E2E_OIDC_PORT: String(OIDC_TEST_PORT) },
    },
    {
      // The card check and e-business-licence services (tests/e2e/identity.spec.ts, companies.spec.ts), speaking the
      // app's HTTP contracts.
      command: "npx tsx tests/support/verification-server.ts",
      url: `${CARD_CHECK_TEST_URL}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { E2E_CARD_CHECK_PORT: String(CARD_CHECK_TEST_PORT) },
    },
    {
      command: "npx tsx scripts/start.ts --no-build",
      url: `http://localhost:${PORT}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        ONEWINDOW_DATA_DIR: ".data/e2e",
        ONEWINDOW_SEED: "demo",
        // Fixed test key (or ONEWINDOW_DATA_KEY): specs find demo accounts by their phone hash (tests/support/data-key.ts).
        ONEWINDOW_DATA_KEY: testDataKey(),
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        // Text messages go to .data/e2e/sms-outbox.jsonl, where specs read the one-time codes (tests/e2e/helpers.ts).
        SMS_PROVIDER: "file",
        // Every spec's browser comes from one address; the limits themselves are tested in tests/integration.
        SMS_CODES_PER_ADDRESS_PER_HOUR: "200",
        REGISTRATIONS_PER_ADDRESS_PER_HOUR: "200",
        PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: "200",
        OIDC_ISSUER: OIDC_TEST_ISSUER,
        OIDC_CLIENT_ID: OIDC_TEST_CLIENT_ID,
        OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT_SECRET,
        OIDC_ACR_LEVELS: JSON.stringify(OIDC_TEST_ACR_LEVELS),
        IDENTITY_CHECK_URL: `${CARD_CHECK_TEST_URL}/check`,
        IDENTITY_CHECK_TOKEN: CARD_CHECK_TEST_TOKEN,
        E_BUSINESS_LICENCE_URL: `${CARD_CHECK_TEST_URL}/ebl`,
        E_BUSINESS_LICENCE_TOKEN: CARD_CHECK_TEST_TOKEN,
      },
    },
  ],
});
