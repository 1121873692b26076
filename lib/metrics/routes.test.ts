import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appRoutePatterns, OTHER_ROUTE, routeTable } from "./routes";

const dir = mkdtempSync(path.join(tmpdir(), "ow-routes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(relative: string) {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  writeFileSync(path.join(dir, relative), "export {};\n");
}

for (const relative of [
  "(portal)/page.tsx",
  "(portal)/items/[code]/page.tsx",
  "(portal)/items/[code]/book/page.tsx",
  "(portal)/items/new/page.tsx",
  "(portal)/items/_components/guide.tsx",
  "_lib/guard.ts",
  "admin/page.tsx",
  "admin/[...unknown]/page.tsx",
  "api/v1/cases/[caseNumber]/route.ts",
  "api/v1/export/items.csv/route.ts",
  "docs/[[...slug]]/page.tsx",
  "layout.tsx",
  "sitemap.ts",
]) {
  file(relative);
}

describe("route patterns of an app/ directory", () => {
  const patterns = appRoutePatterns(dir);

  it("lists pages, route handlers and metadata routes; groups and private folders are no segments", () => {
    expect(patterns).toEqual([
      "/",
      "/admin",
      "/admin/[...unknown]",
      "/api/v1/cases/[caseNumber]",
      "/api/v1/export/items.csv",
      "/docs/[[...slug]]",
      "/items/[code]",
      "/items/[code]/book",
      "/items/new",
      "/sitemap.xml",
    ]);
  });

  it("labels a request with the pattern Next.js routes it to, never the address itself", () => {
    const { label } = routeTable(patterns);
    expect(label("/")).toBe("/");
    expect(label("/?lang=en")).toBe("/");
    expect(label("/items/11510000MB1234567X0001")).toBe("/items/[code]");
    expect(label("/items/11510000MB1234567X0001/")).toBe("/items/[code]");
    expect(label("/items/X/book?x=1#top")).toBe("/items/[code]/book");
    // A static segment wins over a dynamic one, a dynamic one over a catch-all.
    expect(label("/items/new")).toBe("/items/new");
    expect(label("/admin")).toBe("/admin");
    expect(label("/admin/users/5f0c9d1e-0000-4000-8000-000000000000")).toBe("/admin/[...unknown]");
    expect(label("/docs")).toBe("/docs/[[...slug]]");
    expect(label("/docs/a/b")).toBe("/docs/[[...slug]]");
    expect(label("/api/v1/cases/511602202601010001")).toBe("/api/v1/cases/[caseNumber]");
    expect(label("/api/v1/export/items.csv")).toBe("/api/v1/export/items.csv");
    expect(label("/sitemap.xml")).toBe("/sitemap.xml");
    expect(label("/_next/static/chunks/app-123.js")).toBe("/_next/static/[...path]");
    expect(label("/_next/image?url=%2Fx.png&w=64")).toBe("/_next/image");
  });

  it("gives every other address one label, malformed ones included", () => {
    const { label } = routeTable(patterns);
    for (const url of [
      "/wp-login.php",
      "/items",
      "/items/a/b/c",
      "/api/v1/cases",
      "/items/%ff/x",
      "*",
      "",
      "/%00",
      `/${"a".repeat(5000)}`,
    ]) {
      expect(label(url)).toBe(OTHER_ROUTE);
    }
  });
});

describe("the app's own routes", () => {
  const patterns = appRoutePatterns(path.join(import.meta.dirname, "..", "..", "app"));

  it("are found, with the public item page and the API among them", () => {
    expect(patterns).toContain("/items/[code]");
    expect(patterns).toContain("/api/health");
    expect(patterns).toContain("/api/v1/cases/[caseNumber]");
    expect(patterns.length).toBeGreaterThan(50);
  });

  it("hold no value that names one record: every variable segment is a [parameter]", () => {
    for (const pattern of patterns) {
      for (const segment of pattern.split("/").filter(Boolean)) {
        expect(segment, pattern).toMatch(/^(\[{1,2}(\.\.\.)?[A-Za-z]+\]{1,2}|[a-z][a-z0-9.-]*)$/);
      }
    }
  });
});
