import { z } from "zod";
import { SignIn } from "../accounts/schemas";
import { IdempotencyKey, MaterialCode, RawAnswers, Uuid } from "../applications/schemas";
import { ROLES } from "../auth/policy";
import { TransitionRequest } from "../cases/transition";
import { CASE_ACTION_NAMES, CASE_STATUSES } from "../cases/state-machine";
import { RatingInput } from "../evaluation/schemas";
import { SIGNATURE_ALGORITHMS } from "../results/signed-payload";
import { text } from "../validation/text";

/**
 * The REST API's request and response shapes (issue 10). Requests reuse the domain's own zod schemas (sign-in,
 * answers, transitions, ratings); responses are described here (the catalogue's beside their mappers in
 * lib/api/catalogue-dto.ts) and generated into the OpenAPI document (lib/api/openapi.ts), which the contract tests
 * validate every real response against. Response objects are closed (no undocumented fields), so a field that
 * would leak something cannot slip in unnoticed. Where a handler answers a lib result as it is (status lookup,
 * public figures, signing keys, shared licences), lib/api/schemas.test.ts holds that result's type to the schema.
 */

const DateTime = z.string().describe("ISO 8601 date and time (UTC).");
const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe("Calendar date (Asia/Shanghai), YYYY-MM-DD.");
const Trust = z
  .enum(["A", "B", "C", "D"])
  .describe("Material trust level (reference §1.5): A issued by the agency, B verified, C uploaded, D self-declared.");
const CaseStatus = z.enum(CASE_STATUSES);
const Answers = z.record(z.string(), z.unknown()).describe("Form answers by field key, as defined by the item's form.");

// ───────────── requests ─────────────

export const TokenBody = SignIn.describe(
  "Username as on the web: mobile number, resident ID number, or staff login name.",
);
/** `GET /api/v1/suggest?q=`: typed text, longer input cut to 60 characters; control characters refused. */
export const SuggestApiQuery = z.object({ q: text({ trim: false }).transform((value) => value.slice(0, 60)) });

export const RefreshBody = z.object({ refresh_token: text({ trim: false }).min(1).max(200) });
export const RevokeBody = z.object({
  token: text({ trim: false }).min(1).max(200).describe("An access or refresh token; its whole family is revoked."),
});

export const StartApplicationBody = z.object({
  itemCode: text({ typeMessage: "applications.errors.noOnlineForm" })
    .min(1, "applications.errors.noOnlineForm")
    .max(64, "applications.errors.noOnlineForm"),
});

export const PatchApplicationBody = z.object({
  answers: RawAnswers.describe(
    "Answers to change, merged over the saved ones (JSON merge patch at the top level: null removes an answer).",
  ),
  revision: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("The revision last seen; a stale one is refused with 409 and the fresh draft. Omitted: the current one."),
  step: text().max(64).nullish().describe("The form step now shown (to resume there)."),
  validateStep: text().max(64).nullish().describe("Validate this step completely (a 422 lists what is missing)."),
  validateAll: z.boolean().optional().describe("Validate the whole form."),
});

export const SubmitBody = z.object({
  declaration: z
    .literal(true, { message: "applications.errors.declaration" })
    .describe("承诺: the applicant declares the answers true and complete."),
});
export const IdempotencyKeyHeader = IdempotencyKey;

export const WithdrawBody = z.object({
  expectedVersion: z.number({ message: "cases.errors.version" }).int().min(0),
  reason: text({ multiline: true }).max(500).nullish(),
});

export const SupplementBody = z.object({
  expectedVersion: z.number({ message: "cases.errors.version" }).int().min(0),
  answers: RawAnswers.optional().describe(
    "Changed answers for the listed fields, merged over the case's current answers.",
  ),
  files: z
    .record(MaterialCode, z.array(Uuid).max(30))
    .optional()
    .describe(
      "New file lists for the listed materials: {materialCode: [fileId, …]}, files uploaded with POST …/supplement/files.",
    ),
});

export const EvaluationBody = RatingInput;
export const TransitionBody = TransitionRequest;

export const WEBHOOK_EVENTS = [
  ...CASE_ACTION_NAMES,
  "submit",
  "note",
  "message",
  "assign",
  "claim",
  "transfer",
  "escalate",
  "revokeLicence",
] as const;

export const WebhookBody = z.object({
  url: z
    .url({ protocol: /^https?$/, message: "api.webhooks.errors.url" })
    .max(2000, "api.webhooks.errors.url")
    .describe("Where deliveries are POSTed."),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { message: "api.webhooks.errors.events" }))
    .max(WEBHOOK_EVENTS.length)
    .default([])
    .describe("Case event actions to send; empty: all."),
  departmentCode: text()
    .max(32)
    .optional()
    .describe("Platform administrators: the department; department administrators always get their own."),
});
export const WebhookPatchBody = z.object({ active: z.boolean() });

/**
 * The multipart body of the material and supplement uploads. It documents what lib/api/http.ts
 * readMaterialUpload reads (the handlers parse multipart themselves, the file being bytes, not JSON).
 */
export const MaterialUploadBody = z.object({
  materialCode: MaterialCode,
  file: z.string().meta({ contentMediaType: "application/octet-stream", description: "The file." }),
});

// ───────────── responses ─────────────

const ErrorDetail = z.object({
  code: z.string(),
  message: z.string().describe("In the caller's language (`lang` or Accept-Language)."),
  fields: z.record(z.string(), z.string()).optional().describe("Per-field messages, keyed by field path."),
});
/** Every refusal (lib/api/http.ts apiErrorResponse). */
export const ErrorBody = z.object({ error: ErrorDetail });
export const DraftConflictBody = z.object({
  error: ErrorDetail,
  current: z.object({ revision: z.int(), answers: Answers }).describe("The draft as saved now."),
});

/** GET /api/v1/suggest (lib/search/query.ts suggestItemNames). */
export const Suggestions = z.object({
  suggestions: z.array(z.string()).max(8).describe("Published item names, best first."),
});

/** GET /api/v1/cases/{caseNumber}/status (lib/tracking/lookup.ts): the public fields only, nothing personal. */
export const CaseStatusView = z.object({
  caseNumber: z.string(),
  item: z.string().describe("The item's name, in the asked language."),
  department: z.string().describe("The department's name, in the asked language."),
  status: z.string().describe("The case status, as in the signed-in API."),
  statusLabel: z.string().describe("The status in words, in the asked language."),
  submittedAt: DateTime,
  acceptedAt: DateTime.nullable(),
  dueDate: DateOnly.nullable(),
  completedAt: DateTime.nullable(),
});

const PublicFigureRow = z.object({
  code: z.string().describe("Department code, or the item's implementation code (实施编码)."),
  name: z.string(),
  nameEn: z.string(),
  received: z.int().nullable().describe("Cases received; null when fewer than `minCount`."),
  completed: z.int().nullable().describe("Cases completed; null when fewer than `minCount`."),
  onTimeRate: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("Share of the completed cases completed on time (three decimals); null when `completed` is."),
  ratings: z.int().nullable().describe("Ratings (好差评) given; null when fewer than `minCount`."),
  satisfaction: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("Share of the ratings that are 4 or 5 (three decimals); null when `ratings` is."),
  suppressed: z
    .array(z.enum(["received", "completed", "onTimeRate", "ratings", "satisfaction"]))
    .describe("The figures published as null because their count is below `minCount`."),
});

/** GET /api/v1/stats (lib/statistics/public.ts publicFigures). */
export const PublicStatistics = z
  .object({
    from: DateOnly.describe("First day of the range (China time), YYYY-MM-DD."),
    to: DateOnly.describe("Last day of the range (China time), YYYY-MM-DD."),
    region: z.string().nullable().describe("The region asked for (with the regions below it); null: every region."),
    minCount: z.int().describe("Counts below this are published as null: a handful of cases could point at a person."),
    departments: z.array(PublicFigureRow).describe("Per department, most cases received first."),
    items: z.array(PublicFigureRow).describe("Per item, most cases received first."),
  })
  .describe(
    "Figures per department (`departments`) and per item (`items`), with the suppressed small counts named in `suppressed`.",
  );

/** GET /api/v1/signing-keys (lib/results/signing.ts publishedKeys). */
export const SigningKeyList = z.object({
  keys: z.array(
    z.object({
      kid: z.string(),
      alg: z.enum(SIGNATURE_ALGORITHMS),
      x: z.string().describe("base64url, 32 bytes"),
      y: z.string().describe("base64url, 32 bytes"),
      createdAt: z.iso.datetime(),
      retiredAt: z.iso.datetime().nullable(),
    }),
  ),
});

/** GET /api/v1/console/cases/{caseNumber}/licences (lib/results/sharing.ts licencesOfCaseApplicant). */
export const LicenceList = z.object({
  licences: z.array(
    z.object({
      number: z.string(),
      typeCode: z.string(),
      name: z.string(),
      holderName: z.string(),
      holderCode: z.string().nullable(),
      issuerName: z.string(),
      issuerCode: z.string(),
      issuedAt: z.iso.date(),
      expiresAt: z.iso.date().nullable(),
      signedPayload: z
        .string()
        .nullable()
        .describe("The signed QR payload, checkable with the keys of GET /api/v1/signing-keys."),
    }),
  ),
});

/** GET /api/v1/openapi.json: this document, described only as far as a client needs to recognise it. */
export const OpenApiDocumentBody = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export const TokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().describe("Seconds the access token is valid."),
  refresh_token: z.string().describe("Use once with POST /api/v1/auth/refresh; using it twice revokes the family."),
});
export const RevokeResponse = z.object({ revoked: z.literal(true) });

export const Me = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  realName: z.string(),
  idNumber: z.string().nullable().describe("Masked."),
  phone: z.string().nullable().describe("Masked."),
  assuranceLevel: z.number().int(),
  company: z.object({ name: z.string(), creditCode: z.string() }).nullable(),
  department: z.object({ code: z.string(), name: z.string() }).nullable(),
});

export const DraftFile = z.object({
  fileId: z.string(),
  materialCode: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  trust: Trust,
});

export const Draft = z.object({
  id: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  formVersion: z.number().int().describe("The published item version whose form is filled in."),
  status: z.enum(["DRAFT", "SUBMITTED", "EXPIRED", "DISCARDED"]),
  revision: z.number().int(),
  answers: Answers,
  currentStep: z.string().nullable(),
  expiresAt: DateTime,
  caseNumber: z.string().nullable(),
  form: z.record(z.string(), z.unknown()).describe("The form definition (steps and fields), see lib/forms."),
  materials: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      necessity: z.enum(["REQUIRED", "OPTIONAL", "DEFERRABLE"]),
      fieldKey: z.string().nullable().describe("The form's file field bound to this material, if any."),
      files: z.array(DraftFile),
    }),
  ),
});

export const DraftList = z.object({
  items: z.array(
    z.object({ id: z.string(), itemCode: z.string(), itemName: z.string(), updatedAt: DateTime, expiresAt: DateTime }),
  ),
});

export const UploadedFile = z.object({
  fileId: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  contentType: z.string().describe("The type found from the content, not the one the client claimed."),
  name: z.string(),
  materialCode: z.string(),
  revision: z
    .number()
    .int()
    .nullable()
    .describe("The draft's new revision (null for supplement files, which join the case on resubmission)."),
});

export const SubmitResponse = z.object({
  caseNumber: z.string(),
  queryCode: z
    .string()
    .nullable()
    .describe(
      "One-time query code (查询码) for anonymous status lookups; stored only as a hash, so a replay answers null.",
    ),
  dueDate: DateOnly.nullable().describe("Estimated promised completion date if accepted today."),
  submittedAt: DateTime,
  replayed: z.boolean(),
});

export const CaseSummary = z.object({
  caseNumber: z.string(),
  status: CaseStatus,
  version: z.number().int(),
  itemCode: z.string(),
  itemName: z.string(),
  submittedAt: DateTime,
  dueDate: DateOnly.nullable(),
});
export const CaseList = z.object({ items: z.array(CaseSummary) });

const SupplementItem = z.object({
  materialCode: z.string().nullable(),
  field: z.string().nullable(),
  note: z.string(),
});
const SubmissionFile = z.object({
  materialCode: z.string(),
  fileId: z.string(),
  name: z.string(),
  size: z.number().int(),
  trust: Trust,
});

export const CaseDetail = z.object({
  caseNumber: z.string(),
  status: CaseStatus,
  version: z.number().int().describe("Send as expectedVersion with withdraw and supplement."),
  submittedAt: DateTime,
  acceptedAt: DateTime.nullable(),
  dueDate: DateOnly.nullable(),
  completedAt: DateTime.nullable(),
  item: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  department: z.object({ name: z.string(), nameEn: z.string().nullable() }),
  actions: z.array(z.string()).describe("What the applicant may do now (withdraw, resubmit)."),
  supplement: z
    .object({ list: z.array(SupplementItem), requestedAt: DateTime, reason: z.string().nullable() })
    .nullable(),
  timeline: z.array(
    z.object({
      at: DateTime,
      action: z.string(),
      fromStatus: CaseStatus.nullable(),
      toStatus: CaseStatus.nullable(),
      reason: z.string().nullable(),
      data: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  submissions: z.array(z.object({ number: z.number().int(), createdAt: DateTime, files: z.array(SubmissionFile) })),
});

export const CaseState = z.object({
  caseNumber: z.string(),
  status: CaseStatus,
  version: z.number().int(),
  dueDate: DateOnly.nullable(),
});

export const SupplementRequest = z.object({
  caseNumber: z.string(),
  version: z.number().int(),
  list: z.array(SupplementItem),
  requestedAt: DateTime.nullable(),
  reason: z.string().nullable(),
  editableFields: z.array(z.string()),
  editableMaterials: z.array(z.string()),
  answers: Answers,
  files: z.array(SubmissionFile),
});

export const EvaluationResult = z.object({
  evaluationId: z.string(),
  level: z.number().int(),
  changeableUntil: DateTime,
  created: z.boolean(),
});

export const NotificationPage = z.object({
  unreadCount: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      template: z.string(),
      subject: z.string(),
      body: z.string(),
      link: z.string().nullable(),
      createdAt: DateTime,
      read: z.boolean(),
    }),
  ),
});

export const QueuePage = z.object({
  items: z.array(
    z.object({
      caseNumber: z.string(),
      status: CaseStatus,
      version: z.number().int(),
      applicantName: z.string(),
      itemName: z.string(),
      itemCode: z.string(),
      regionCode: z.string(),
      submittedAt: DateTime,
      dueDate: DateOnly.nullable(),
      warning: z.enum(["GREEN", "YELLOW", "RED"]),
      assigneeName: z.string().nullable(),
    }),
  ),
  next: z.string().nullable().describe("Pass as `after` for the next page; null on the last page."),
});

export const StaffCase = z.object({
  caseNumber: z.string(),
  status: CaseStatus,
  version: z.number().int().describe("Send as expectedVersion with a transition."),
  channel: z.enum(["ONLINE", "WINDOW"]),
  warning: z.enum(["GREEN", "YELLOW", "RED"]),
  submittedAt: DateTime,
  acceptedAt: DateTime.nullable(),
  decidedAt: DateTime.nullable(),
  completedAt: DateTime.nullable(),
  outcomeCode: z.number().int().nullable(),
  regionCode: z.string(),
  item: z.object({ code: z.string(), name: z.string() }).nullable(),
  department: z.object({ code: z.string(), name: z.string() }).nullable(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  applicant: z.object({
    name: z.string(),
    idNumber: z.string().nullable().describe("Masked."),
    phone: z.string().nullable().describe("Masked."),
    assuranceLevel: z.number().int().nullable(),
  }),
  company: z.object({ name: z.string(), creditCode: z.string() }).nullable(),
  formVersion: z.number().int().nullable(),
  answers: Answers,
  materials: z.array(
    z.object({
      fileId: z.string(),
      materialCode: z.string(),
      materialName: z.string(),
      name: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      trust: z.string(),
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.string(),
      at: DateTime,
      action: z.string(),
      actorName: z.string().nullable(),
      fromStatus: CaseStatus.nullable(),
      toStatus: CaseStatus.nullable(),
      reason: z.string().nullable(),
      legalBasis: z.string().nullable(),
      data: z.record(z.string(), z.unknown()).nullable(),
      visibleToApplicant: z.boolean(),
    }),
  ),
  licences: z.array(
    z.object({
      number: z.string(),
      name: z.string(),
      status: z.string(),
      issuedAt: DateTime,
      fileId: z.string().nullable(),
      revokedAt: DateTime.nullable(),
    }),
  ),
  deadline: z.object({
    dueDate: DateOnly.nullable(),
    statutoryDueDate: DateOnly.nullable(),
    workingDaysUsed: z.number().int().nullable(),
    workingDaysRemaining: z.number().int().nullable(),
    paused: z.boolean(),
  }),
  actions: z.array(z.string()).describe("Transitions the state machine allows now, for this caller."),
});

export const ConflictBody = z.object({
  error: z.object({ code: z.literal("CONFLICT"), message: z.string() }),
  current: CaseState.describe("The case as it is now: reload and decide again."),
});

export const Webhook = z.object({
  id: z.string(),
  departmentCode: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: DateTime,
});
export const WebhookCreated = Webhook.extend({
  secret: z.string().describe("The HMAC-SHA256 signing secret. Shown only in this answer."),
});
export const WebhookList = z.object({ items: z.array(Webhook) });
export const WebhookDelivery = z.object({
  id: z.string().describe("Also sent as the X-OneWindow-Delivery header; receivers deduplicate by it."),
  caseEventId: z.string(),
  event: z.string(),
  caseNumber: z.string().nullable(),
  status: z.enum(["PENDING", "SENT", "FAILED", "SKIPPED"]),
  attempts: z.number().int(),
  nextAttemptAt: DateTime,
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: DateTime.nullable(),
  createdAt: DateTime,
});
export const WebhookDeliveryList = z.object({ items: z.array(WebhookDelivery) });

/** Query of GET /api/v1/console/cases: `due` picks the warning views; the rest is lib/console/queues.ts QueueQuery. */
export const ConsoleCasesQuery = z.object({
  due: z
    .enum(["soon", "overdue"], { message: "cases.errors.choice" })
    .optional()
    .describe("soon: yellow warnings; overdue: red."),
  view: z
    .enum(
      [
        "todo",
        "joint",
        "new",
        "supplement",
        "accepted",
        "decision",
        "approved",
        "completed",
        "rejected",
        "withdrawn",
        "dueSoon",
        "overdue",
        "all",
        "mine",
      ],
      { message: "cases.errors.choice" },
    )
    .optional()
    .describe("todo: open cases whose current workflow step takes one of the caller's duties."),
  status: z.enum(CASE_STATUSES, { message: "cases.errors.choice" }).optional(),
  item: text().max(64).optional().describe("Implementation code of an item."),
  q: text().max(100).optional().describe("Case number (or its beginning) or applicant name."),
  applicant: text().max(100).optional(),
  from: text()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "cases.errors.date")
    .optional(),
  to: text()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "cases.errors.date")
    .optional(),
  sort: z.enum(["deadline", "submitted"], { message: "cases.errors.choice" }).optional(),
  after: text().max(300).optional().describe("The `next` cursor of the previous page."),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
