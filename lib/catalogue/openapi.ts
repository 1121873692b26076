import { z } from "zod";
import { AUDIENCES, CatalogueFilters, ITEM_TYPE_CODES, MAX_PAGE_SIZE } from "./filters";
import { PUBLIC_API_POINTS_PER_MINUTE } from "../http/api-limits";
import { apiComponents, apiPaths } from "../api/openapi";

/**
 * OpenAPI 3.1 description of the whole API: the public catalogue (below) and the signed-in API for apps,
 * mini-programs and departmental systems (lib/api/openapi.ts), in one document at GET /api/v1/openapi.json.
 * Query parameters of the catalogue API are generated from the same zod schema the handlers validate with, Query parameters are generated from the same zod
 * schema the handlers validate with, so the document cannot drift from the code.
 */
const PARAMETER_DOCS: Record<string, string> = {
  q: "Search text (names, departments, materials); cut to 60 characters.",
  department: "Department code (unified social credit code of the implementing body).",
  region: "12-digit region code; a province or city includes the regions below it.",
  theme: "Life-event theme code, e.g. start-business.",
  audience: "Who the item serves.",
  onlineDepth: "Online handling depth the item offers, e.g. HANDLE.",
  type: "Item type code (reference §1.3).",
  online: "1 = fully online (全程网办) only.",
  visits: "Number of in-person visits: 0, 1 or 2+.",
  fee: "free or paid.",
  sort: "relevance, popularity or promised (shortest promised time first).",
  page: "Page number from 1.",
  pageSize: `Items per page, 1–${MAX_PAGE_SIZE}.`,
};

const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object", additionalProperties: { type: "string" } } },
    },
  },
} as const;

const CASE_STATUS_VIEW = {
  type: "object",
  required: ["caseNumber", "item", "department", "status", "statusLabel", "submittedAt", "acceptedAt", "dueDate", "completedAt"],
  properties: {
    caseNumber: { type: "string" },
    item: { type: "string" },
    department: { type: "string" },
    status: { type: "string" },
    statusLabel: { type: "string" },
    submittedAt: { type: "string" },
    acceptedAt: { type: ["string", "null"] },
    dueDate: { type: ["string", "null"] },
    completedAt: { type: ["string", "null"] },
  },
  additionalProperties: false,
} as const;

const NAMED = { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } } as const;

const ITEM_SUMMARY = {
  type: "object",
  required: ["code", "name", "department", "region", "type", "audience", "onlineDepth", "visits", "promisedDays", "legalDays", "fee"],
  properties: {
    code: { type: "string", description: "Implementation code (实施编码)." },
    name: { type: "string" },
    nameEn: { type: "string" },
    department: NAMED,
    region: NAMED,
    type: { type: "string", enum: Object.keys(ITEM_TYPE_CODES) },
    audience: { type: "array", items: { type: "string", enum: [...AUDIENCES] } },
    onlineDepth: { type: "array", items: { type: "string" } },
    visits: { type: "integer" },
    promisedDays: { type: ["integer", "null"] },
    promisedUnit: { type: "string" },
    legalDays: { type: ["integer", "null"] },
    fee: { type: "boolean" },
  },
} as const;

export function catalogueOpenApi(serverUrl: string) {
  const parameters = Object.entries(CatalogueFilters.shape).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    description: PARAMETER_DOCS[name],
    schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }),
  }));
  const rateLimited = {
    description: `More than ${PUBLIC_API_POINTS_PER_MINUTE} requests a minute from one address.`,
    headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } },
    content: { "application/json": { schema: ERROR } },
  };
  const components = apiComponents();
  return {
    openapi: "3.1.0",
    info: {
      title: "OneWindow API",
      version: "1.1.0",
      description:
        "Public: read-only access to the published service catalogue (政务服务事项目录) and its guides (办事指南), and the anonymous case status lookup. Signed in (Bearer token from POST /api/v1/auth/token): the applicant's journey (drafts, uploads, submission, cases, supplements, ratings, notifications), the department console (queues, case detail, transitions) and department webhooks. Errors are {\"error\": {\"code\", \"message\", \"fields\"?}}; messages follow ?lang=en or Accept-Language.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: serverUrl }],
    components: { ...components, schemas: { ...components.schemas, PublicError: ERROR, CaseStatusView: CASE_STATUS_VIEW } },
    paths: {
      ...apiPaths(),
      "/api/v1/cases/{caseNumber}/status": {
        get: {
          summary: "Public status of a case by number and query code (no sign-in)",
          tags: ["public"],
          security: [],
          parameters: [
            { name: "caseNumber", in: "path", required: true, schema: { type: "string", maxLength: 40 } },
            { name: "code", in: "query", required: true, description: "The 8-character query code (查询码) given at submission.", schema: { type: "string", maxLength: 40 } },
            { name: "lang", in: "query", required: false, schema: { type: "string", enum: ["zh-CN", "en"] } },
          ],
          responses: {
            "200": { description: "The public fields only.", content: { "application/json": { schema: { $ref: "#/components/schemas/CaseStatusView" } } } },
            "404": { description: "Unknown number, wrong code or malformed input (one identical answer).", content: { "application/json": { schema: ERROR } } },
            "429": rateLimited,
          },
        },
      },
      "/api/v1/items": {
        get: {
          summary: "List published items",
          parameters,
          responses: {
            "200": {
              description: "One page of items.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["total", "page", "pageSize", "items"],
                    properties: { total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" }, items: { type: "array", items: ITEM_SUMMARY } },
                  },
                },
              },
            },
            "400": { description: "A parameter is invalid; `fields` names it.", content: { "application/json": { schema: ERROR } } },
            "429": rateLimited,
          },
        },
      },
      "/api/v1/items/{code}": {
        get: {
          summary: "The whole published guide of one item",
          parameters: [{ name: "code", in: "path", required: true, schema: { type: "string", maxLength: 64 } }],
          responses: {
            "200": { description: "The guide: every standard field, materials, steps, fees, windows, legal basis, FAQs.", content: { "application/json": { schema: { type: "object" } } } },
            "404": { description: "No published item has this code.", content: { "application/json": { schema: ERROR } } },
            "429": rateLimited,
          },
        },
      },
      "/api/v1/stats": {
        get: {
          summary: "Public case figures (政务公开) per department and item",
          description:
            "Cases received and completed, on-time rate and satisfaction (share of ratings 4–5) over a date range (default: the last 30 days) and region. Counts below 5 are null and named in `suppressed`.",
          parameters: [
            { name: "region", in: "query", required: false, description: "12-digit region code; includes the regions below it.", schema: { type: "string", pattern: "^\\d{12}$" } },
            { name: "from", in: "query", required: false, description: "First day (YYYY-MM-DD, China time).", schema: { type: "string", format: "date" } },
            { name: "to", in: "query", required: false, description: "Last day (YYYY-MM-DD, China time).", schema: { type: "string", format: "date" } },
          ],
          responses: {
            "200": { description: "Figures per department (`departments`) and per item (`items`).", content: { "application/json": { schema: { type: "object" } } } },
            "400": { description: "A parameter is invalid; `fields` names it.", content: { "application/json": { schema: ERROR } } },
            "429": rateLimited,
          },
        },
      },
    },
  };
}
