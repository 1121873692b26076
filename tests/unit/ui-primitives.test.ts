import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Boxes that scroll go through components/ui/scroll-region.tsx, which a keyboard can reach and a screen reader
 * names: wide tables on phones were scrollable regions nobody without a mouse could scroll (WCAG 2.1 AA, see
 * docs/domain-reference.md). A scrolling class written anywhere else in a page or component is refused.
 * Buttons and text inputs take their look from components/ui/button.tsx and components/ui/input.tsx: some 60
 * hand-written copies had drifted apart (hover colours missing, opacity 60 here and 70 there, error borders that
 * did not follow aria-invalid). A class string that rebuilds either look elsewhere is refused.
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

/** The class names on one line, split at quotes, braces, `${`, and spaces. */
function classNames(line: string): Set<string> {
  return new Set(line.split(/[^\w:\-[\]#/.%]+/).filter(Boolean));
}

/**
 * The button look: a 44/48px-high rounded box (`min-h-11`/`min-h-12`) in one of the button colour pairs, filled
 * (`bg-brand-700`/`bg-accent-600` with `text-white`) or outlined (`border-brand-700` with `text-brand-700`,
 * `border-accent-600` with `text-accent-600`). Boxes, badges and tabs lack the height or the rounded corners.
 */
function isButtonLook(names: Set<string>): boolean {
  if (!names.has("rounded") || !(names.has("min-h-11") || names.has("min-h-12"))) return false;
  return [
    ["bg-brand-700", "text-white"],
    ["bg-accent-600", "text-white"],
    ["border-brand-700", "text-brand-700"],
    ["border-accent-600", "text-accent-600"],
  ].some((pair) => pair.every((name) => names.has(name)));
}

/**
 * The text-input look: a white box with a 2px border in the input's colours (`border-ink-muted`, or
 * `border-accent-600` in error) and side padding. Notices and images with that border have no `px-*`.
 */
function isInputLook(names: Set<string>): boolean {
  return (
    names.has("border-2") &&
    names.has("bg-white") &&
    (names.has("border-ink-muted") || names.has("border-accent-600")) &&
    [...names].some((name) => /^px-\d/.test(name))
  );
}

export function handWrittenLooks(files: Record<string, string>): { buttons: string[]; inputs: string[] } {
  const found = { buttons: [] as string[], inputs: [] as string[] };
  for (const [file, source] of Object.entries(files)) {
    if (file.startsWith("components/ui/")) continue;
    source.split("\n").forEach((line, index) => {
      const names = classNames(line);
      if (isButtonLook(names)) found.buttons.push(`${file}:${index + 1}`);
      if (isInputLook(names)) found.inputs.push(`${file}:${index + 1}`);
    });
  }
  return found;
}

function pagesAndComponents(): Record<string, string> {
  const files = execFileSync("git", ["ls-files", "app", "components"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((file) => file.endsWith(".tsx"));
  expect(files.length).toBeGreaterThan(100);
  return Object.fromEntries(files.map((file) => [file, readFileSync(path.join(ROOT, file), "utf8")]));
}

describe("UI primitives", () => {
  it("every sideways-scrolling box is a ScrollRegion", () => {
    expect(scrollingBoxesOutsideTheRegion(pagesAndComponents())).toEqual([]);
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

  it("every button and text input takes its look from components/ui", () => {
    expect(handWrittenLooks(pagesAndComponents())).toEqual({ buttons: [], inputs: [] });
  });

  it("notices a hand-written button or input (the check can fail)", () => {
    expect(
      handWrittenLooks({
        "app/x/page.tsx": [
          '<button type="submit" className="min-h-11 rounded bg-brand-700 px-4 font-semibold text-white">',
          '<Link href="/a" className="inline-flex min-h-12 items-center rounded border-2 border-brand-700 text-brand-700">',
          'const DANGER = "min-h-11 rounded border-2 border-accent-600 px-3 text-accent-600";',
          '<input className={`min-h-11 rounded border-2 bg-white px-3 ${error ? "border-accent-600" : "border-ink-muted"}`} />',
        ].join("\n"),
        "app/y/page.tsx": [
          // Not buttons or inputs: a badge, a notice box, a file input's button, a tab.
          '<span className="mr-2 rounded bg-brand-700 px-2 py-0.5 text-sm text-white">',
          '<div role="alert" className="rounded border-4 border-accent-600 p-3">',
          '<input type="file" className="min-h-12 w-full rounded bg-white p-2 file:bg-brand-700 file:text-white" />',
          '<button className="min-h-11 px-4 font-semibold border-b-4 border-brand-700 text-brand-700">',
          '<img className="rounded border-2 border-ink-muted bg-white" />',
        ].join("\n"),
        "components/ui/button.tsx": 'primary: "min-h-11 rounded border-brand-700 bg-brand-700 text-white",',
      }),
    ).toEqual({ buttons: ["app/x/page.tsx:1", "app/x/page.tsx:2", "app/x/page.tsx:3"], inputs: ["app/x/page.tsx:4"] });
  });
});
