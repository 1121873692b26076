import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * Runs the Prisma CLI with no network access. The CLI would download engine binaries it does not use with the
 * JS schema engine and the `client` query engine; pointing both variables at an existing file stops that
 * (see lib/db/migration-adapter.ts). CHECKPOINT_DISABLE stops the update check, which would call home too.
 */
export function runPrisma(args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  const cli = require.resolve("prisma/build/index.js");
  const placeholder = require.resolve("prisma/package.json");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: path.resolve(path.dirname(cli), "..", "..", ".."),
      stdio: "inherit",
      env: {
        ...process.env,
        PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
        PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
        ...extraEnv,
      },
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** Applies all committed migrations to the database at `url`. */
export async function migrateDeploy(url: string): Promise<void> {
  const code = await runPrisma(["migrate", "deploy"], { DATABASE_URL: url });
  if (code !== 0) throw new Error(`prisma migrate deploy failed with exit code ${code}`);
}
