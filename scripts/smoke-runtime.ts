// The quick check on a second Node.js LTS line (issue 24; .ci/run runs it under Node 22 after `npm test` ran the
// whole suite under the Node 24 that `npm install` brings): typecheck, unit tests, then `npm start`'s script on an
// existing build with its own embedded database, until /api/health answers 200. Every child runs on this very
// Node (process.execPath), whatever node_modules/.bin/node is.
//   node node_modules/tsx/dist/cli.mjs scripts/smoke-runtime.ts
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { assertSupportedNode } from "../lib/runtime/node-version";

assertSupportedNode();
// The tools' entry files by path: their packages do not all export them (vitest/vitest.mjs is not in "exports").
const bin = (file: string) => path.resolve("node_modules", file);
const node = process.execPath;
const port = Number(process.env.SMOKE_PORT ?? 3290);
const dataDir = path.resolve(".data", "smoke-runtime");

function run(label: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  console.log(`\n▶ [Node ${process.versions.node}] ${label}`);
  return new Promise((resolve) => {
    const child = spawn(node, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function healthy(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const status = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (answer) => answer.status,
      () => 0,
    );
    if (status === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}

if ((await run("typecheck", [bin("typescript/bin/tsc"), "--noEmit"])) !== 0) process.exit(1);
if ((await run("unit tests", [bin("vitest/vitest.mjs"), "run", "--project", "unit"])) !== 0) process.exit(1);

await rm(dataDir, { recursive: true, force: true });
console.log(`\n▶ [Node ${process.versions.node}] start (existing build) and health on port ${port}`);
const server = spawn(node, [bin("tsx/dist/cli.mjs"), "scripts/start.ts", "--no-build"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: String(port),
    ONEWINDOW_DATA_DIR: dataDir,
    NEXTAUTH_URL: `http://localhost:${port}`,
    DATABASE_URL: "",
  },
  detached: true,
});
const ok = await healthy(Date.now() + 180_000);
process.kill(-(server.pid ?? 0), "SIGTERM");
await new Promise((resolve) => server.on("exit", resolve));
await rm(dataDir, { recursive: true, force: true });
console.log(
  ok
    ? `\nsmoke: Node ${process.versions.node} passed (typecheck, unit tests, start, health)`
    : `\nsmoke: Node ${process.versions.node}: /api/health did not answer 200`,
);
process.exit(ok ? 0 : 1);
