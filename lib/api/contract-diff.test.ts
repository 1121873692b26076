import { describe, expect, it } from "vitest";
import { type ContractChange, contractReport, diffContracts } from "./contract-diff";
import { openApiDocument } from "./openapi";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures are edited freely

/** A small contract: a public list with a filter, a signed-in create with a body, shared schemas by $ref. */
function base(): Doc {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1.0.0" },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Case: {
          type: "object",
          required: ["number", "status", "applicant"],
          properties: {
            number: { type: "string" },
            status: { type: "string", enum: ["SUBMITTED", "ACCEPTED", "COMPLETED"] },
            dueDate: { type: ["string", "null"] },
            applicant: {
              type: "object",
              required: ["name"],
              properties: { name: { type: "string" }, phone: { type: "string" } },
            },
            tags: { type: "array", items: { type: "object", properties: { code: { type: "string" } } } },
          },
        },
        CaseList: {
          type: "object",
          required: ["items"],
          properties: { items: { type: "array", items: { $ref: "#/components/schemas/Case" } } },
        },
        CreateCase: {
          type: "object",
          required: ["itemCode"],
          properties: {
            itemCode: { type: "string" },
            channel: { type: "string", enum: ["web", "app"] },
            note: { type: "string" },
            count: { type: "integer" },
          },
        },
      },
    },
    paths: {
      "/cases": {
        get: {
          operationId: "listCases",
          security: [],
          parameters: [
            { name: "status", in: "query", required: false, schema: { type: "string", enum: ["open", "closed"] } },
            { name: "page", in: "query", required: false, schema: { type: "integer" } },
          ],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/CaseList" } } },
            },
            "400": { description: "bad" },
          },
        },
        post: {
          operationId: "createCase",
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/CreateCase" } } },
          },
          responses: {
            "201": {
              description: "made",
              headers: { Location: { schema: { type: "string" } } },
              content: { "application/json": { schema: { $ref: "#/components/schemas/Case" } } },
            },
          },
        },
      },
      "/cases/{number}": {
        get: {
          operationId: "getCase",
          security: [{ bearer: [] }],
          parameters: [{ name: "number", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Case" } } },
            },
          },
        },
      },
    },
  };
}

function changed(edit: (doc: Doc) => void): ContractChange[] {
  const revision = base();
  edit(revision);
  return diffContracts(base(), revision);
}

const breaking = (changes: ContractChange[]) =>
  changes.filter((change) => change.breaking).map(({ kind, where }) => `${kind} ${where}`);
const nonBreaking = (changes: ContractChange[]) =>
  changes.filter((change) => !change.breaking).map(({ kind, where }) => `${kind} ${where}`);
const schemas = (doc: Doc) => doc.components.schemas;

describe("diffContracts: breaking changes", () => {
  it("finds nothing between equal documents", () => {
    expect(diffContracts(base(), base())).toEqual([]);
  });

  it("a removed path, and a removed operation", () => {
    expect(breaking(changed((doc) => delete doc.paths["/cases/{number}"]))).toEqual(["path-removed /cases/{number}"]);
    expect(breaking(changed((doc) => delete doc.paths["/cases"].post))).toEqual(["operation-removed POST /cases"]);
  });

  it("a renamed or removed operationId", () => {
    expect(breaking(changed((doc) => (doc.paths["/cases"].get.operationId = "findCases")))).toEqual([
      "operation-id-changed GET /cases",
    ]);
    expect(breaking(changed((doc) => delete doc.paths["/cases"].get.operationId))).toEqual([
      "operation-id-changed GET /cases",
    ]);
  });

  it("a public operation that now needs a token", () => {
    expect(breaking(changed((doc) => (doc.paths["/cases"].get.security = [{ bearer: [] }])))).toEqual([
      "security-changed GET /cases",
    ]);
  });

  it("a removed response field, also nested, in arrays and behind $refs, reported once at its outermost place", () => {
    expect(breaking(changed((doc) => delete schemas(doc).Case.properties.dueDate)).sort()).toEqual([
      "response-field-removed GET /cases response 200 application/json: items[].dueDate",
      "response-field-removed GET /cases/{number} response 200 application/json: dueDate",
      "response-field-removed POST /cases response 201 application/json: dueDate",
    ]);
    const nested = breaking(changed((doc) => delete schemas(doc).Case.properties.applicant.properties.phone));
    expect(nested).toContain(
      "response-field-removed GET /cases/{number} response 200 application/json: applicant.phone",
    );
    const whole = breaking(changed((doc) => delete schemas(doc).Case.properties.applicant));
    expect(whole).toContain("response-field-removed GET /cases/{number} response 200 application/json: applicant");
    expect(whole.some((entry) => entry.includes("applicant.name"))).toBe(false);
    expect(breaking(changed((doc) => delete schemas(doc).Case.properties.tags.items.properties.code))).toContain(
      "response-field-removed GET /cases/{number} response 200 application/json: tags[].code",
    );
  });

  it("a response field that may now be missing, or whose type widened", () => {
    expect(breaking(changed((doc) => (schemas(doc).Case.required = ["number", "status"])))).toContain(
      "response-field-optional GET /cases/{number} response 200 application/json: applicant",
    );
    expect(breaking(changed((doc) => (schemas(doc).Case.properties.number.type = ["string", "null"])))).toContain(
      "type-changed GET /cases/{number} response 200 application/json: number",
    );
  });

  it("a removed enum value, in a response and in an input; a value added to a response enum", () => {
    expect(
      breaking(changed((doc) => (schemas(doc).Case.properties.status.enum = ["SUBMITTED", "COMPLETED"]))),
    ).toContain("enum-value-removed GET /cases/{number} response 200 application/json: status");
    expect(breaking(changed((doc) => (schemas(doc).CreateCase.properties.channel.enum = ["web"])))).toEqual([
      "enum-value-removed POST /cases request body application/json: channel",
    ]);
    expect(breaking(changed((doc) => (doc.paths["/cases"].get.parameters[0].schema.enum = ["open"])))).toEqual([
      "enum-value-removed GET /cases parameter query status: (the whole body)",
    ]);
    expect(breaking(changed((doc) => schemas(doc).Case.properties.status.enum.push("VOIDED")))).toContain(
      "enum-value-added GET /cases/{number} response 200 application/json: status",
    );
  });

  it("a new required parameter, or an optional one made required; a removed parameter", () => {
    expect(
      breaking(
        changed((doc) =>
          doc.paths["/cases"].get.parameters.push({
            name: "region",
            in: "query",
            required: true,
            schema: { type: "string" },
          }),
        ),
      ),
    ).toEqual(["parameter-required GET /cases parameter query region"]);
    expect(breaking(changed((doc) => (doc.paths["/cases"].get.parameters[1].required = true)))).toEqual([
      "parameter-required GET /cases parameter query page",
    ]);
    expect(breaking(changed((doc) => doc.paths["/cases"].get.parameters.pop()))).toEqual([
      "parameter-removed GET /cases parameter query page",
    ]);
  });

  it("a new required body field, an optional one made required, a removed one, and a body an input type no longer takes", () => {
    expect(
      breaking(
        changed((doc) => {
          schemas(doc).CreateCase.properties.region = { type: "string" };
          schemas(doc).CreateCase.required.push("region");
        }),
      ),
    ).toEqual(["request-field-required POST /cases request body application/json: region"]);
    expect(breaking(changed((doc) => schemas(doc).CreateCase.required.push("note")))).toEqual([
      "request-field-required POST /cases request body application/json: note",
    ]);
    expect(breaking(changed((doc) => delete schemas(doc).CreateCase.properties.note))).toEqual([
      "request-field-removed POST /cases request body application/json: note",
    ]);
    expect(breaking(changed((doc) => (schemas(doc).CreateCase.properties.count.type = "string")))).toEqual([
      "type-changed POST /cases request body application/json: count",
    ]);
    expect(breaking(changed((doc) => (schemas(doc).CreateCase.properties.note.enum = ["a", "b"])))).toEqual([
      "enum-introduced POST /cases request body application/json: note",
    ]);
  });

  it("a request body added as required to an operation that had none, or made required", () => {
    expect(
      breaking(
        changed(
          (doc) =>
            (doc.paths["/cases/{number}"].get.requestBody = {
              required: true,
              content: { "application/json": { schema: { type: "object" } } },
            }),
        ),
      ),
    ).toEqual(["request-body-required GET /cases/{number} request body"]);
    expect(
      breaking(
        changed(
          (doc) =>
            (doc.paths["/cases"].post.requestBody.content = { "multipart/form-data": { schema: { type: "object" } } }),
        ),
      ),
    ).toContain("request-media-type-removed POST /cases request body application/json");
  });

  it("a removed success response, its media type or header", () => {
    expect(breaking(changed((doc) => delete doc.paths["/cases"].post.responses["201"]))).toEqual([
      "response-removed POST /cases response 201",
    ]);
    expect(breaking(changed((doc) => delete doc.paths["/cases"].post.responses["201"].headers))).toEqual([
      "response-header-removed POST /cases response 201 header Location",
    ]);
    expect(
      breaking(
        changed(
          (doc) =>
            (doc.paths["/cases/{number}"].get.responses["200"].content = {
              "text/csv": { schema: { type: "string" } },
            }),
        ),
      ),
    ).toContain("response-media-type-removed GET /cases/{number} response 200 application/json");
  });
});

describe("diffContracts: other changes are listed but do not break", () => {
  it("new paths, operations, optional parameters and body fields, response fields, input enum values, relaxed rules", () => {
    const changes = changed((doc) => {
      doc.paths["/items"] = {
        get: { operationId: "listItems", security: [], responses: { "200": { description: "ok" } } },
      };
      doc.paths["/cases/{number}"].delete = {
        operationId: "deleteCase",
        security: [{ bearer: [] }],
        responses: { "204": { description: "gone" } },
      };
      doc.paths["/cases"].get.parameters.push({ name: "q", in: "query", required: false, schema: { type: "string" } });
      schemas(doc).CreateCase.properties.region = { type: "string" };
      schemas(doc).CreateCase.properties.channel.enum.push("counter");
      schemas(doc).CreateCase.required = [];
      schemas(doc).Case.properties.createdAt = { type: "string" };
      schemas(doc).Case.properties.status.enum = ["SUBMITTED", "ACCEPTED", "COMPLETED"];
      doc.paths["/cases"].get.responses["404"] = { description: "none" };
      delete doc.paths["/cases"].get.responses["400"];
      doc.paths["/cases"].post.security = [];
      doc.paths["/cases"].get.summary = "A new summary";
    });
    expect(breaking(changes)).toEqual([]);
    expect(nonBreaking(changes)).toEqual(
      expect.arrayContaining([
        "path-added /items",
        "operation-added DELETE /cases/{number}",
        "parameter-added GET /cases parameter query q",
        "request-field-added POST /cases request body application/json: region",
        "enum-value-added POST /cases request body application/json: channel",
        "request-field-optional POST /cases request body application/json: itemCode",
        "response-field-added GET /cases/{number} response 200 application/json: createdAt",
        "response-added GET /cases response 404",
        "response-removed GET /cases response 400",
        "security-changed POST /cases",
      ]),
    );
  });

  it("reports the real document with a path and a response field gone as breaking, and tells what to run", () => {
    const committed = openApiDocument() as unknown as Doc;
    const current = openApiDocument() as unknown as Doc;
    delete current.paths["/api/v1/stats"];
    delete current.components.schemas.CaseState.properties.dueDate;
    current.info.description = "changed";
    const report = contractReport(committed, current, {
      committedFile: "docs/openapi.json",
      acceptCommand: "npm run api:contract -- --accept",
    });
    expect(report).toContain("BREAKING changes");
    expect(report).toContain("path-removed: /api/v1/stats");
    expect(report).toContain(
      "response-field-removed: POST /api/v1/cases/{caseNumber}/withdraw response 200 application/json: dueDate",
    );
    expect(report).toContain("npm run api:contract -- --accept --breaking");
    expect(contractReport(openApiDocument(), openApiDocument(), { committedFile: "x", acceptCommand: "y" })).toBeNull();
    const cosmetic = openApiDocument();
    cosmetic.info.description = "changed";
    expect(contractReport(openApiDocument(), cosmetic, { committedFile: "x", acceptCommand: "y" })).toContain(
      "No breaking change.",
    );
  });
});
