import { test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded";

/**
 * A connection to the database of the running end-to-end server (the embedded PostgreSQL of .data/e2e), opened before
 * the spec's tests and closed after them, for setting up what no page can (a slot starting in minutes) and checking
 * what was stored. Call at the top level of a spec file; use the returned function inside tests.
 */
export function connectE2eDatabase(): () => pg.Client {
  let client: pg.Client | undefined;
  test.beforeAll(async () => {
    const database = await startEmbeddedPostgres({ dataDir: ".data/e2e" });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  test.afterAll(async () => {
    await client?.end();
  });
  return () => {
    if (!client) throw new Error("the e2e database is not connected yet");
    return client;
  };
}
