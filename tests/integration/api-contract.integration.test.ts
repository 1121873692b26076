import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contractReport } from "../../lib/api/contract-diff";
import { apiClient, document, handlersOf, ok, routes } from "./api-support";

/**
 * The contract as deployed: the document the running app serves at GET /api/v1/openapi.json is the committed
 * docs/openapi.json (a difference is reported with the breaking changes apart, as in lib/api/contract.test.ts),
 * and every route handler under app/api/v1 is an operation of it, and every operation of it has a handler.
 */

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

describe("the served API contract", () => {
  it("is the committed docs/openapi.json", async () => {
    const committed = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../docs/openapi.json"), "utf8"),
    ) as unknown;
    const served = ok(await apiClient({ ip: "192.0.2.77" }).GET("/api/v1/openapi.json"));
    const report = contractReport(committed, served, {
      committedFile: "docs/openapi.json",
      acceptCommand: "npm run api:contract -- --accept",
    });
    expect(report, report ?? "").toBeNull();
  });

  it("documents every route handler under app/api/v1, and nothing that has none", async () => {
    const handled: string[] = [];
    for (const route of routes) {
      const handlers = await handlersOf(route);
      for (const method of HTTP_METHODS)
        if (typeof handlers[method] === "function") handled.push(`${method} ${route.template}`);
    }
    const documented = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${template}`),
    );
    expect(handled.length).toBeGreaterThan(30);
    expect(
      handled.filter((operation) => !documented.includes(operation)),
      "handlers missing from the document",
    ).toEqual([]);
    expect(
      documented.filter((operation) => !handled.includes(operation)),
      "documented operations without a handler",
    ).toEqual([]);
  });
});
