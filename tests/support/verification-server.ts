import { CARD_CHECK_TEST_PORT, createCardCheckService } from "./verification-service";

// The card check service the end-to-end app is configured with (playwright.config.ts: IDENTITY_CHECK_URL).
const { server } = createCardCheckService();
server.listen(CARD_CHECK_TEST_PORT, "127.0.0.1", () =>
  console.log(`test card check service at http://127.0.0.1:${CARD_CHECK_TEST_PORT}/check`),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
