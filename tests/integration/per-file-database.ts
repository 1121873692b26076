import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { testDataKey } from "../support/data-key";
import { createDatabase, dropDatabase } from "../support/databases";

// Each test file runs against its own copy of the seeded template; lib/env reads DATABASE_URL from here.
const serverUrl = inject("serverUrl");
const name = `onewindow_test_${randomBytes(6).toString("hex")}`;
process.env.DATABASE_URL = await createDatabase(serverUrl, name, "onewindow_test_seeded");
// The key the global setup seeded with (ID numbers and phones are encrypted: lib/security/pii.ts).
process.env.ONEWINDOW_DATA_KEY = testDataKey();
// Expected failures (an unreachable database in the health test) log warnings; tests show only errors.
process.env.LOG_LEVEL ??= "error";
// Webhook receivers in these tests are local HTTP servers on 127.0.0.1; every other forbidden address (link-local,
// metadata, "this network") stays refused (lib/api/webhook-transport.ts, its unit test covers loopback refused).
process.env.WEBHOOK_ALLOW_LOOPBACK = "true";

afterAll(async () => {
  const { db } = await import("../../lib/db/client");
  await db().$disconnect();
  await dropDatabase(serverUrl, name);
});
