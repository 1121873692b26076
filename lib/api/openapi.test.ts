import { describe, expect, it } from "vitest";
import { isGeneratedSchema, openApiDocument } from "./openapi";

type Operation = {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
};

type Document = {
  openapi: string;
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

/** The components that were JSON Schema written by hand before the whole document came from zod. */
const ONCE_HAND_WRITTEN = [
  "Error",
  "DraftConflict",
  "CaseStatusView",
  "ItemSummary",
  "ItemPage",
  "ItemGuide",
  "PublicStatistics",
];

/**
 * Where the document holds a schema that openapi.ts did not generate from zod: a component, or the `schema` of a
 * parameter, header or body anywhere under `paths` that is neither generated nor a bare `$ref` to a component.
 */
function handWrittenSchemas(document: Document): string[] {
  const found = Object.entries(document.components.schemas)
    .filter(([, schema]) => !isGeneratedSchema(schema))
    .map(([name]) => `#/components/schemas/${name}`);
  const pointer = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) value.forEach((entry, index) => visit(entry, `${where}/${index}`));
    else if (typeof value === "object" && value !== null)
      for (const [key, child] of Object.entries(value)) {
        if (key === "schema") {
          const reference = (child as { $ref?: unknown }).$ref;
          const bareRef =
            typeof reference === "string" &&
            Object.keys(child as object).length === 1 &&
            reference.replace("#/components/schemas/", "") in document.components.schemas;
          if (!bareRef && !isGeneratedSchema(child)) found.push(`${where}/schema`);
        } else visit(child, `${where}/${pointer(key)}`);
      }
  };
  visit(document.paths, "#/paths");
  return found;
}

describe("the OpenAPI document", () => {
  const document = openApiDocument() as unknown as Document;
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

  it("is generated from zod: every component, and every schema of a parameter, header or body", () => {
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(ONCE_HAND_WRITTEN));
    expect(handWrittenSchemas(document)).toEqual([]);
    // Described field by field, and closed like every other answer.
    for (const name of ["ItemGuide", "PublicStatistics", "ItemPage", "Error"])
      expect(document.components.schemas[name], name).toMatchObject({
        type: "object",
        properties: expect.any(Object),
        additionalProperties: false,
      });
  });

  it("finds a hand-written schema when there is one (the check can fail)", () => {
    const items = document.paths["/api/v1/items"]!;
    const doctored: Document = {
      ...document,
      components: { ...document.components, schemas: { ...document.components.schemas, Extra: { type: "object" } } },
      paths: {
        ...document.paths,
        "/api/v1/items": {
          get: { ...items.get!, parameters: [{ name: "q", in: "query", schema: { type: "string" } } as never] },
        },
      },
    };
    expect(handWrittenSchemas(doctored)).toEqual([
      "#/components/schemas/Extra",
      "#/paths/~1api~1v1~1items/get/parameters/0/schema",
    ]);
  });
});
