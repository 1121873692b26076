import { z } from "zod";
import { AUDIENCES, CatalogueFilters, ITEM_TYPE_CODES, MAX_PAGE_SIZE } from "./filters";
import { PUBLIC_API_POINTS_PER_MINUTE } from "../http/api-limits";

/**
 * OpenAPI 3.1 description of the public catalogue API. Query parameters are generated from the same zod
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
  return {
    openapi: "3.1.0",
    info: {
      title: "OneWindow public catalogue API",
      version: "1.0.0",
      description: "Read-only access to the published service catalogue (政务服务事项目录) and its guides (办事指南).",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: serverUrl }],
    paths: {
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
