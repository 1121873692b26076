import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrateDeploy } from "../../lib/db/prisma-cli";
import { setDataKey } from "../../lib/security/pii";
import { seedDemo } from "../../prisma/seed/seed";
import { testDataKey } from "../support/data-key";
import { createDatabase, dropDatabase } from "../support/databases";

/**
 * One real PostgreSQL for the integration run: DATABASE_URL's server when set, otherwise a throw-away embedded
 * cluster. Two template databases are built once from the migrations (one empty, one with the demo seed);
 * every test file then gets its own copy (tests/integration/per-file-database.ts).
 */
export const EMPTY_TEMPLATE = "onewindow_test_empty";
export const SEEDED_TEMPLATE = "onewindow_test_seeded";

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  // The data key that encrypts ID numbers and phones: the seed here, and every test file's worker (which inherits
  // this environment; tests/integration/per-file-database.ts), use the same one.
  process.env.ONEWINDOW_DATA_KEY = testDataKey();
  setDataKey(process.env.ONEWINDOW_DATA_KEY);
  // One folder per run, so two runs on one machine (two developers' checkouts, a watch and a full run) never
  // share or delete each other's cluster.
  const dataDir = path.resolve(".data", `test-${process.pid}`);
  let stop = async () => undefined as void;
  let serverUrl: string;
  if (external) {
    serverUrl = external;
  } else {
    await rm(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dataDir, database: "postgres", persistent: false });
    serverUrl = server.url;
    stop = server.stop;
  }
  for (const template of [EMPTY_TEMPLATE, SEEDED_TEMPLATE]) await dropDatabase(serverUrl, template);
  const emptyUrl = await createDatabase(serverUrl, EMPTY_TEMPLATE);
  await migrateDeploy(emptyUrl);
  const seededUrl = await createDatabase(serverUrl, SEEDED_TEMPLATE, EMPTY_TEMPLATE);
  await seedDemo(seededUrl);
  project.provide("serverUrl", serverUrl);
  return async () => {
    if (external) for (const template of [EMPTY_TEMPLATE, SEEDED_TEMPLATE]) await dropDatabase(serverUrl, template);
    await stop();
    if (!external) await rm(dataDir, { recursive: true, force: true });
  };
}
