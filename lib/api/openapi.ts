import { z } from "zod";
import { CatalogueExportDto, ItemGuideDto, ItemPageDto, ItemsApiQuery, ItemSummaryDto } from "./catalogue-dto";
import { MAX_PAGE_SIZE } from "../catalogue/filters";
import { LOCALES } from "../i18n/config";
import { PUBLIC_API_POINTS_PER_MINUTE } from "./limits";
import { API_POINTS_PER_MINUTE_PER_ACCOUNT, API_POINTS_PER_MINUTE_PER_IP } from "./limits";
import * as S from "./schemas";

/**
 * The OpenAPI 3.1 document of the whole API, served at GET /api/v1/openapi.json and committed as
 * docs/openapi.json: the public catalogue, open data and case status lookup, and the signed-in API for apps,
 * mini-programs and departmental systems. The document is generated from zod, wholly: every component (bodies and
 * answers, from lib/api/schemas.ts and, for the catalogue, lib/api/catalogue-dto.ts, where each DTO mapper returns
 * its schema's type), every parameter (the catalogue's from the filter schema its handler validates with) and every
 * header. No JSON Schema is written by hand here (lib/api/openapi.test.ts fails on one), so the document cannot
 * drift from the code; the REST API integration tests call the API through the client typed from this document
 * (lib/api/client) and validate every answer against it.
 *
 * Every operation has a stable, hand-written `operationId` (generated clients name their methods after it, so it
 * must never follow the order of the paths), one tag per domain, and a declared `security`: `[]` for public
 * operations. Changing any of this changes the contract: `npm run api:contract` says how (lib/api/contract-diff.ts).
 */

type JsonSchema = Record<string, unknown>;

const GENERATION = { unrepresentable: "any", target: "draft-2020-12" } as const;

/** Every JSON Schema object this module generated from zod: what openapi.test.ts checks the document against. */
const generated = new WeakSet<object>();

function fromZod(schema: JsonSchema): JsonSchema {
  delete schema.$schema;
  delete schema.$id;
  generated.add(schema);
  return schema;
}

/** A schema written in place (a parameter, a header, a non-JSON body), generated from zod. */
function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  return fromZod(z.toJSONSchema(schema, { ...GENERATION, io }) as JsonSchema);
}

/**
 * Component schemas, generated together so that one component used inside another (ItemSummary in ItemPage) is a
 * `$ref` to it rather than a copy.
 */
function toComponents(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, { ...GENERATION, io, uri: (id) => `#/components/schemas/${id}` });
  // Definitions outside the components (cycles, or a schema zod wants to share) would be left dangling.
  if ("__shared" in out) throw new Error("A component schema needs shared definitions, which the document lacks");
  return Object.fromEntries(Object.keys(schemas).map((id) => [id, fromZod(out[id] as JsonSchema)]));
}

/** True when `schema` is an object this module generated from zod (for lib/api/openapi.test.ts). */
export function isGeneratedSchema(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && generated.has(schema);
}

/**
 * Version of the contract; raise it with every change to the document (a breaking one: the major part). 2.0.0: the
 * case status SUSPENDED (中止办理) and the console queue view `todo` (issue 19). 2.2.0: the whole document is
 * generated from zod; the guide (ItemGuide), the public figures (PublicStatistics) and the search facets are
 * described field by field, and the public answers are closed objects.
 */
const API_VERSION = "2.2.0";

const TAGS = [
  { name: "auth", description: "Access and refresh tokens for the signed-in API (bearer tokens)." },
  { name: "account", description: "The caller's own account and notifications." },
  { name: "applications", description: "Online applications (在线申请): drafts, materials and submission." },
  {
    name: "cases",
    description: "The applicant's cases (办件): timeline, withdrawal, supplements (补正) and ratings (好差评).",
  },
  { name: "console", description: "The department's case queues, case detail and transitions (工作台)." },
  { name: "webhooks", description: "Department webhooks: subscriptions to case events and their delivery log." },
  {
    name: "catalogue",
    description:
      "The published service catalogue (政务服务事项目录), guides (办事指南), search suggestions and open-data exports. Public.",
  },
  {
    name: "tracking",
    description: "Case status lookup (办件查询) by case number and query code, without sign-in. Public.",
  },
  { name: "statistics", description: "Public figures (政务公开) per department and item. Public." },
  {
    name: "results",
    description: "Keys that verify the signed QR payloads of certificates (电子证照) offline. Public.",
  },
  { name: "meta", description: "This document." },
] as const;

type Tag = (typeof TAGS)[number]["name"];

/** Answers (generated with io "output"), by component name. */
const RESPONSES = {
  Error: S.ErrorBody,
  DraftConflict: S.DraftConflictBody,
  CaseStatusView: S.CaseStatusView,
  ItemSummary: ItemSummaryDto,
  ItemPage: ItemPageDto,
  ItemGuide: ItemGuideDto,
  PublicStatistics: S.PublicStatistics,
  Suggestions: S.Suggestions,
  CatalogueExport: CatalogueExportDto,
  SigningKeyList: S.SigningKeyList,
  OpenApiDocument: S.OpenApiDocumentBody,
  TokenResponse: S.TokenResponse,
  RevokeResponse: S.RevokeResponse,
  Me: S.Me,
  Draft: S.Draft,
  DraftList: S.DraftList,
  UploadedFile: S.UploadedFile,
  SubmitResponse: S.SubmitResponse,
  CaseList: S.CaseList,
  CaseDetail: S.CaseDetail,
  CaseState: S.CaseState,
  SupplementRequest: S.SupplementRequest,
  EvaluationResult: S.EvaluationResult,
  NotificationPage: S.NotificationPage,
  QueuePage: S.QueuePage,
  StaffCase: S.StaffCase,
  CaseConflict: S.ConflictBody,
  LicenceList: S.LicenceList,
  Webhook: S.Webhook,
  WebhookCreated: S.WebhookCreated,
  WebhookList: S.WebhookList,
  WebhookDelivery: S.WebhookDelivery,
  WebhookDeliveryList: S.WebhookDeliveryList,
} as const;

/** Request bodies (generated with io "input"), by component name. */
const BODIES = {
  TokenRequest: S.TokenBody,
  RefreshRequest: S.RefreshBody,
  RevokeRequest: S.RevokeBody,
  StartApplicationRequest: S.StartApplicationBody,
  PatchApplicationRequest: S.PatchApplicationBody,
  MaterialUploadRequest: S.MaterialUploadBody,
  SubmitRequest: S.SubmitBody,
  WithdrawRequest: S.WithdrawBody,
  SupplementRequestBody: S.SupplementBody,
  EvaluationRequest: S.EvaluationBody,
  TransitionRequest: S.TransitionBody,
  WebhookRequest: S.WebhookBody,
  WebhookPatchRequest: S.WebhookPatchBody,
} as const;

function components() {
  return {
    schemas: { ...toComponents(RESPONSES, "output"), ...toComponents(BODIES, "input") },
    securitySchemes: {
      bearer: {
        type: "http",
        scheme: "bearer",
        description: "An access token from POST /api/v1/auth/token (opaque; expires_in seconds).",
      },
    },
  };
}

type Component = keyof typeof RESPONSES | keyof typeof BODIES;

const ref = (name: Component) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: Component) => ({ "application/json": { schema: ref(name) } });
const error = (description: string) => ({ description, content: jsonContent("Error") });
const ok = (name: keyof typeof RESPONSES, description = "OK") => ({ description, content: jsonContent(name) });
const header = (schema: z.ZodType, description?: string) => ({
  schema: toSchema(schema, "output"),
  ...(description ? { description } : {}),
});
const retryAfter = { "Retry-After": header(z.int(), "Seconds to wait.") };

const UNAUTHENTICATED = {
  ...error("No valid access token (missing, expired, revoked, or the account's role or sessions changed)."),
  headers: { "WWW-Authenticate": header(z.string()) },
};
const API_RATE_LIMITED = {
  ...error(
    `Rate limited: more than ${API_POINTS_PER_MINUTE_PER_IP} requests a minute from one address or ${API_POINTS_PER_MINUTE_PER_ACCOUNT} for one account.`,
  ),
  headers: retryAfter,
};
const OPEN_RATE_LIMITED = {
  ...error(`More than ${PUBLIC_API_POINTS_PER_MINUTE} requests a minute from one address.`),
  headers: retryAfter,
};

/**
 * Who may call an operation, as its route handler decides: `bearer` (lib/api/http.ts apiRoute: an access token,
 * rate limited per address and account), `anonymous` (apiRoute with `access: "open"`: the token endpoints themselves,
 * rate limited per address) and `open` (apiRoute with `access: "public"`: the open catalogue, its own per-address budget).
 */
type Access = "bearer" | "anonymous" | "open";

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tag: Tag;
  access?: Access;
  parameters?: JsonSchema[];
  /** A JSON body's component, or "multipart" for a material upload (MaterialUploadRequest as multipart/form-data). */
  body?: keyof typeof BODIES | "multipart";
  responses: Record<string, JsonSchema>;
};

function parameter(
  name: string,
  location: "path" | "query" | "header",
  schema: z.ZodType,
  { required = false, description }: { required?: boolean; description?: string } = {},
) {
  return {
    name,
    in: location,
    required,
    ...(description ? { description } : {}),
    schema: toSchema(schema, "input"),
  };
}
const pathParam = (name: string, description: string, schema: z.ZodType = z.string().max(64)) =>
  parameter(name, "path", schema, { required: true, description });
const ID = pathParam("id", "Id (UUID).");
const CASE_NUMBER = pathParam("caseNumber", "Case number (20 digits).");
const LANG = parameter("lang", "query", z.enum(LOCALES), {
  description: "Language of messages and names; default zh-CN (or Accept-Language).",
});

/** The query parameters of an object schema a handler validates its query with, in the schema's order. */
function queryParameters(schema: z.ZodObject, docs: Record<string, string> = {}) {
  return Object.entries(schema.shape).map(([name, field]) =>
    parameter(name, "query", field as z.ZodType, { description: docs[name] }),
  );
}

function operation(op: Operation) {
  const access = op.access ?? "bearer";
  const requestBody =
    op.body === "multipart"
      ? { required: true, content: { "multipart/form-data": { schema: ref("MaterialUploadRequest") } } }
      : op.body
        ? { required: true, content: jsonContent(op.body) }
        : undefined;
  const limits =
    access === "bearer"
      ? { "401": UNAUTHENTICATED, "429": API_RATE_LIMITED }
      : access === "anonymous"
        ? { "429": API_RATE_LIMITED }
        : { "429": OPEN_RATE_LIMITED };
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    security: access === "bearer" ? [{ bearer: [] }] : [],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: { ...op.responses, ...limits },
  };
}

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
  implementations:
    "With `q`: grouped (default) gives one result per service (catalogue item), the region filter's implementation first and the others in `otherImplementations`, and counts services; all lists every implementation as a result of its own and counts implementations. Without `q` the listing has one row per implementation.",
};

function publicPaths() {
  const catalogueFilters = queryParameters(ItemsApiQuery, PARAMETER_DOCS);
  const invalidParameter = error("A parameter is invalid; `fields` names it.");
  return {
    "/api/v1/cases/{caseNumber}/status": {
      get: operation({
        operationId: "getCaseStatus",
        tag: "tracking",
        access: "open",
        summary: "Public status of a case by number and query code (no sign-in)",
        parameters: [
          pathParam("caseNumber", "Case number (20 digits).", z.string().max(40)),
          parameter("code", "query", z.string().max(40), {
            required: true,
            description: "The 8-character query code (查询码) given at submission.",
          }),
          LANG,
        ],
        responses: {
          "200": ok("CaseStatusView", "The public fields only."),
          "404": error("Unknown number, wrong code or malformed input (one identical answer)."),
        },
      }),
    },
    "/api/v1/items": {
      get: operation({
        operationId: "listItems",
        tag: "catalogue",
        access: "open",
        summary: "List published items",
        description:
          "Ranked search when `q` is given (with `facets`), otherwise filtered and sorted; paged. The search gives one result per service by default (`implementations=grouped`): one catalogue item is implemented by many regions, and they are listed behind the one shown.",
        parameters: catalogueFilters,
        responses: { "200": ok("ItemPage", "One page of items."), "400": invalidParameter },
      }),
    },
    "/api/v1/items/{code}": {
      get: operation({
        operationId: "getItem",
        tag: "catalogue",
        access: "open",
        summary: "The whole published guide of one item",
        parameters: [pathParam("code", "Implementation code (实施编码).")],
        responses: { "200": ok("ItemGuide", "The guide."), "404": error("No published item has this code.") },
      }),
    },
    "/api/v1/suggest": {
      get: operation({
        operationId: "suggestItems",
        tag: "catalogue",
        access: "open",
        summary: "Item names for type-ahead",
        description:
          "Up to 8 published item names matching the beginning of `q` in characters, pinyin or pinyin initials.",
        parameters: [
          parameter("q", "query", S.SuggestApiQuery.shape.q, {
            description: "What has been typed; cut to 60 characters. Empty: no suggestions.",
          }),
        ],
        responses: {
          "200": ok("Suggestions", "The suggestions, best first."),
          "400": error("`q` holds control or invisible formatting characters."),
        },
      }),
    },
    "/api/v1/export/items.csv": {
      get: operation({
        operationId: "exportItemsCsv",
        tag: "catalogue",
        access: "open",
        summary: "The published catalogue as open data (CSV)",
        responses: {
          "200": {
            description: "Every published item, one row each (UTF-8).",
            content: { "text/csv": { schema: toSchema(z.string(), "output") } },
          },
        },
      }),
    },
    "/api/v1/export/items.json": {
      get: operation({
        operationId: "exportItemsJson",
        tag: "catalogue",
        access: "open",
        summary: "The published catalogue as open data (JSON)",
        responses: {
          "200": ok("CatalogueExport", "Every published item."),
        },
      }),
    },
    "/api/v1/stats": {
      get: operation({
        operationId: "getPublicStatistics",
        tag: "statistics",
        access: "open",
        summary: "Public case figures (政务公开) per department and item",
        description:
          "Cases received and completed, on-time rate and satisfaction (share of ratings 4–5) over a date range (default: the last 30 days) and region. Counts below 5 are null and named in `suppressed`.",
        parameters: [
          parameter("region", "query", z.string().regex(/^\d{12}$/), {
            description: "12-digit region code; includes the regions below it.",
          }),
          parameter("from", "query", z.iso.date(), { description: "First day (YYYY-MM-DD, China time)." }),
          parameter("to", "query", z.iso.date(), { description: "Last day (YYYY-MM-DD, China time)." }),
        ],
        responses: { "200": ok("PublicStatistics", "The figures."), "400": invalidParameter },
      }),
    },
    "/api/v1/signing-keys": {
      get: operation({
        operationId: "listSigningKeys",
        tag: "results",
        access: "open",
        summary: "Public keys of the result signatures",
        description:
          "Every key that signed certificates, active or retired (a retired key signs nothing new but still verifies what it signed). A certificate's QR code carries `OW1.{kid}.{payload}.{signature}`: base64url JSON of the licence's public facts, and r‖s (64 bytes) over the ASCII bytes before the last dot, by ECDSA P-256 with SHA-256 (`ES256`) or SM2 with SM3 and the GM/T 0009 default user ID (`SM2-SM3`). Keys are curve points as base64url `x` and `y`.",
        responses: {
          "200": ok("SigningKeyList", "The keys, oldest first."),
        },
      }),
    },
    "/api/v1/openapi.json": {
      get: operation({
        operationId: "getOpenApiDocument",
        tag: "meta",
        access: "open",
        summary: "This OpenAPI document",
        responses: {
          "200": ok("OpenApiDocument", "The document (also committed as docs/openapi.json)."),
        },
      }),
    },
  };
}

function signedInPaths() {
  return {
    "/api/v1/auth/token": {
      post: operation({
        operationId: "issueTokens",
        tag: "auth",
        access: "anonymous",
        summary: "Sign in: username and password → access and refresh token",
        description:
          "Usernames as on the web (mobile number, ID number, staff login). Throttled per account and address exactly like the web sign-in; an unknown account and a wrong password get the same 401.",
        body: "TokenRequest",
        responses: {
          "200": ok("TokenResponse"),
          "400": error("Missing username or password, or invalid JSON."),
          "401": error("Wrong username or password (or the account is disabled)."),
        },
      }),
    },
    "/api/v1/auth/refresh": {
      post: operation({
        operationId: "refreshTokens",
        tag: "auth",
        access: "anonymous",
        summary: "Rotate: a refresh token → a new token pair",
        description: "A refresh token works once. Presenting a used one revokes every token of its family.",
        body: "RefreshRequest",
        responses: {
          "200": ok("TokenResponse"),
          "400": error("Invalid body."),
          "401": error("Invalid, expired, used or revoked refresh token."),
        },
      }),
    },
    "/api/v1/auth/revoke": {
      post: operation({
        operationId: "revokeToken",
        tag: "auth",
        access: "anonymous",
        summary: "Revoke a token and its family",
        body: "RevokeRequest",
        responses: { "200": ok("RevokeResponse"), "400": error("Invalid body.") },
      }),
    },
    "/api/v1/me": {
      get: operation({
        operationId: "getAccount",
        tag: "account",
        summary: "The caller's account (numbers masked)",
        responses: { "200": ok("Me") },
      }),
    },
    "/api/v1/applications": {
      get: operation({
        operationId: "listApplications",
        tag: "applications",
        summary: "The caller's open drafts",
        responses: { "200": ok("DraftList"), "403": error("Staff do not apply.") },
      }),
      post: operation({
        operationId: "startApplication",
        tag: "applications",
        summary: "Start a draft for an item (or get the open one)",
        body: "StartApplicationRequest",
        responses: {
          "201": ok("Draft", "A new draft."),
          "200": ok("Draft", "The open draft for this item (one per applicant and item)."),
          "400": error("Invalid body."),
          "403": error("Not an applicant, or the account's assurance level is below the item's minimum."),
          "404": error("No published online form for this item."),
        },
      }),
    },
    "/api/v1/applications/{id}": {
      get: operation({
        operationId: "getApplication",
        tag: "applications",
        summary: "A draft",
        parameters: [ID],
        responses: { "200": ok("Draft"), "404": error("No such draft of the caller's.") },
      }),
      patch: operation({
        operationId: "saveApplication",
        tag: "applications",
        summary: "Save answers (merged over the saved ones)",
        parameters: [ID],
        body: "PatchApplicationRequest",
        responses: {
          "200": ok("Draft"),
          "400": error("Invalid body or JSON."),
          "404": error("No such draft of the caller's."),
          "409": {
            description: "Stale revision (current draft in `current`), or the draft is no longer a draft.",
            content: jsonContent("DraftConflict"),
          },
          "422": error("Answers break the form's rules: per-field errors in `fields`; nothing was saved."),
        },
      }),
    },
    "/api/v1/applications/{id}/files": {
      post: operation({
        operationId: "uploadApplicationFile",
        tag: "applications",
        summary: "Upload a material file",
        parameters: [ID],
        body: "multipart",
        responses: {
          "201": ok("UploadedFile"),
          "400": error("Missing field, unknown material, or a refused file (its real type, active content …)."),
          "404": error("No such draft of the caller's."),
          "409": error("The draft is no longer a draft."),
          "413": error("Too large (UPLOAD_MAX_MB)."),
          "415": error("Not multipart/form-data."),
        },
      }),
    },
    "/api/v1/applications/{id}/submit": {
      post: operation({
        operationId: "submitApplication",
        tag: "applications",
        summary: "Submit: one case per Idempotency-Key",
        description:
          "The same key answers the same case again (header Idempotent-Replayed: true); the query code is stored hashed and shown only once, so a replay answers queryCode null.",
        parameters: [
          ID,
          parameter("Idempotency-Key", "header", S.IdempotencyKeyHeader, {
            required: true,
            description: "8–100 characters [A-Za-z0-9_-], generated once per draft.",
          }),
        ],
        body: "SubmitRequest",
        responses: {
          "201": { ...ok("SubmitResponse"), headers: { "Idempotent-Replayed": header(z.string()) } },
          "400": error("Missing or malformed Idempotency-Key, or no declaration."),
          "404": error("No such draft of the caller's."),
          "409": error("The key was used for another draft, or the draft expired."),
          "422": error("Incomplete answers or materials: per-field errors in `fields`."),
        },
      }),
    },
    "/api/v1/cases": {
      get: operation({
        operationId: "listCases",
        tag: "cases",
        summary: "The caller's cases",
        responses: { "200": ok("CaseList"), "403": error("Not an applicant.") },
      }),
    },
    "/api/v1/cases/{caseNumber}": {
      get: operation({
        operationId: "getCase",
        tag: "cases",
        summary: "A case with its timeline (applicant-visible events)",
        parameters: [CASE_NUMBER],
        responses: { "200": ok("CaseDetail"), "404": error("No such case of the caller's.") },
      }),
    },
    "/api/v1/cases/{caseNumber}/withdraw": {
      post: operation({
        operationId: "withdrawCase",
        tag: "cases",
        summary: "Withdraw (before acceptance)",
        parameters: [CASE_NUMBER],
        body: "WithdrawRequest",
        responses: {
          "200": ok("CaseState"),
          "400": error("Invalid body."),
          "404": error("No such case of the caller's."),
          "409": { description: "Stale expectedVersion.", content: jsonContent("CaseConflict") },
          "422": error("Too late to withdraw."),
        },
      }),
    },
    "/api/v1/cases/{caseNumber}/supplement": {
      get: operation({
        operationId: "getSupplementRequest",
        tag: "cases",
        summary: "The supplement request (一次性告知)",
        parameters: [CASE_NUMBER],
        responses: {
          "200": ok("SupplementRequest"),
          "404": error("No such case of the caller's."),
          "422": error("No supplement is requested."),
        },
      }),
      post: operation({
        operationId: "submitSupplement",
        tag: "cases",
        summary: "Resubmit with the listed answers and materials",
        parameters: [CASE_NUMBER],
        body: "SupplementRequestBody",
        responses: {
          "200": ok("CaseState"),
          "400": error("Invalid body."),
          "404": error("No such case of the caller's."),
          "409": { description: "Stale expectedVersion.", content: jsonContent("CaseConflict") },
          "422": error("Changes outside the list, invalid answers, or no supplement requested."),
        },
      }),
    },
    "/api/v1/cases/{caseNumber}/supplement/files": {
      post: operation({
        operationId: "uploadSupplementFile",
        tag: "cases",
        summary: "Upload a file for a listed material",
        parameters: [CASE_NUMBER],
        body: "multipart",
        responses: {
          "201": ok("UploadedFile"),
          "400": error("Not a listed material, or a refused file."),
          "404": error("No such case of the caller's."),
          "413": error("Too large."),
          "415": error("Not multipart/form-data."),
          "422": error("No supplement is requested."),
        },
      }),
    },
    "/api/v1/cases/{caseNumber}/evaluation": {
      post: operation({
        operationId: "rateCase",
        tag: "cases",
        summary: "Rate the case (好差评)",
        parameters: [CASE_NUMBER],
        body: "EvaluationRequest",
        responses: {
          "201": ok("EvaluationResult", "Rated."),
          "200": ok("EvaluationResult", "An earlier rating was changed."),
          "400": error("Invalid level, tags or comment."),
          "404": error("No such case of the caller's."),
          "409": error("The rating can no longer be changed."),
          "422": error("Not finished yet, or the rating window has closed."),
        },
      }),
    },
    "/api/v1/notifications": {
      get: operation({
        operationId: "listNotifications",
        tag: "account",
        summary: "The caller's notifications",
        parameters: [parameter("page", "query", z.int().min(1)), parameter("unread", "query", z.enum(["1"])), LANG],
        responses: { "200": ok("NotificationPage"), "403": error("Staff receive no notifications.") },
      }),
    },
    "/api/v1/console/cases": {
      get: operation({
        operationId: "listDepartmentCases",
        tag: "console",
        summary: "The department's cases (keyset paginated)",
        parameters: queryParameters(S.ConsoleCasesQuery),
        responses: {
          "200": ok("QueuePage"),
          "400": error("Invalid parameter."),
          "403": error("Not department staff."),
        },
      }),
    },
    "/api/v1/console/cases/{caseNumber}": {
      get: operation({
        operationId: "getDepartmentCase",
        tag: "console",
        summary: "A case, staff view",
        parameters: [CASE_NUMBER],
        responses: {
          "200": ok("StaffCase"),
          "403": error("Not department staff."),
          "404": error("No such case in the caller's department."),
        },
      }),
    },
    "/api/v1/console/cases/{caseNumber}/licences": {
      get: operation({
        operationId: "listCaseApplicantLicences",
        tag: "console",
        summary: "The case applicant's valid e-licences (证照共享)",
        description:
          "The valid, unexpired licences of the case's applicant (the company for a company's case), newest first, for staff who may see the case. Every call is written to the applicant's read log with the case number. Each licence carries its signed QR payload, checkable with GET /api/v1/signing-keys.",
        parameters: [
          CASE_NUMBER,
          parameter("type", "query", z.string().regex(/^[0-9A-Za-z]{1,20}$/), {
            description: "Licence type code (证照类型代码).",
          }),
        ],
        responses: {
          "200": ok("LicenceList", "The licences."),
          "400": error("`type` is not a licence type code."),
          "403": error("Not department staff."),
          "404": error("No such case the caller may see."),
        },
      }),
    },
    "/api/v1/console/cases/{caseNumber}/transitions": {
      post: operation({
        operationId: "transitionCase",
        tag: "console",
        summary: "Take an action on a case",
        description:
          "Actions and what each needs: lib/cases/state-machine.ts (accept, requestSupplement, approve, complete, deny …). Completing an approved case issues the certificate and licence.",
        parameters: [CASE_NUMBER],
        body: "TransitionRequest",
        responses: {
          "200": ok("CaseState", "The new state."),
          "400": error("Invalid body, unknown action, or a required field missing."),
          "403": error("Not department staff."),
          "404": error("No such case in the caller's department."),
          "409": {
            description: "Stale expectedVersion: the current state is in `current`.",
            content: jsonContent("CaseConflict"),
          },
          "422": error("The case's state does not allow this action."),
        },
      }),
    },
    "/api/v1/webhooks": {
      get: operation({
        operationId: "listWebhooks",
        tag: "webhooks",
        summary: "The department's webhook subscriptions",
        responses: { "200": ok("WebhookList"), "403": error("Not a department or platform administrator.") },
      }),
      post: operation({
        operationId: "createWebhook",
        tag: "webhooks",
        summary: "Subscribe to the department's case events",
        description:
          'Deliveries are POSTed as JSON with headers X-OneWindow-Delivery (id; unchanged on retries and replays — deduplicate by it), X-OneWindow-Event, X-OneWindow-Timestamp (Unix seconds) and X-OneWindow-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + raw body)). Non-2xx answers are retried with exponential backoff.',
        body: "WebhookRequest",
        responses: {
          "201": ok("WebhookCreated"),
          "400": error("Invalid address, events or department."),
          "403": error("Not a department or platform administrator."),
        },
      }),
    },
    "/api/v1/webhooks/{id}": {
      get: operation({
        operationId: "getWebhook",
        tag: "webhooks",
        summary: "A subscription",
        parameters: [ID],
        responses: { "200": ok("Webhook"), "404": error("No such subscription of the caller's department.") },
      }),
      patch: operation({
        operationId: "updateWebhook",
        tag: "webhooks",
        summary: "Pause or resume",
        parameters: [ID],
        body: "WebhookPatchRequest",
        responses: {
          "200": ok("Webhook"),
          "400": error("Invalid body."),
          "404": error("No such subscription of the caller's department."),
        },
      }),
    },
    "/api/v1/webhooks/{id}/deliveries": {
      get: operation({
        operationId: "listWebhookDeliveries",
        tag: "webhooks",
        summary: "Delivery log",
        parameters: [ID],
        responses: {
          "200": ok("WebhookDeliveryList"),
          "404": error("No such subscription of the caller's department."),
        },
      }),
    },
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
      post: operation({
        operationId: "replayWebhookDelivery",
        tag: "webhooks",
        summary: "Send a delivery again (same delivery id)",
        parameters: [ID, pathParam("deliveryId", "Delivery id (UUID).")],
        responses: { "202": ok("WebhookDelivery", "Queued for the next round."), "404": error("No such delivery.") },
      }),
    },
  };
}

/** The signed-in operations (bearer token or the token endpoints), as "METHOD /path" — what the API tests must cover. */
export function signedInOperations(): string[] {
  return Object.entries(signedInPaths()).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/**
 * The whole document. `servers` is relative ("/": wherever the document was fetched from), so the document
 * served by every deployment is the committed one, byte for byte, and clients set their own base address.
 */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "OneWindow API",
      version: API_VERSION,
      description:
        'Public: read-only access to the published service catalogue (政务服务事项目录) and its guides (办事指南), open data, public figures, and the anonymous case status lookup. Signed in (Bearer token from POST /api/v1/auth/token): the applicant\'s journey (drafts, uploads, submission, cases, supplements, ratings, notifications), the department console (queues, case detail, transitions) and department webhooks. Errors are {"error": {"code", "message", "fields"?}}; messages follow ?lang=en or Accept-Language.',
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/", description: "The address this document was fetched from." }],
    tags: TAGS.map((tag) => ({ ...tag })),
    components: components(),
    paths: { ...signedInPaths(), ...publicPaths() },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
