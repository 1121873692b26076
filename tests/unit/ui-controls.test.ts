import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement, createRef, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button, buttonClass } from "@/components/ui/button";
import { Input, inputClass, Select, Textarea } from "@/components/ui/input";

/**
 * components/ui/button.tsx and components/ui/input.tsx, rendered to HTML as the server sends it: the attributes a
 * caller gives reach the element unchanged (type, name, aria-*), the look comes from the variant and size, and the
 * error border follows aria-invalid. Anonymous portal pages run no React in the browser, so both files must work
 * as server components.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The attributes of the first tag, names in lower case as HTML reads them. */
function attributes(html: string): Record<string, string> {
  const tag = /^<\w+\b([^>]*)>/.exec(html)?.[1] ?? "";
  return Object.fromEntries(
    [...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((match) => [match[1]!.toLowerCase(), match[2]!]),
  );
}

function classOf(html: string): string[] {
  return /class="([^"]*)"/.exec(html)?.[1]?.split(" ") ?? [];
}

describe("Button", () => {
  it("renders a button with the caller's type, name, value and disabled state", () => {
    const html = renderToStaticMarkup(
      createElement(Button, { type: "submit", name: "intent", value: "sendCode", disabled: true }, "发送"),
    );
    expect(html).toMatch(/^<button [^>]*>发送<\/button>$/);
    expect(attributes(html)).toMatchObject({ type: "submit", name: "intent", value: "sendCode", disabled: "" });
    expect(classOf(html)).toEqual(
      expect.arrayContaining([
        "min-h-11",
        "px-4",
        "bg-brand-700",
        "text-white",
        "hover:bg-brand-800",
        "disabled:opacity-70",
      ]),
    );
  });

  it("adds the caller's layout classes and keeps a plain button a plain button", () => {
    const html = renderToStaticMarkup(
      createElement(Button, { type: "button", variant: "danger", size: "lg", className: "self-start" }, "撤回"),
    );
    expect(html).toContain('type="button"');
    expect(classOf(html)).toEqual(
      expect.arrayContaining(["min-h-12", "px-8", "text-lg", "border-accent-600", "text-accent-600", "self-start"]),
    );
    expect(classOf(html)).not.toContain("bg-brand-700");
  });

  it("gives links the same look through buttonClass", () => {
    expect(classOf(renderToStaticMarkup(createElement(Button, { type: "button" }))).join(" ")).toBe(buttonClass());
    const secondary = buttonClass({ variant: "secondary", className: "mt-4" }).split(" ");
    expect(secondary).toEqual(expect.arrayContaining(["inline-flex", "items-center", "border-brand-700", "mt-4"]));
    for (const variant of ["primary", "secondary", "danger", "accent", "quiet"] as const) {
      expect(
        buttonClass({ variant })
          .split(" ")
          .filter((name) => name.startsWith("hover:")),
        variant,
      ).not.toEqual([]);
    }
  });
});

describe("Input, Select and Textarea", () => {
  it("pass every attribute through and draw the resting border", () => {
    const html = renderToStaticMarkup(createElement(Input, { id: "q", name: "q", type: "date", maxLength: 10 }));
    expect(html).toMatch(/^<input [^>]*\/>$/);
    expect(attributes(html)).toMatchObject({ id: "q", name: "q", type: "date", maxlength: "10" });
    expect(classOf(html)).toEqual(expect.arrayContaining(["min-h-11", "border-2", "border-ink-muted", "bg-white"]));
  });

  it("draw the error border exactly when the control is aria-invalid", () => {
    const invalid = renderToStaticMarkup(createElement(Input, { "aria-invalid": true, "aria-describedby": "q-error" }));
    expect(invalid).toContain('aria-invalid="true"');
    expect(classOf(invalid)).toContain("border-accent-600");
    expect(classOf(invalid)).not.toContain("border-ink-muted");
    expect(classOf(renderToStaticMarkup(createElement(Textarea, { "aria-invalid": "true" })))).toContain(
      "border-accent-600",
    );
    expect(classOf(renderToStaticMarkup(createElement(Select, { "aria-invalid": false })))).toContain(
      "border-ink-muted",
    );
  });

  it("take a height and layout classes, and render a select's options and a textarea's rows", () => {
    const select = renderToStaticMarkup(
      createElement(Select, { name: "sort", size: "lg", className: "w-full", defaultValue: "b" }, [
        createElement("option", { key: "a", value: "a" }, "A"),
        createElement("option", { key: "b", value: "b" }, "B"),
      ]),
    );
    expect(classOf(select)).toEqual(expect.arrayContaining(["min-h-12", "w-full"]));
    expect(select).toContain('<option value="b" selected="">B</option>');
    const textarea = renderToStaticMarkup(createElement(Textarea, { name: "reason", rows: 3 }));
    expect(textarea).toMatch(/^<textarea [^>]*><\/textarea>$/);
    expect(attributes(textarea)).toMatchObject({ name: "reason", rows: "3" });
    expect(inputClass({ invalid: true, size: "lg", className: "font-mono" }).split(" ")).toEqual(
      expect.arrayContaining(["min-h-12", "border-accent-600", "font-mono"]),
    );
  });

  it("hand a ref to the element (React 19: ref is a prop)", () => {
    const ref = createRef<HTMLInputElement>();
    const element = Input({ ref, name: "q" }) as ReactElement<{ ref: unknown }>;
    expect(element.type).toBe("input");
    expect(element.props.ref).toBe(ref);
  });
});

describe("components/ui", () => {
  it('button and input work as server components: no "use client", no hooks', () => {
    for (const file of ["components/ui/button.tsx", "components/ui/input.tsx"]) {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      expect(source, file).not.toMatch(/^["']use client["']/m);
      expect(source, file).not.toMatch(/\buse[A-Z]\w*\(/);
    }
  });
});
