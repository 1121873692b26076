import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Boxes that scroll go through components/ui/scroll-region.tsx, which a keyboard can reach and a screen reader
 * names: wide tables on phones were scrollable regions nobody without a mouse could scroll (WCAG 2.1 AA, see
 * docs/domain-reference.md). A scrolling class written anywhere else in a page or component is refused.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCROLLING = /\boverflow(?:-[xy])?-(?:auto|scroll)\b/;

export function scrollingBoxesOutsideTheRegion(files: Record<string, string>): string[] {
  return Object.entries(files)
    .filter(([file]) => file !== "components/ui/scroll-region.tsx")
    .flatMap(([file, source]) =>
      source
        .split("\n")
        .map((line, index) => (SCROLLING.test(line) ? `${file}:${index + 1}` : null))
        .filter((found): found is string => found !== null),
    );
}

describe("UI primitives", () => {
  it("every sideways-scrolling box is a ScrollRegion", () => {
    const files = execFileSync("git", ["ls-files", "app", "components"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter((file) => file.endsWith(".tsx"));
    expect(files.length).toBeGreaterThan(100);
    const sources = Object.fromEntries(files.map((file) => [file, readFileSync(path.join(ROOT, file), "utf8")]));
    expect(scrollingBoxesOutsideTheRegion(sources)).toEqual([]);
  });

  it("notices one (the check can fail)", () => {
    expect(
      scrollingBoxesOutsideTheRegion({
        "app/x/page.tsx": '<p>a</p>\n<div className="mt-4 overflow-x-auto">',
        "app/y/page.tsx": '<div className="overflow-y-scroll">',
        "components/ui/scroll-region.tsx": 'className="relative overflow-x-auto"',
      }),
    ).toEqual(["app/x/page.tsx:2", "app/y/page.tsx:1"]);
  });
});
