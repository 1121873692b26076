import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The app's areas (portal, console, admin, API) import from themselves, `app/_lib`, `app/_actions`, `components/` and
 * `lib/` only: what two areas share lives in `components/` or `lib/` (ARCHITECTURE.md, Layers), `lib/` imports
 * nothing from `app/` or `components/`, and `components/` from an area only a type (erased
 * at build).
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const SPECIFIER = /(?:from|import)\s*\(?\s*["']([^"']+)["']/g;

function sourceFiles(): string[] {
  return execFileSync("git", ["ls-files", "app", "components", "lib", "*.ts", "*.tsx"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((file) => /^(app|components|lib)\/.*\.tsx?$/.test(file) && !file.startsWith("lib/generated/"));
}

/** The repository path an import points at, or null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return null;
}

/** "app/(portal)", "app/console", "app/admin", "app/api", or a shared place ("app/_lib", "components", "lib"). */
function place(file: string): string {
  const [top, second] = file.split("/");
  if (top !== "app") return top!;
  if (!second || second.startsWith("_") || !file.slice(4).includes("/")) return "app-shared";
  return `app/${second}`;
}

function crossings(files: string[], read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = place(file);
    for (const line of read(file).split("\n")) {
      for (const match of line.matchAll(SPECIFIER)) {
        const to = target(file, match[1]!);
        if (!to) continue;
        const into = place(to);
        const typeOnly = /^\s*import type\b/.test(line);
        const allowed =
          into === from ||
          !(into.startsWith("app") || into === "components") ||
          (into === "components" && from !== "lib") ||
          (into === "app-shared" && from !== "lib") ||
          (typeOnly && from === "components" && into.startsWith("app"));
        if (!allowed) found.push(`${file} → ${to}`);
      }
    }
  }
  return found;
}

describe("area boundaries", () => {
  it("no area imports from another, and lib imports nothing from app or components", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(300);
    const found = crossings(files, (file) => readFileSync(path.join(ROOT, file), "utf8"));
    expect(found).toEqual([]);
  });

  it("pages, actions and handlers reach the database only through lib/", () => {
    const importsDb = (file: string) =>
      [...readFileSync(path.join(ROOT, file), "utf8").matchAll(SPECIFIER)].some(
        (match) => target(file, match[1]!) === "lib/db/client",
      );
    expect(sourceFiles().filter((file) => file.startsWith("app/") && importsDb(file))).toEqual([]);
  });

  it("finds a crossing when there is one (the check can fail)", () => {
    const sources: Record<string, string> = {
      "app/console/supervision/page.tsx": 'import { NoteForm } from "@/app/admin/supervision/_components/note-form";',
      "app/(portal)/stats/page.tsx": 'import { X } from "../../admin/statistics/x";',
      "lib/cases/x.ts": 'import { y } from "../../app/_lib/action";',
      "app/admin/page.tsx":
        'import { runAction } from "@/app/_lib/action";\nimport { Field } from "@/components/form/field";',
    };
    expect(crossings(Object.keys(sources), (file) => sources[file]!)).toEqual([
      "app/console/supervision/page.tsx → app/admin/supervision/_components/note-form",
      "app/(portal)/stats/page.tsx → app/admin/statistics/x",
      "lib/cases/x.ts → app/_lib/action",
    ]);
  });
});
