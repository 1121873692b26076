// `npm test`: every gate, in order — types, lint, unit and integration tests (real PostgreSQL), the production
// build, and the end-to-end tests in Chromium against it. Stops at the first failing step.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { assertSupportedNode } from "../lib/runtime/node-version";

assertSupportedNode();

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const counts = { passed: 0, failed: 0, skipped: 0 };

function run(label: string, command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  console.log(`\n▶ ${label}: ${command} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
    child.on("exit", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

/** Counts Vitest's results; false when the run cannot be trusted (no report, no tests, or a failure). */
function countVitest(): boolean {
  const report = readJson<{
    success: boolean;
    numTotalTests: number;
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }>("test-results/vitest.json");
  if (!report) return false;
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
  // Vitest can exit 0 after an unhandled error that ran no test at all: that is a failure here.
  return report.success && report.numTotalTests > 0;
}

function countPlaywright() {
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
    "test-results/playwright.json",
  );
  if (!report) return;
  counts.passed += report.stats.expected + report.stats.flaky;
  counts.failed += report.stats.unexpected;
  counts.skipped += report.stats.skipped;
}

function finish(code: number): never {
  console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(code);
}

await rm("test-results", { recursive: true, force: true });
await mkdir("test-results", { recursive: true });

const steps: [string, string, string[], Record<string, string>?][] = [
  ["route types", "npx", ["next", "typegen"]],
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", ".", "--max-warnings=0"]],
  ["format", "npx", ["prettier", "--check", "."]],
];
for (const [label, command, args] of steps) {
  const code = await run(label, command, args);
  if (code !== 0) finish(code);
}

const vitest = await run("unit and integration tests", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
]);
const vitestTrusted = countVitest();
if (vitest !== 0 || !vitestTrusted) finish(vitest || 1);

// The e2e server gets a fresh embedded database each run.
await rm(".data/e2e", { recursive: true, force: true });
const build = await run("production build", "npx", ["next", "build"], { NODE_ENV: "production" });
if (build !== 0) finish(build);

const e2e = await run("end-to-end tests", "npx", ["playwright", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/playwright.json",
});
countPlaywright();
finish(e2e);
