import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every server action answers through the one contract (app/_lib/action.ts, CONTRIBUTING.md "Add a server
 * action"): no action maps errors itself (isAppError, its own logging) or declares a result type of its own.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

function serverActionFiles(): string[] {
  return execFileSync("git", ["ls-files", "app", "components"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((file) => /\.tsx?$/.test(file))
    .filter((file) => /^\s*["']use server["']/.test(readFileSync(path.join(ROOT, file), "utf8")));
}

/** What in an action file's source departs from the contract. */
export function contractBreaches(source: string): string[] {
  const found: string[] = [];
  if (/\bisAppError\b/.test(source)) found.push("maps AppError itself (isAppError)");
  if (/from ["']@\/lib\/logger["']/.test(source)) found.push("logs failures itself (lib/logger)");
  for (const match of source.matchAll(/export type (\w+(?:State|Result|Outcome))\b[^=]*=\s*(\S+)/g))
    if (!match[2]!.startsWith("ActionResult<")) found.push(`declares its own result type ${match[1]}`);
  return found;
}

describe("server-action contract", () => {
  it("every server action file answers through runAction's result type", () => {
    const files = serverActionFiles();
    expect(files.length).toBeGreaterThan(30);
    const breaches = files.flatMap((file) =>
      contractBreaches(readFileSync(path.join(ROOT, file), "utf8")).map((breach) => `${file}: ${breach}`),
    );
    expect(breaches).toEqual([]);
  });

  it("notices a breach (the check can fail)", () => {
    expect(
      contractBreaches(`"use server";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
export type SaveState = { formError?: string };
export type SaveOutcome = ActionResult<{ revision: number }>;`),
    ).toEqual([
      "maps AppError itself (isAppError)",
      "logs failures itself (lib/logger)",
      "declares its own result type SaveState",
    ]);
  });
});
