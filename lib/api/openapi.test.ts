import { describe, expect, it } from "vitest";
import { catalogueOpenApi } from "../catalogue/openapi";

describe("the OpenAPI document", () => {
  const document = catalogueOpenApi("http://localhost") as unknown as {
    openapi: string;
    paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };

  it("is one 3.1 document with the catalogue, the status lookup and the signed-in API", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/items", "/api/v1/cases/{caseNumber}/status", "/api/v1/auth/token", "/api/v1/console/cases/{caseNumber}/transitions", "/api/v1/webhooks"]));
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("resolves every $ref, names every path parameter, and documents 401 and 429 on signed-in operations", () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(30);
    for (const name of refs) expect(document.components.schemas[name], name).toBeDefined();
    for (const [path, operations] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(operations)) {
        const pathParams = (operation.parameters ?? []).filter((parameter) => parameter.in === "path").map((parameter) => parameter.name);
        expect(pathParams.sort(), `${method} ${path}`).toEqual([...names].sort());
        if (path.startsWith("/api/v1/") && operation.security && operation.security.length > 0) {
          expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(["401", "429"]));
        }
      }
    }
  });
});
