import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { makePdf } from "../support/files";
import { MALFORMED_PATH_SEGMENTS } from "../support/hostile";
import { DEMO_PASSWORD, isStaffLogin, staffCode } from "./helpers";
import { testPhoneHash } from "../support/data-key";

/**
 * The authorization table: EVERY page and route handler of the app (discovered from app/**), requested over HTTP
 * against the production server as each role, with the answer each role must get. A page or route that exists
 * but is not in the table fails the first test, so every new address has to be decided here.
 *
 * Identifiers of citizen A's things (case, booking, draft, file) are requested by everybody else: they must get
 * the same 404 as for an address that does not exist (no probing by guessing ids).
 *
 * Server actions are covered by tests/integration/authz-actions.integration.test.ts.
 */

const ROLES = [
  "anon",
  "citizenA",
  "citizenB",
  "company",
  "clerkX",
  "clerkY",
  "deptAdmin",
  "platformAdmin",
  "supervisor",
] as const;
type RoleName = (typeof ROLES)[number];

/**
 * One answer per role, in the order of ROLES, separated by spaces:
 *   ok      200
 *   login   a redirect to /login?callbackUrl=…
 *   403     the area's "no access" page
 *   404     not found (also for "exists but not yours")
 *   →/path  a redirect to an address starting with /path
 *   4xx     any other status code, written as the number (401, 400, 409 …)
 */
type Expectation = string;

const PUBLIC = "ok ok ok ok ok ok ok ok ok";
const APPLICANTS = "login ok ok ok 403 403 403 403 403";
const ONLY_A = "login ok 404 404 403 403 403 403 403";
const ONLY_A_OR_404 = "login 404 404 404 403 403 403 403 403";
const CONSOLE = "login 403 403 403 ok ok ok 403 403";
const ADMIN_AREA = "login 403 403 403 403 403 ok ok ok";
const STRUCTURE_VIEW = "login 403 403 403 403 403 ok ok 403";
const STRUCTURE_MANAGE = "login 403 403 403 403 403 403 ok 403";
const ITEMS_MANAGE = "login 403 403 403 403 403 ok ok 403";
const PLATFORM_ONLY = "login 403 403 403 403 403 403 ok 403";

type Fixtures = {
  itemCode: string;
  bookableItemCode: string | null;
  departmentCode: string;
  departmentId: string;
  regionCode: string;
  themeCode: string;
  holidayId: string;
  officeId: string;
  staffUserId: string;
  versionNumber: number;
  caseA: string;
  bookingA: string;
  applicationA: string;
  fileA: string;
  licenceNumber: string;
};

type Row = {
  url: (f: Fixtures) => string;
  expect: Expectation;
  method?: "GET" | "POST" | "PATCH";
  /** material: a PDF for material M1; template: a PDF sample; json: an empty JSON object. */
  body?: "material" | "template" | "json" | { json: Record<string, unknown> };
  /** token: the role's bearer token from POST /api/v1/auth/token instead of the session cookie (the REST API). */
  auth?: "token";
  why?: string;
};

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/** Pages: key = the address pattern as the file system defines it (route groups removed). */
const PAGES: Record<string, Row> = {
  "/": { url: () => "/", expect: PUBLIC },
  "/search": { url: () => "/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81", expect: PUBLIC },
  "/departments": { url: () => "/departments", expect: PUBLIC },
  "/departments/[code]": { url: (f) => `/departments/${f.departmentCode}`, expect: PUBLIC },
  "/regions/[code]": { url: (f) => `/regions/${f.regionCode}`, expect: PUBLIC },
  "/themes": { url: () => "/themes", expect: PUBLIC },
  "/themes/[code]": { url: (f) => `/themes/${f.themeCode}`, expect: PUBLIC },
  "/items/[code]": { url: (f) => `/items/${f.itemCode}`, expect: PUBLIC },
  "/items/[code]/apply": {
    url: (f) => `/items/${f.itemCode}/apply`,
    expect: APPLICANTS,
    why: "staff never apply through the portal",
  },
  "/items/[code]/apply/materials": {
    url: (f) => `/items/${f.itemCode}/apply/materials`,
    expect: "login ok →/items →/items 403 403 403 403 403",
    why: "A has a draft; B and the company have none: back to the start",
  },
  "/items/[code]/apply/check": {
    url: (f) => `/items/${f.itemCode}/apply/check`,
    expect: "login ok →/items →/items 403 403 403 403 403",
    why: "A has a draft; B and the company have none: back to the start",
  },
  "/items/[code]/book": { url: (f) => `/items/${f.itemCode}/book`, expect: APPLICANTS, why: "booking.create" },
  "/items/[code]/ask": { url: (f) => `/items/${f.itemCode}/ask`, expect: APPLICANTS },
  "/items/[code]/report": { url: (f) => `/items/${f.itemCode}/report`, expect: APPLICANTS },
  "/login": { url: () => "/login", expect: PUBLIC },
  "/login/continue": {
    url: () => "/login/continue",
    expect: "→/login →/account →/account →/account →/console →/console →/admin →/admin →/admin",
  },
  "/login/second-factor": {
    url: () => "/login/second-factor",
    expect: "login →/account →/account →/account ok ok ok ok ok",
    why: "staff: their own second factor; applicants have none",
  },
  "/login/forgot-password": {
    url: () => "/login/forgot-password",
    expect: PUBLIC,
    why: "找回密码 by SMS code: anyone; the code goes only to an applicant's number",
  },
  "/register": { url: () => "/register", expect: PUBLIC },
  "/track": { url: () => "/track", expect: PUBLIC },
  "/verify": { url: () => "/verify", expect: PUBLIC },
  "/verify/[number]": {
    url: (f) => `/verify/${f.licenceNumber}?code=WRONGCODE`,
    expect: PUBLIC,
    why: "a wrong check code shows 'not found' to everybody",
  },
  "/satisfaction": { url: () => "/satisfaction", expect: PUBLIC },
  "/offices/[code]/queue": {
    url: () => "/offices/GA-511600-HALL/queue",
    expect: PUBLIC,
    why: "the hall's screen: numbers and counts, no personal data",
  },
  "/account": { url: () => "/account", expect: APPLICANTS },
  "/account/applications": { url: () => "/account/applications", expect: APPLICANTS },
  "/account/applications/[caseNumber]": { url: (f) => `/account/applications/${f.caseA}`, expect: ONLY_A },
  "/account/applications/[caseNumber]/supplement": {
    url: (f) => `/account/applications/${f.caseA}/supplement`,
    expect: ONLY_A_OR_404,
    why: "the case asks for no supplement",
  },
  "/account/bookings": { url: () => "/account/bookings", expect: APPLICANTS },
  "/account/bookings/[id]": { url: (f) => `/account/bookings/${f.bookingA}`, expect: ONLY_A },
  "/account/locker": { url: () => "/account/locker", expect: APPLICANTS },
  "/account/inbox": { url: () => "/account/inbox", expect: APPLICANTS },
  "/account/notifications": { url: () => "/account/notifications", expect: APPLICANTS },
  "/account/consultations": { url: () => "/account/consultations", expect: APPLICANTS },
  "/account/consultations/[id]": { url: () => `/account/consultations/${UNKNOWN}`, expect: ONLY_A_OR_404 },
  "/account/evaluations": { url: () => "/account/evaluations", expect: APPLICANTS },
  "/account/evaluations/[id]": { url: () => `/account/evaluations/${UNKNOWN}`, expect: ONLY_A_OR_404 },
  "/account/evaluations/rate/[kind]/[ref]": {
    url: () => `/account/evaluations/rate/booking/${UNKNOWN}`,
    expect: ONLY_A_OR_404,
  },
  "/account/company": {
    url: () => "/account/company",
    expect: "login 403 403 ok 403 403 403 403 403",
    why: "company.verification.request: company agents (their company's authorisations, or verification as its representative)",
  },
  "/account/password": {
    url: () => "/account/password",
    expect: APPLICANTS,
    why: "portal.account: applicants change their own; staff passwords are reset by administrators",
  },
  "/account/identity": {
    url: () => "/account/identity",
    expect: APPLICANTS,
    why: "account.identity.check: applicants raise their own level",
  },
  "/account/access-log": {
    url: () => "/account/access-log",
    expect: APPLICANTS,
    why: "readLog.own: each applicant their own log (the company's for its agent); staff have none",
  },
  "/console": { url: () => "/console", expect: CONSOLE },
  "/console/[...unknown]": {
    url: () => "/console/no-such-page",
    expect: "404 404 404 404 404 404 404 404 404",
    why: "nothing there to protect",
  },
  "/console/cases/[caseNumber]": {
    url: (f) => `/console/cases/${f.caseA}`,
    expect: "login 403 403 403 ok 404 ok 403 403",
    why: "console.access, then case.view by department",
  },
  "/console/feedback": { url: () => "/console/feedback", expect: CONSOLE },
  "/console/visits": { url: () => "/console/visits", expect: CONSOLE },
  "/console/counter": { url: () => "/console/counter", expect: CONSOLE },
  "/console/identity": {
    url: () => "/console/identity",
    expect: "login 403 403 403 ok 403 403 403 403",
    why: "account.identity.verifyAtCounter: the intake duty (the department admin holds DECISION only)",
  },
  "/console/queue": {
    url: () => "/console/queue",
    expect: CONSOLE,
    why: "console.access; which halls is queue.operate (an empty page without)",
  },
  "/console/feedback/consultations/[id]": {
    url: () => `/console/feedback/consultations/${UNKNOWN}`,
    expect: "login 403 403 403 404 404 404 403 403",
  },
  "/console/feedback/rectifications/[id]": {
    url: () => `/console/feedback/rectifications/${UNKNOWN}`,
    expect: "login 403 403 403 404 404 404 403 403",
  },
  "/admin": { url: () => "/admin", expect: ADMIN_AREA },
  "/admin/[...unknown]": {
    url: () => "/admin/no-such-page",
    expect: "404 404 404 404 404 404 404 404 404",
    why: "nothing there to protect",
  },
  "/admin/companies": { url: () => "/admin/companies", expect: PLATFORM_ONLY },
  "/admin/companies/[id]": {
    url: () => `/admin/companies/${UNKNOWN}`,
    expect: "login 403 403 403 403 403 403 404 403",
    why: "company.verification.review, then the request must exist",
  },
  "/admin/audit": { url: () => "/admin/audit", expect: "login 403 403 403 403 403 403 ok ok" },
  "/admin/jobs": { url: () => "/admin/jobs", expect: "login 403 403 403 403 403 403 ok 403" },
  "/admin/catalogue": { url: () => "/admin/catalogue", expect: PLATFORM_ONLY },
  "/admin/licence-types": { url: () => "/admin/licence-types", expect: PLATFORM_ONLY },
  "/admin/licence-types/[code]": { url: () => "/admin/licence-types/201", expect: PLATFORM_ONLY },
  "/admin/import": { url: () => "/admin/import", expect: PLATFORM_ONLY },
  "/admin/search": { url: () => "/admin/search", expect: PLATFORM_ONLY },
  "/admin/departments": { url: () => "/admin/departments", expect: STRUCTURE_VIEW },
  "/admin/departments/[id]": { url: (f) => `/admin/departments/${f.departmentId}`, expect: STRUCTURE_MANAGE },
  "/admin/regions": { url: () => "/admin/regions", expect: STRUCTURE_VIEW },
  "/admin/regions/[code]": { url: (f) => `/admin/regions/${f.regionCode}`, expect: STRUCTURE_MANAGE },
  "/admin/themes": { url: () => "/admin/themes", expect: STRUCTURE_VIEW },
  "/admin/themes/[code]": { url: (f) => `/admin/themes/${f.themeCode}`, expect: STRUCTURE_MANAGE },
  "/admin/offices": { url: () => "/admin/offices", expect: STRUCTURE_VIEW },
  "/admin/offices/[id]": { url: (f) => `/admin/offices/${f.officeId}`, expect: STRUCTURE_MANAGE },
  "/admin/holidays": { url: () => "/admin/holidays", expect: STRUCTURE_VIEW },
  "/admin/holidays/[id]": { url: (f) => `/admin/holidays/${f.holidayId}`, expect: STRUCTURE_MANAGE },
  "/admin/items": { url: () => "/admin/items", expect: ITEMS_MANAGE },
  "/admin/items/new": { url: () => "/admin/items/new", expect: ITEMS_MANAGE },
  "/admin/items/[code]/edit": {
    url: (f) => `/admin/items/${f.itemCode}/edit`,
    expect: "login 403 403 403 403 403 ok ok 403",
    why: "the item is the department admin's own",
  },
  "/admin/items/[code]/versions/[number]": {
    url: (f) => `/admin/items/${f.itemCode}/versions/${f.versionNumber}`,
    expect: ITEMS_MANAGE,
  },
  "/admin/reviews": { url: () => "/admin/reviews", expect: ITEMS_MANAGE },
  "/admin/slots": { url: () => "/admin/slots", expect: "login 403 403 403 403 403 ok ok 403" },
  "/admin/slots/[officeId]": {
    url: (f) => `/admin/slots/${f.officeId}`,
    expect: "login 403 403 403 403 403 404 ok 403",
    why: "the office belongs to no department of the department admin",
  },
  "/admin/users": { url: () => "/admin/users", expect: "login 403 403 403 403 403 ok ok 403" },
  "/admin/users/[id]": {
    url: (f) => `/admin/users/${f.staffUserId}`,
    expect: "login 403 403 403 403 403 ok ok 403",
    why: "the clerk of the department admin's own department",
  },
  "/admin/alerts": {
    url: () => "/admin/alerts",
    expect: "login 403 403 403 403 403 ok 403 ok",
    why: "department administrators and supervisors receive alerts",
  },
  "/admin/supervision": {
    url: () => "/admin/supervision",
    expect: ADMIN_AREA,
    why: "department admins see their own department",
  },
  "/admin/supervision/cases": { url: () => "/admin/supervision/cases", expect: ADMIN_AREA },
  "/admin/supervision/cases/[caseNumber]": {
    url: (f) => `/admin/supervision/cases/${f.caseA}`,
    expect: ADMIN_AREA,
    why: "supervisors and platform admins any case; the department admin's own department",
  },
  "/console/supervision": { url: () => "/console/supervision", expect: CONSOLE },
  "/stats": { url: () => "/stats", expect: PUBLIC },
  "/admin/statistics": { url: () => "/admin/statistics", expect: ADMIN_AREA },
  "/admin/statistics/items/[code]": {
    url: (f) => `/admin/statistics/items/${f.itemCode}`,
    expect: ADMIN_AREA,
    why: "the item is in department X, whose administrator sees its funnel",
  },
  "/admin/webhooks": { url: () => "/admin/webhooks", expect: "login 403 403 403 403 403 ok ok 403" },
  "/admin/webhooks/[id]": { url: () => `/admin/webhooks/${UNKNOWN}`, expect: "login 403 403 403 403 403 404 404 403" },
  "/admin/supervision/rectifications": {
    url: () => "/admin/supervision/rectifications",
    expect: "login 403 403 403 403 403 403 403 ok",
  },
};

/** Route handlers: key = "METHOD pattern". */
const ROUTES: Record<string, Row> = {
  "GET /api/health": { url: () => "/api/health", expect: PUBLIC },
  "POST /api/usage": {
    url: () => "/api/usage",
    method: "POST",
    body: { json: { event: "view", item: "NO-SUCH-ITEM" } },
    expect: PUBLIC,
    why: "anonymous journey counting: nothing to protect, nothing about the sender kept",
  },
  "GET /api/auth/[...nextauth]": { url: () => "/api/auth/session", expect: PUBLIC },
  "POST /api/auth/[...nextauth]": {
    url: () => "/api/auth/signout",
    method: "POST",
    expect:
      "→/api/auth/signout →/api/auth/signout →/api/auth/signout →/api/auth/signout →/api/auth/signout →/api/auth/signout →/api/auth/signout →/api/auth/signout →/api/auth/signout",
    why: "without the CSRF token next-auth signs nobody out",
  },
  "GET /api/v1/items": { url: () => "/api/v1/items", expect: PUBLIC },
  "GET /api/v1/items/[code]": { url: (f) => `/api/v1/items/${f.itemCode}`, expect: PUBLIC },
  "GET /api/v1/suggest": { url: () => "/api/v1/suggest?q=sfz", expect: PUBLIC },
  "GET /api/v1/signing-keys": {
    url: () => "/api/v1/signing-keys",
    expect: PUBLIC,
    why: "public keys that verify certificates offline",
  },
  "GET /api/v1/openapi.json": { url: () => "/api/v1/openapi.json", expect: PUBLIC },
  "GET /api/v1/export/items.csv": { url: () => "/api/v1/export/items.csv", expect: PUBLIC },
  "GET /api/v1/export/items.json": { url: () => "/api/v1/export/items.json", expect: PUBLIC },
  "GET /api/v1/cases/[caseNumber]/status": {
    url: (f) => `/api/v1/cases/${f.caseA}/status?code=AAAAAAAA`,
    expect: "404 404 404 404 404 404 404 404 404",
    why: "the query code, not the session, opens a case's status",
  },
  "GET /admin/import/export": {
    url: () => "/admin/import/export?format=json",
    expect: "401 403 403 403 403 403 403 ok 403",
  },
  "GET /admin/audit/export": {
    url: () => "/admin/audit/export?format=csv",
    expect: "401 403 403 403 403 403 403 ok 403",
  },
  "GET /admin/statistics/export": {
    url: () => "/admin/statistics/export?table=byDay&format=csv",
    expect: "401 403 403 403 403 403 ok ok ok",
    why: "department admins get their own department's figures",
  },
  "GET /admin/statistics/items/[code]/export": {
    url: (f) => `/admin/statistics/items/${f.itemCode}/export?format=csv`,
    expect: "401 403 403 403 403 403 ok ok ok",
    why: "the item is in department X, whose administrator may export its funnel",
  },
  "GET /admin/supervision/export": {
    url: () => "/admin/supervision/export",
    expect: "401 403 403 403 403 403 ok ok ok",
  },
  "GET /admin/supervision/cases/export": {
    url: () => "/admin/supervision/cases/export",
    expect: "401 403 403 403 403 403 400 400 400",
    why: "allowed roles reach the validation of the missing filters",
  },
  "POST /api/admin/files": {
    url: () => "/api/admin/files",
    method: "POST",
    body: "template",
    expect: "401 403 403 403 403 403 ok ok 403",
  },
  "POST /api/applications/[id]/files": {
    url: (f) => `/api/applications/${f.applicationA}/files`,
    method: "POST",
    body: "material",
    expect: "401 400 404 404 404 404 404 404 404",
    why: "A reaches the material check (M1 is not on this item's form); nobody else finds the draft",
  },
  "POST /api/applications/supplements/[caseNumber]/files": {
    url: (f) => `/api/applications/supplements/${f.caseA}/files`,
    method: "POST",
    body: "material",
    expect: "401 422 404 404 403 404 403 403 403",
    why: "A reaches the state check (no supplement asked); clerk X passes the lookup but not the applicant check",
  },
  // The REST API authenticates with bearer tokens only: a session cookie opens nothing there (no CSRF through it).
  "GET /api/v1/me": { url: () => "/api/v1/me", auth: "token", expect: "401 ok ok ok ok ok ok ok ok" },
  "POST /api/v1/auth/token": {
    url: () => "/api/v1/auth/token",
    method: "POST",
    body: "json",
    expect: "400 400 400 400 400 400 400 400 400",
  },
  "POST /api/v1/auth/refresh": {
    url: () => "/api/v1/auth/refresh",
    method: "POST",
    body: "json",
    expect: "400 400 400 400 400 400 400 400 400",
  },
  "POST /api/v1/auth/revoke": {
    url: () => "/api/v1/auth/revoke",
    method: "POST",
    body: "json",
    auth: "token",
    expect: "400 400 400 400 400 400 400 400 400",
    why: "the body is checked first; an empty one revokes nothing",
  },
  "GET /api/v1/applications": {
    url: () => "/api/v1/applications",
    auth: "token",
    expect: "401 ok ok ok 403 403 403 403 403",
  },
  "POST /api/v1/applications": {
    url: () => "/api/v1/applications",
    method: "POST",
    body: "json",
    auth: "token",
    expect: "401 400 400 400 400 400 400 400 400",
    why: "the body is checked before the role: an empty body starts nothing for anyone",
  },
  "GET /api/v1/applications/[id]": {
    url: (f) => `/api/v1/applications/${f.applicationA}`,
    auth: "token",
    expect: "401 ok 404 404 404 404 404 404 404",
    why: "another person's draft is answered like a missing one",
  },
  "PATCH /api/v1/applications/[id]": {
    url: (f) => `/api/v1/applications/${f.applicationA}`,
    method: "PATCH",
    body: "json",
    auth: "token",
    expect: "401 400 400 400 400 400 400 400 400",
    why: "body first; tests/integration/api*.ts cover strangers with valid bodies",
  },
  "POST /api/v1/applications/[id]/submit": {
    url: (f) => `/api/v1/applications/${f.applicationA}/submit`,
    method: "POST",
    body: "json",
    auth: "token",
    expect: "401 400 400 400 400 400 400 400 400",
    why: "body first (the idempotency key); strangers with valid bodies are covered by the API integration tests",
  },
  "POST /api/v1/applications/[id]/files": {
    url: (f) => `/api/v1/applications/${f.applicationA}/files`,
    method: "POST",
    body: "material",
    auth: "token",
    expect: "401 400 404 404 404 404 404 404 404",
    why: "A reaches the material check; nobody else finds the draft",
  },
  "GET /api/v1/cases": { url: () => "/api/v1/cases", auth: "token", expect: "401 ok ok ok 403 403 403 403 403" },
  "GET /api/v1/cases/[caseNumber]": {
    url: (f) => `/api/v1/cases/${f.caseA}`,
    auth: "token",
    expect: "401 ok 404 404 403 404 403 403 403",
    why: "staff who may read the case (its department, supervisors, platform admins) are refused the applicant endpoint; the rest do not find it",
  },
  "GET /api/v1/cases/[caseNumber]/supplement": {
    url: (f) => `/api/v1/cases/${f.caseA}/supplement`,
    auth: "token",
    expect: "401 422 404 404 403 404 403 403 403",
  },
  "POST /api/v1/cases/[caseNumber]/supplement": {
    url: (f) => `/api/v1/cases/${f.caseA}/supplement`,
    method: "POST",
    body: "json",
    auth: "token",
    expect: "401 400 400 400 400 400 400 400 400",
    why: "body first",
  },
  "POST /api/v1/cases/[caseNumber]/supplement/files": {
    url: (f) => `/api/v1/cases/${f.caseA}/supplement/files`,
    method: "POST",
    body: "material",
    auth: "token",
    expect: "401 422 404 404 403 404 403 403 403",
  },
  "POST /api/v1/cases/[caseNumber]/withdraw": {
    url: (f) => `/api/v1/cases/${f.caseA}/withdraw`,
    method: "POST",
    body: "json",
    auth: "token",
    expect: "401 400 400 400 400 400 400 400 400",
    why: "body first (reason)",
  },
  "POST /api/v1/cases/[caseNumber]/evaluation": {
    url: (f) => `/api/v1/cases/${f.caseA}/evaluation`,
    method: "POST",
    body: "json",
    auth: "token",
    expect: "401 400 404 404 404 404 404 404 404",
    why: "A reaches the validation; nobody else finds the case",
  },
  "GET /api/v1/console/cases": {
    url: () => "/api/v1/console/cases",
    auth: "token",
    expect: "401 403 403 403 ok ok ok 403 403",
  },
  "GET /api/v1/console/cases/[caseNumber]": {
    url: (f) => `/api/v1/console/cases/${f.caseA}`,
    auth: "token",
    expect: "401 403 403 403 ok 404 ok 403 403",
  },
  "GET /api/v1/console/cases/[caseNumber]/licences": {
    url: (f) => `/api/v1/console/cases/${f.caseA}/licences`,
    auth: "token",
    expect: "401 403 403 403 ok 404 ok 403 403",
    why: "证照共享: staff who may see the case",
  },
  "POST /api/v1/console/cases/[caseNumber]/transitions": {
    url: (f) => `/api/v1/console/cases/${f.caseA}/transitions`,
    method: "POST",
    body: { json: { action: "no-such-action", expectedVersion: 0 } },
    auth: "token",
    expect: "401 403 403 403 400 404 400 403 403",
    why: "an unknown action: clerk X and the department admin find the case and are told the action is invalid; clerk Y does not find it",
  },
  "GET /api/v1/notifications": {
    url: () => "/api/v1/notifications",
    auth: "token",
    expect: "401 ok ok ok 403 403 403 403 403",
  },
  "GET /api/v1/stats": {
    url: () => "/api/v1/stats",
    auth: "token",
    expect: "ok ok ok ok ok ok ok ok ok",
    why: "public aggregate figures, small counts suppressed",
  },
  "GET /api/v1/webhooks": { url: () => "/api/v1/webhooks", auth: "token", expect: "401 403 403 403 403 403 ok ok 403" },
  "POST /api/v1/webhooks": {
    url: () => "/api/v1/webhooks",
    method: "POST",
    body: "json",
    auth: "token",
    expect: "401 400 400 400 400 400 400 400 400",
    why: "body first",
  },
  "GET /api/v1/webhooks/[id]": {
    url: () => `/api/v1/webhooks/${UNKNOWN}`,
    auth: "token",
    expect: "401 404 404 404 404 404 404 404 404",
    why: "an unknown subscription; outsiders get the same 404",
  },
  "PATCH /api/v1/webhooks/[id]": {
    url: () => `/api/v1/webhooks/${UNKNOWN}`,
    method: "PATCH",
    body: "json",
    auth: "token",
    expect: "401 400 400 400 400 400 400 400 400",
    why: "body first",
  },
  "GET /api/v1/webhooks/[id]/deliveries": {
    url: () => `/api/v1/webhooks/${UNKNOWN}/deliveries`,
    auth: "token",
    expect: "401 404 404 404 404 404 404 404 404",
  },
  "POST /api/v1/webhooks/[id]/deliveries/[deliveryId]/replay": {
    url: () => `/api/v1/webhooks/${UNKNOWN}/deliveries/${UNKNOWN}/replay`,
    method: "POST",
    body: "json",
    auth: "token",
    expect: "401 404 404 404 404 404 404 404 404",
  },
  "GET /console/cases/[caseNumber]/approval-form": {
    url: (f) => `/console/cases/${f.caseA}/approval-form`,
    expect: "404 404 404 404 ok 404 ok ok ok",
    why: "case.staffView: the department's staff, supervisors and platform admins",
  },
  "GET /files/[id]": {
    url: (f) => `/files/${f.fileA}`,
    expect: "404 ok 404 404 404 404 404 404 404",
    why: "another person's material is answered like a missing file",
  },
};

// ---------------------------------------------------------------------------------------------------------------

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function patternOf(file: string): string {
  const segments = path
    .relative("app", path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

function discover(): { pages: string[]; routes: string[] } {
  const files = walk("app");
  const pages = files
    .filter((file) => path.basename(file) === "page.tsx")
    .map(patternOf)
    .sort();
  const routes = files
    .filter((file) => path.basename(file) === "route.ts")
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const methods = new Set<string>();
      for (const match of source.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
        methods.add(match[1]!);
      for (const match of source.matchAll(/export\s+const\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(match[1]!);
      for (const match of source.matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(match[1]!);
      for (const match of source.matchAll(/export\s+const\s*\{([^}]*)\}/g))
        for (const name of match[1]!.split(","))
          if (/^\s*(GET|POST|PUT|PATCH|DELETE)\s*$/.test(name)) methods.add(name.trim());
      if (methods.size === 0) throw new Error(`${file}: no HTTP method export found; teach discover() its style`);
      return [...methods].map((method) => `${method} ${patternOf(file)}`);
    })
    .sort();
  return { pages, routes };
}

test("every page and route handler is in the authorization table", () => {
  const { pages, routes } = discover();
  expect(
    pages.filter((page) => !(page in PAGES)),
    "pages missing from PAGES in tests/e2e/authz.spec.ts",
  ).toEqual([]);
  expect(
    routes.filter((route) => !(route in ROUTES)),
    "route handlers missing from ROUTES in tests/e2e/authz.spec.ts",
  ).toEqual([]);
  expect(
    Object.keys(PAGES).filter((page) => !pages.includes(page)),
    "table rows for pages that no longer exist",
  ).toEqual([]);
  expect(
    Object.keys(ROUTES).filter((route) => !routes.includes(route)),
    "table rows for routes that no longer exist",
  ).toEqual([]);
  for (const [key, row] of [...Object.entries(PAGES), ...Object.entries(ROUTES)])
    expect(row.expect.split(" "), key).toHaveLength(ROLES.length);
});

// ---------------------------------------------------------------------------------------------------------------

let client: pg.Client;
let fixtures: Fixtures;
const contexts = new Map<RoleName, APIRequestContext>();
const tokens = new Map<RoleName, string | null>();
let bare: APIRequestContext;
const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

async function one<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T> {
  const result = await client.query<T>(sql, values);
  const row = result.rows[0];
  if (!row) throw new Error(`no row: ${sql}`);
  return row;
}

async function signedIn(username: string | null): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  if (!username) return context;
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const otp: Record<string, string> = isStaffLogin(username) ? { otp: await staffCode(username) } : {};
  const answer = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password: DEMO_PASSWORD, ...otp, json: "true" },
    maxRedirects: 0,
  });
  expect(answer.status(), `sign-in of ${username}`).toBeLessThan(400);
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { id?: string } };
  expect(session.user?.id, `session of ${username}`).toBeTruthy();
  return context;
}

async function tokenFor(username: string | null): Promise<string | null> {
  if (!username) return null;
  const context = await playwrightRequest.newContext({ baseURL });
  const answer = await context.post("/api/v1/auth/token", {
    data: { username, password: DEMO_PASSWORD, ...(isStaffLogin(username) ? { otp: await staffCode(username) } : {}) },
  });
  expect(answer.status(), `token of ${username}`).toBe(200);
  const token = ((await answer.json()) as { access_token: string }).access_token;
  await context.dispose();
  return token;
}

async function makeFixtures(): Promise<Fixtures> {
  const citizenA = await one<{ id: string; real_name: string; password_hash: string }>(
    "SELECT id, real_name, password_hash FROM user_account WHERE phone_hash = $1",
    [testPhoneHash("13800138000")],
  );
  const clerk = await one<{ id: string; department_id: string; totp_secret: string }>(
    "SELECT id, department_id, totp_secret FROM user_account WHERE login_name = 'clerk'",
  );
  const otherDepartment = await one<{ id: string }>(
    "SELECT id FROM department WHERE id <> $1 AND parent_id IS NULL ORDER BY code LIMIT 1",
    [clerk.department_id],
  );
  await client.query(
    // A clerk of another department who has enrolled the demo authenticator, as every clerk does at first sign-in.
    `INSERT INTO user_account (id, role, real_name, login_name, password_hash, department_id, totp_secret, totp_enabled_at, updated_at)
     VALUES ($1, 'CLERK', '孙倩', 'authz-clerk-y', $2, $3, $4, now(), now())
     ON CONFLICT (login_name) DO NOTHING`,
    [randomUUID(), citizenA.password_hash, otherDepartment.id, clerk.totp_secret],
  );
  await client.query(
    `INSERT INTO user_account (id, role, real_name, login_name, password_hash, updated_at) VALUES ($1, 'CITIZEN', '赵敏', 'authz-citizen-b', $2, now())
     ON CONFLICT (login_name) DO NOTHING`,
    [randomUUID(), citizenA.password_hash],
  );

  const item = await one<{
    id: string;
    implementation_code: string;
    region_code: string;
    version_id: string;
    version_number: number;
  }>(
    `SELECT s.id, s.implementation_code, s.region_code, v.id AS version_id, v.number AS version_number
       FROM service_item s JOIN item_version v ON v.service_item_id = s.id AND v.status = 'PUBLISHED'
      WHERE s.department_id = $1 AND s.status = 'ACTIVE' AND s.online_capable
        AND jsonb_typeof(v.content->'form') = 'object'
      ORDER BY s.implementation_code LIMIT 1`,
    [clerk.department_id],
  );
  const department = await one<{ code: string }>("SELECT code FROM department WHERE id = $1", [clerk.department_id]);
  const theme = await one<{ code: string }>("SELECT code FROM theme ORDER BY code LIMIT 1");
  const holiday = await one<{ id: string }>("SELECT id FROM holiday ORDER BY date DESC LIMIT 1");
  const office = await one<{ id: string }>("SELECT id FROM office WHERE department_id IS NULL ORDER BY code LIMIT 1");

  // Citizen A's case in department X, as a submission leaves it.
  const caseId = randomUUID();
  const caseNumber = `${item.region_code.slice(0, 6)}20250103${String(Math.floor(Math.random() * 900000) + 100000)}`;
  await client.query(
    `INSERT INTO case_record (id, case_number, query_code_hash, service_item_id, item_version_id, department_id, region_code, applicant_user_id,
       applicant_name, status, version, answers, submitted_at, updated_at)
     VALUES ($1, $2, repeat('0', 64), $3, $4, $5, $6, $7, $8, 'SUBMITTED', 0, '{}', now(), now())`,
    [
      caseId,
      caseNumber,
      item.id,
      item.version_id,
      clerk.department_id,
      item.region_code,
      citizenA.id,
      citizenA.real_name,
    ],
  );
  await client.query(
    `INSERT INTO case_submission (id, case_id, number, answers, files) VALUES ($1, $2, 1, '{}', '[]')`,
    [randomUUID(), caseId],
  );

  // Citizen A's booking of a slot in a joint hall.
  const slotId = randomUUID();
  await client.query(
    `INSERT INTO office_slot (id, office_id, starts_at, ends_at, capacity, booked) VALUES ($1, $2, $3, $4, 5, 1)`,
    [
      slotId,
      office.id,
      new Date(Date.UTC(2031, 0, 6, 1, Math.floor(Math.random() * 50000))),
      new Date(Date.UTC(2031, 0, 6, 2, Math.floor(Math.random() * 50000))),
    ],
  );
  const bookingId = randomUUID();
  await client.query(
    `INSERT INTO booking (id, slot_id, user_id, service_item_id, status, code) VALUES ($1, $2, $3, $4, 'BOOKED', $5)`,
    [bookingId, slotId, citizenA.id, item.id, randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()],
  );

  // Citizen A's draft and an uploaded material (the bytes where the local file storage keeps them).
  const applicationId = randomUUID();
  await client.query(
    `INSERT INTO application (id, applicant_user_id, service_item_id, item_version_id, status, answers, expires_at, updated_at)
     VALUES ($1, $2, $3, $4, 'DRAFT', '{}', now() + interval '30 days', now())`,
    [applicationId, citizenA.id, item.id, item.version_id],
  );
  const fileId = randomUUID();
  const bytes = makePdf();
  const key = `application-material/2031/01/${fileId}`;
  mkdirSync(path.join(".data/e2e/files", "application-material/2031/01"), { recursive: true });
  writeFileSync(path.join(".data/e2e/files", key), bytes);
  await client.query(
    `INSERT INTO stored_file (id, purpose, owner_user_id, storage_key, sha256, size, content_type, original_name) VALUES ($1, 'APPLICATION_MATERIAL', $2, $3, $4, $5, 'application/pdf', '身份证.pdf')`,
    [fileId, citizenA.id, key, createHash("sha256").update(bytes).digest("hex"), bytes.length],
  );
  await client.query(
    `INSERT INTO application_file (id, application_id, material_code, file_id) VALUES ($1, $2, 'M1', $3)`,
    [randomUUID(), applicationId, fileId],
  );

  return {
    itemCode: item.implementation_code,
    bookableItemCode: null,
    departmentCode: department.code,
    departmentId: clerk.department_id,
    regionCode: item.region_code,
    themeCode: theme.code,
    holidayId: holiday.id,
    officeId: office.id,
    staffUserId: clerk.id,
    versionNumber: item.version_number,
    caseA: caseNumber,
    bookingA: bookingId,
    applicationA: applicationId,
    fileA: fileId,
    licenceNumber: "NO-SUCH-LICENCE",
  };
}

test.describe("as each role", () => {
  test.beforeAll(async () => {
    const database = await startEmbeddedPostgres({ dataDir: ".data/e2e" });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    fixtures = await makeFixtures();
    const usernames: Record<RoleName, string | null> = {
      anon: null,
      citizenA: "13800138000",
      citizenB: "authz-citizen-b",
      company: "13800138001",
      clerkX: "clerk",
      clerkY: "authz-clerk-y",
      deptAdmin: "deptadmin",
      platformAdmin: "admin",
      supervisor: "supervisor",
    };
    bare = await playwrightRequest.newContext({ baseURL });
    for (const role of ROLES) {
      contexts.set(role, await signedIn(usernames[role]));
      tokens.set(role, await tokenFor(usernames[role]));
    }
  });

  test.afterAll(async () => {
    for (const context of contexts.values()) await context.dispose();
    await bare?.dispose();
    await client?.end();
  });

  async function answer(role: RoleName, row: Row): Promise<string> {
    const url = row.url(fixtures);
    const token = tokens.get(role);
    const context = row.auth === "token" ? bare : contexts.get(role)!;
    const headers = row.auth === "token" && token ? { Authorization: `Bearer ${token}` } : undefined;
    const pdf = { name: "材料.pdf", mimeType: "application/pdf", buffer: makePdf() };
    const multipart: Record<string, string | typeof pdf> | undefined =
      row.body === "material"
        ? { materialCode: "M1", file: pdf }
        : row.body === "template"
          ? { purpose: "MATERIAL_SAMPLE", file: pdf }
          : undefined;
    const body = multipart
      ? { multipart }
      : row.body === "json"
        ? { data: {} }
        : typeof row.body === "object"
          ? { data: row.body.json }
          : {};
    const response = await context.fetch(url, { method: row.method ?? "GET", maxRedirects: 0, headers, ...body });
    const status = response.status();
    if (status >= 300 && status < 400) {
      const location = new URL(response.headers().location ?? "", baseURL);
      if (location.pathname === "/login" && location.searchParams.has("callbackUrl")) return "login";
      return `→${location.pathname}`;
    }
    if (status === 200 || status === 201 || status === 204) return "ok";
    if (status >= 500) return `${status} (server error: ${(await response.text()).slice(0, 200)})`;
    return String(status);
  }

  function matches(actual: string, expected: string): boolean {
    return expected.startsWith("→") ? actual.startsWith(expected) : actual === expected;
  }

  for (const [table, rows] of [
    ["page", PAGES],
    ["route", ROUTES],
  ] as const) {
    for (const [key, row] of Object.entries(rows)) {
      test(`${table} ${key}`, async () => {
        const expected = row.expect.split(" ");
        const failures: string[] = [];
        for (const [index, role] of ROLES.entries()) {
          const actual = await answer(role, row);
          if (!matches(actual, expected[index]!)) failures.push(`${role}: expected ${expected[index]}, got ${actual}`);
        }
        expect(failures, `${key} (${row.url(fixtures)})${row.why ? ` — ${row.why}` : ""}`).toEqual([]);
      });
    }
  }

  /**
   * Penetration test point 9: hostile path segments and search parameters, over HTTP against the production server
   * (route handlers are fuzzed in-process by tests/integration/fuzz-routes.integration.test.ts, server actions by
   * fuzz-actions). NUL raw and as %00, bytes that are not UTF-8 (%ff, the truncated %E4%B8), bidi overrides, C1
   * controls, "%25ff" (which a page decoding twice threw on), 3 000 characters: never a 5xx. A percent-encoding that
   * does not decode is a 400 or 404 for every dynamic address, pages, /api and /files alike.
   */
  test("hostile path segments and search parameters never give a 5xx", async () => {
    const segments = [
      ...MALFORMED_PATH_SEGMENTS,
      "%00",
      "a%00b",
      encodeURIComponent("\u202e上海\u202c"),
      encodeURIComponent("\u0085\u009b\u001b"),
      encodeURIComponent("\ufeff\u2066"),
      "%25ff",
      encodeURIComponent("' OR 1=1 --"),
      "a".repeat(3000),
    ];
    const byRole: [RoleName, string[]][] = [
      [
        "anon",
        [
          "/items/{}",
          "/items/{}/apply",
          "/items/{}/ask",
          "/items/{}/report",
          "/items/{}/book",
          "/departments/{}",
          "/themes/{}",
          "/regions/{}",
          "/search?q={}",
          "/search?q={}&region={}&theme={}&page={}",
          "/api/v1/items/{}",
          "/api/v1/items?q={}",
          "/api/v1/suggest?q={}",
          "/files/{}",
        ],
      ],
      [
        "citizenA",
        [
          "/items/{}",
          "/items/{}/apply",
          "/items/{}/apply/materials",
          "/items/{}/apply/check",
          "/account/applications/{}",
          "/account/bookings/{}",
          "/account/consultations/{}",
          "/account/evaluations/{}",
          "/account/evaluations/rate/case/{}",
          "/account/consultations?case={}",
        ],
      ],
      [
        "clerkX",
        [
          "/console/cases/{}",
          "/console?q={}",
          "/console?q={}&view={}&after={}",
          "/console/feedback/consultations/{}",
          "/console/feedback/rectifications/{}",
        ],
      ],
      [
        "platformAdmin",
        [
          "/admin/items/{}/edit",
          "/admin/items/{}/versions/1",
          "/admin/users/{}",
          "/admin/departments/{}",
          "/admin/offices/{}",
          "/admin/holidays/{}",
          "/admin/themes/{}",
          "/admin/regions/{}",
          "/admin/slots/{}",
          "/admin/webhooks/{}",
          "/admin/supervision/cases/{}",
          "/admin/catalogue?q={}",
          "/admin/audit?actor={}&objectId={}",
        ],
      ],
    ];
    const failures: string[] = [];
    /** `malformedPath`: the path itself holds a percent-encoding that does not decode, which must be a 400 or 404. */
    const probe = async (role: RoleName, url: string, malformedPath: boolean) => {
      const response = await contexts.get(role)!.fetch(url, { maxRedirects: 0 });
      const status = response.status();
      if (status >= 500)
        failures.push(`${role} ${url.slice(0, 80)}: ${status} ${(await response.text()).slice(0, 120)}`);
      else if (malformedPath && status !== 400 && status !== 404)
        failures.push(`${role} ${url.slice(0, 80)}: ${status}, expected 400 or 404`);
    };
    for (const [role, patterns] of byRole) {
      for (const pattern of patterns) {
        const inPath = pattern.split("?")[0]!.includes("{}");
        for (const segment of segments)
          await probe(role, pattern.replaceAll("{}", segment), inPath && MALFORMED_PATH_SEGMENTS.includes(segment));
      }
    }
    // The certificate check: a few segments only (it is rate limited per address, and every e2e request comes from one).
    for (const segment of ["%ff", "%00", encodeURIComponent("\u202e"), "%25ff"]) {
      await probe("anon", `/verify/${segment}?code=${segment}`, MALFORMED_PATH_SEGMENTS.includes(segment));
    }
    expect(failures).toEqual([]);
  });

  test("guessed identifiers answer exactly like missing ones", async () => {
    const probes: [string, string][] = [
      [`/account/applications/${fixtures.caseA}`, `/account/applications/${fixtures.caseA.slice(0, -6)}000000`],
      [`/account/bookings/${fixtures.bookingA}`, `/account/bookings/${UNKNOWN}`],
      [`/files/${fixtures.fileA}`, `/files/${UNKNOWN}`],
      [`/console/cases/${fixtures.caseA}`, `/console/cases/${fixtures.caseA.slice(0, -6)}000000`],
      [`/api/v1/cases/${fixtures.caseA}`, `/api/v1/cases/${fixtures.caseA.slice(0, -6)}000000`],
      [`/api/v1/applications/${fixtures.applicationA}`, `/api/v1/applications/${UNKNOWN}`],
    ];
    const citizenA = await one<{ real_name: string }>("SELECT real_name FROM user_account WHERE phone_hash = $1", [
      testPhoneHash("13800138000"),
    ]);
    for (const role of ["citizenB", "company", "clerkY"] as const) {
      for (const [real, missing] of probes) {
        const token = tokens.get(role);
        const options = {
          maxRedirects: 0,
          headers: real.startsWith("/api/v1/") && token ? { Authorization: `Bearer ${token}` } : undefined,
        };
        const context = real.startsWith("/api/v1/") ? bare : contexts.get(role)!;
        const [a, b] = [await context.get(real, options), await context.get(missing, options)];
        expect(a.status(), `${role} ${real} vs ${missing}`).toBe(b.status());
        if (a.status() === 403) continue; // the area itself is closed to this role
        expect(a.status(), `${role} ${real}`).toBe(404);
        const text = await a.text();
        expect(text, `${role} ${real}`).not.toContain(citizenA.real_name);
        if (real.startsWith("/api/"))
          expect(text.replace(real.split("/").pop()!, "ID")).toBe(
            (await b.text()).replace(missing.split("/").pop()!, "ID"),
          );
      }
    }
  });
});
