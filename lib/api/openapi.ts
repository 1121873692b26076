import { z } from "zod";
import { API_POINTS_PER_MINUTE_PER_ACCOUNT, API_POINTS_PER_MINUTE_PER_IP } from "./limits";
import * as S from "./schemas";

/**
 * The signed-in part of the OpenAPI document (issue 10), merged into GET /api/v1/openapi.json by
 * lib/catalogue/openapi.ts. Every body and response schema is generated from the zod schemas in
 * lib/api/schemas.ts (requests: the same schemas the handlers parse with), so the document and the code cannot
 * drift; the contract tests validate real responses against it.
 */

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete generated.$schema;
  return generated;
}

const ERROR: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object", additionalProperties: { type: "string" }, description: "Per-field messages, keyed by field path." } },
    },
  },
};

const RESPONSES = {
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
  Webhook: S.Webhook,
  WebhookCreated: S.WebhookCreated,
  WebhookList: S.WebhookList,
  WebhookDelivery: S.WebhookDelivery,
  WebhookDeliveryList: S.WebhookDeliveryList,
} as const;

const BODIES = {
  TokenRequest: S.TokenBody,
  RefreshRequest: S.RefreshBody,
  RevokeRequest: S.RevokeBody,
  StartApplicationRequest: S.StartApplicationBody,
  PatchApplicationRequest: S.PatchApplicationBody,
  SubmitRequest: S.SubmitBody,
  WithdrawRequest: S.WithdrawBody,
  SupplementRequestBody: S.SupplementBody,
  EvaluationRequest: S.EvaluationBody,
  TransitionRequest: S.TransitionBody,
  WebhookRequest: S.WebhookBody,
  WebhookPatchRequest: S.WebhookPatchBody,
} as const;

export type ApiResponseSchemaName = keyof typeof RESPONSES;

const DRAFT_CONFLICT: JsonSchema = {
  type: "object",
  required: ["error", "current"],
  properties: {
    error: ERROR.properties && (ERROR.properties as JsonSchema).error,
    current: { type: "object", required: ["revision", "answers"], properties: { revision: { type: "integer" }, answers: { type: "object" } }, description: "The draft as saved now." },
  },
};

export function apiComponents() {
  const schemas: Record<string, JsonSchema> = { Error: ERROR, DraftConflict: DRAFT_CONFLICT };
  for (const [name, schema] of Object.entries(RESPONSES)) schemas[name] = toSchema(schema, "output");
  for (const [name, schema] of Object.entries(BODIES)) schemas[name] = toSchema(schema, "input");
  return {
    schemas,
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", description: "An access token from POST /api/v1/auth/token (opaque; expires_in seconds)." },
    },
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: string) => ({ "application/json": { schema: ref(name) } });
const error = (description: string) => ({ description, content: jsonContent("Error") });

const COMMON_ERRORS = {
  "401": { ...error("No valid access token (missing, expired, revoked, or the account's role or sessions changed)."), headers: { "WWW-Authenticate": { schema: { type: "string" } } } },
  "429": {
    ...error(`Rate limited: more than ${API_POINTS_PER_MINUTE_PER_IP} requests a minute from one address or ${API_POINTS_PER_MINUTE_PER_ACCOUNT} for one account.`),
    headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } },
  },
};

type Operation = {
  summary: string;
  description?: string;
  tag: string;
  auth?: boolean;
  parameters?: JsonSchema[];
  body?: string | "multipart";
  responses: Record<string, JsonSchema>;
};

const pathParam = (name: string, description: string, pattern?: string) => ({ name, in: "path", required: true, description, schema: { type: "string", maxLength: 64, ...(pattern ? { pattern } : {}) } });
const ID = pathParam("id", "Id (UUID).");
const CASE_NUMBER = pathParam("caseNumber", "Case number (20 digits).");

function operation(op: Operation) {
  const requestBody =
    op.body === "multipart"
      ? {
          required: true,
          content: {
            "multipart/form-data": {
              schema: { type: "object", required: ["materialCode", "file"], properties: { materialCode: { type: "string", maxLength: 64 }, file: { type: "string", contentMediaType: "application/octet-stream" } } },
            },
          },
        }
      : op.body
        ? { required: true, content: jsonContent(op.body) }
        : undefined;
  return {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.auth === false ? { security: [] } : { security: [{ bearer: [] }] }),
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: { ...op.responses, ...(op.auth === false ? { "429": COMMON_ERRORS["429"] } : COMMON_ERRORS) },
  };
}

const ok = (name: string, description = "OK") => ({ description, content: jsonContent(name) });

export function apiPaths() {
  return {
    "/api/v1/auth/token": {
      post: operation({
        tag: "auth",
        auth: false,
        summary: "Sign in: username and password → access and refresh token",
        description: "Usernames as on the web (mobile number, ID number, staff login). Throttled per account and address exactly like the web sign-in; an unknown account and a wrong password get the same 401.",
        body: "TokenRequest",
        responses: { "200": ok("TokenResponse"), "400": error("Missing username or password, or invalid JSON."), "401": error("Wrong username or password (or the account is disabled).") },
      }),
    },
    "/api/v1/auth/refresh": {
      post: operation({
        tag: "auth",
        auth: false,
        summary: "Rotate: a refresh token → a new token pair",
        description: "A refresh token works once. Presenting a used one revokes every token of its family.",
        body: "RefreshRequest",
        responses: { "200": ok("TokenResponse"), "400": error("Invalid body."), "401": error("Invalid, expired, used or revoked refresh token.") },
      }),
    },
    "/api/v1/auth/revoke": {
      post: operation({ tag: "auth", auth: false, summary: "Revoke a token and its family", body: "RevokeRequest", responses: { "200": ok("RevokeResponse"), "400": error("Invalid body.") } }),
    },
    "/api/v1/me": { get: operation({ tag: "account", summary: "The caller's account (numbers masked)", responses: { "200": ok("Me") } }) },
    "/api/v1/applications": {
      get: operation({ tag: "applications", summary: "The caller's open drafts", responses: { "200": ok("DraftList"), "403": error("Staff do not apply.") } }),
      post: operation({
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
      get: operation({ tag: "applications", summary: "A draft", parameters: [ID], responses: { "200": ok("Draft"), "404": error("No such draft of the caller's.") } }),
      patch: operation({
        tag: "applications",
        summary: "Save answers (merged over the saved ones)",
        parameters: [ID],
        body: "PatchApplicationRequest",
        responses: {
          "200": ok("Draft"),
          "400": error("Invalid body or JSON."),
          "404": error("No such draft of the caller's."),
          "409": { description: "Stale revision (current draft in `current`), or the draft is no longer a draft.", content: jsonContent("DraftConflict") },
          "422": error("Answers break the form's rules: per-field errors in `fields`; nothing was saved."),
        },
      }),
    },
    "/api/v1/applications/{id}/files": {
      post: operation({
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
        tag: "applications",
        summary: "Submit: one case per Idempotency-Key",
        description: "The same key answers the same case again (header Idempotent-Replayed: true); the query code is stored hashed and shown only once, so a replay answers queryCode null.",
        parameters: [ID, { name: "Idempotency-Key", in: "header", required: true, description: "8–100 characters [A-Za-z0-9_-], generated once per draft.", schema: { type: "string", minLength: 8, maxLength: 100, pattern: "^[A-Za-z0-9_-]+$" } }],
        body: "SubmitRequest",
        responses: {
          "201": { ...ok("SubmitResponse"), headers: { "Idempotent-Replayed": { schema: { type: "string" } } } },
          "400": error("Missing or malformed Idempotency-Key, or no declaration."),
          "404": error("No such draft of the caller's."),
          "409": error("The key was used for another draft, or the draft expired."),
          "422": error("Incomplete answers or materials: per-field errors in `fields`."),
        },
      }),
    },
    "/api/v1/cases": { get: operation({ tag: "cases", summary: "The caller's cases", responses: { "200": ok("CaseList"), "403": error("Not an applicant.") } }) },
    "/api/v1/cases/{caseNumber}": {
      get: operation({ tag: "cases", summary: "A case with its timeline (applicant-visible events)", parameters: [CASE_NUMBER], responses: { "200": ok("CaseDetail"), "404": error("No such case of the caller's.") } }),
    },
    "/api/v1/cases/{caseNumber}/withdraw": {
      post: operation({
        tag: "cases",
        summary: "Withdraw (before acceptance)",
        parameters: [CASE_NUMBER],
        body: "WithdrawRequest",
        responses: { "200": ok("CaseState"), "400": error("Invalid body."), "404": error("No such case of the caller's."), "409": { description: "Stale expectedVersion.", content: jsonContent("CaseConflict") }, "422": error("Too late to withdraw.") },
      }),
    },
    "/api/v1/cases/{caseNumber}/supplement": {
      get: operation({ tag: "cases", summary: "The supplement request (一次性告知)", parameters: [CASE_NUMBER], responses: { "200": ok("SupplementRequest"), "404": error("No such case of the caller's."), "422": error("No supplement is requested.") } }),
      post: operation({
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
        tag: "cases",
        summary: "Upload a file for a listed material",
        parameters: [CASE_NUMBER],
        body: "multipart",
        responses: { "201": ok("UploadedFile"), "400": error("Not a listed material, or a refused file."), "404": error("No such case of the caller's."), "413": error("Too large."), "415": error("Not multipart/form-data."), "422": error("No supplement is requested.") },
      }),
    },
    "/api/v1/cases/{caseNumber}/evaluation": {
      post: operation({
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
        tag: "account",
        summary: "The caller's notifications",
        parameters: [
          { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1 } },
          { name: "unread", in: "query", required: false, schema: { type: "string", enum: ["1"] } },
          { name: "lang", in: "query", required: false, schema: { type: "string", enum: ["zh-CN", "en"] } },
        ],
        responses: { "200": ok("NotificationPage"), "403": error("Staff receive no notifications.") },
      }),
    },
    "/api/v1/console/cases": {
      get: operation({
        tag: "console",
        summary: "The department's cases (keyset paginated)",
        parameters: Object.entries(S.ConsoleCasesQuery.shape).map(([name, schema]) => ({ name, in: "query", required: false, schema: toSchema(schema as z.ZodType, "input") })),
        responses: { "200": ok("QueuePage"), "400": error("Invalid parameter."), "403": error("Not department staff.") },
      }),
    },
    "/api/v1/console/cases/{caseNumber}": {
      get: operation({ tag: "console", summary: "A case, staff view", parameters: [CASE_NUMBER], responses: { "200": ok("StaffCase"), "403": error("Not department staff."), "404": error("No such case in the caller's department.") } }),
    },
    "/api/v1/console/cases/{caseNumber}/transitions": {
      post: operation({
        tag: "console",
        summary: "Take an action on a case",
        description: "Actions and what each needs: lib/cases/state-machine.ts (accept, requestSupplement, approve, complete, deny …). Completing an approved case issues the certificate and licence.",
        parameters: [CASE_NUMBER],
        body: "TransitionRequest",
        responses: {
          "200": ok("CaseState", "The new state."),
          "400": error("Invalid body, unknown action, or a required field missing."),
          "403": error("Not department staff."),
          "404": error("No such case in the caller's department."),
          "409": { description: "Stale expectedVersion: the current state is in `current`.", content: jsonContent("CaseConflict") },
          "422": error("The case's state does not allow this action."),
        },
      }),
    },
    "/api/v1/webhooks": {
      get: operation({ tag: "webhooks", summary: "The department's webhook subscriptions", responses: { "200": ok("WebhookList"), "403": error("Not a department or platform administrator.") } }),
      post: operation({
        tag: "webhooks",
        summary: "Subscribe to the department's case events",
        description:
          "Deliveries are POSTed as JSON with headers X-OneWindow-Delivery (id; unchanged on retries and replays — deduplicate by it), X-OneWindow-Event, X-OneWindow-Timestamp (Unix seconds) and X-OneWindow-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + \".\" + raw body)). Non-2xx answers are retried with exponential backoff.",
        body: "WebhookRequest",
        responses: { "201": ok("WebhookCreated"), "400": error("Invalid address, events or department."), "403": error("Not a department or platform administrator.") },
      }),
    },
    "/api/v1/webhooks/{id}": {
      get: operation({ tag: "webhooks", summary: "A subscription", parameters: [ID], responses: { "200": ok("Webhook"), "404": error("No such subscription of the caller's department.") } }),
      patch: operation({ tag: "webhooks", summary: "Pause or resume", parameters: [ID], body: "WebhookPatchRequest", responses: { "200": ok("Webhook"), "400": error("Invalid body."), "404": error("No such subscription of the caller's department.") } }),
    },
    "/api/v1/webhooks/{id}/deliveries": {
      get: operation({ tag: "webhooks", summary: "Delivery log", parameters: [ID], responses: { "200": ok("WebhookDeliveryList"), "404": error("No such subscription of the caller's department.") } }),
    },
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
      post: operation({
        tag: "webhooks",
        summary: "Send a delivery again (same delivery id)",
        parameters: [ID, pathParam("deliveryId", "Delivery id (UUID).")],
        responses: { "202": ok("WebhookDelivery", "Queued for the next round."), "404": error("No such delivery.") },
      }),
    },
  };
}
