import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

type Operation = {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
};

describe("the OpenAPI document", () => {
  const document = openApiDocument() as unknown as {
    openapi: string;
    tags: { name: string; description: string }[];
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, path, operation })),
  );

  it("is one 3.1 document with the catalogue, the status lookup and the signed-in API", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/items",
        "/api/v1/cases/{caseNumber}/status",
        "/api/v1/auth/token",
        "/api/v1/console/cases/{caseNumber}/transitions",
        "/api/v1/webhooks",
      ]),
    );
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("resolves every $ref, names every path parameter, and documents 401 and 429 on signed-in operations", () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(refs.length).toBeGreaterThan(30);
    for (const name of refs) expect(document.components.schemas[name], name).toBeDefined();
    for (const { where, path, operation } of operations) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const pathParams = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === "path")
        .map((parameter) => parameter.name);
      expect(pathParams.sort(), where).toEqual([...names].sort());
      if (operation.security && operation.security.length > 0)
        expect(Object.keys(operation.responses), where).toEqual(expect.arrayContaining(["401", "429"]));
    }
  });

  it("gives every operation a unique camelCase operationId, one declared tag and an explicit security (empty when public)", () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(
      ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id)),
      ids.join(", "),
    ).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const declared = new Set(document.tags.map((tag) => tag.name));
    for (const { where, operation } of operations) {
      expect(operation.tags?.length, where).toBe(1);
      expect(declared.has(operation.tags![0]!), where).toBe(true);
      expect(Array.isArray(operation.security), where).toBe(true);
    }
    // The token endpoints and the open catalogue take no token; everything else takes the bearer token.
    const publicOnes = operations.filter(({ operation }) => operation.security!.length === 0).map(({ where }) => where);
    expect(publicOnes.sort()).toEqual(
      [
        "POST /api/v1/auth/token",
        "POST /api/v1/auth/refresh",
        "POST /api/v1/auth/revoke",
        "GET /api/v1/cases/{caseNumber}/status",
        "GET /api/v1/items",
        "GET /api/v1/items/{code}",
        "GET /api/v1/suggest",
        "GET /api/v1/export/items.csv",
        "GET /api/v1/export/items.json",
        "GET /api/v1/stats",
        "GET /api/v1/signing-keys",
        "GET /api/v1/openapi.json",
      ].sort(),
    );
    for (const { where, operation } of operations)
      if (operation.security!.length) expect(operation.security, where).toEqual([{ bearer: [] }]);
  });
});
