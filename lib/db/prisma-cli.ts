import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Runs the Prisma CLI with no network access. The CLI would download engine binaries it does not use with the
 * JS schema engine and the `client` query engine; pointing both variables at an existing file stops that
 * (see lib/db/migration-adapter.ts). CHECKPOINT_DISABLE stops the update check, which would call home too.
 */
export function runPrisma(args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  return spawnPrisma(args, extraEnv, "inherit").then(({ code }) => code);
}

/** Runs the Prisma CLI and returns what it printed on standard output. */
export async function capturePrisma(args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const { code, stdout } = await spawnPrisma(args, extraEnv, "pipe");
  if (code !== 0) throw new Error(`prisma ${args.join(" ")} failed with exit code ${code}`);
  return stdout;
}

function spawnPrisma(
  args: string[],
  extraEnv: Record<string, string>,
  stdout: "inherit" | "pipe",
): Promise<{ code: number; stdout: string }> {
  const cli = require.resolve("prisma/build/index.js");
  const placeholder = require.resolve("prisma/package.json");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      // The project root (prisma.config.ts, prisma/), wherever the command was started from.
      cwd: PROJECT_ROOT,
      stdio: ["ignore", stdout, "inherit"],
      env: {
        ...process.env,
        PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
        PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
        ...extraEnv,
      },
    });
    let printed = "";
    child.stdout?.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: printed }));
  });
}

/** Applies all committed migrations to the database at `url`. */
export async function migrateDeploy(url: string): Promise<void> {
  const code = await runPrisma(["migrate", "deploy"], { DATABASE_URL: url });
  if (code !== 0) throw new Error(`prisma migrate deploy failed with exit code ${code}`);
}
