import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as applicationRoute from "../../app/api/v1/applications/[id]/route";
import * as filesRoute from "../../app/api/v1/applications/[id]/files/route";
import * as submitRoute from "../../app/api/v1/applications/[id]/submit/route";
import * as applicationsRoute from "../../app/api/v1/applications/route";
import * as refreshRoute from "../../app/api/v1/auth/refresh/route";
import * as revokeRoute from "../../app/api/v1/auth/revoke/route";
import * as tokenRoute from "../../app/api/v1/auth/token/route";
import * as evaluationRoute from "../../app/api/v1/cases/[caseNumber]/evaluation/route";
import * as caseRoute from "../../app/api/v1/cases/[caseNumber]/route";
import * as supplementFilesRoute from "../../app/api/v1/cases/[caseNumber]/supplement/files/route";
import * as supplementRoute from "../../app/api/v1/cases/[caseNumber]/supplement/route";
import * as withdrawRoute from "../../app/api/v1/cases/[caseNumber]/withdraw/route";
import * as casesRoute from "../../app/api/v1/cases/route";
import * as consoleCaseRoute from "../../app/api/v1/console/cases/[caseNumber]/route";
import * as transitionsRoute from "../../app/api/v1/console/cases/[caseNumber]/transitions/route";
import * as consoleCasesRoute from "../../app/api/v1/console/cases/route";
import * as meRoute from "../../app/api/v1/me/route";
import * as notificationsRoute from "../../app/api/v1/notifications/route";
import { toStored } from "../../lib/accounts/identity-fields";
import { getApplication, startApplication } from "../../lib/applications/drafts";
import { uploadMaterial } from "../../lib/applications/files";
import { saveDraft } from "../../lib/applications/drafts";
import { submitApplication } from "../../lib/applications/submit";
import { hashPassword } from "../../lib/auth/password";
import type { Actor } from "../../lib/auth/policy";
import { hashToken } from "../../lib/api/tokens";
import { db } from "../../lib/db/client";
import { collectNotifications } from "../../lib/notifications/outbox";
import { LocalDiskStorage, setFileStorage } from "../../lib/storage";
import { DEMO_FORMS } from "../../prisma/seed/forms";
import { makePdf } from "../support/files";
import { randomIdNumber, randomPhone } from "../support/identities";
import { call, contract, coverage, documentedApiOperations } from "./api-support";

/**
 * The REST API end to end, through the real route handlers against a real database, with every answer checked
 * against the OpenAPI document: token → draft → files → submit → clerk transitions (supplement, resubmit,
 * accept, approve, complete) → the applicant sees completion → rating; stale versions, other people's
 * resources, token rotation and revocation, CORS and malformed input.
 */

// Before any import reads the environment (lib/env.ts parses it once).
vi.hoisted(() => {
  process.env.API_CORS_ORIGINS = "https://app.example.gov.cn";
});

const PASSWORD = "Passw0rd!demo";
let root = "";
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ow-api-"));
  setFileStorage(new LocalDiskStorage(path.join(root, "files")));
});
afterAll(async () => {
  setFileStorage(undefined);
  await rm(root, { recursive: true, force: true });
});

let addressCounter = 0;
const newIp = () => `198.18.0.${++addressCounter}`;

async function png(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .png()
    .toBuffer();
}

async function idCardItem() {
  const demo = DEMO_FORMS[0]!;
  return db().serviceItem.findFirstOrThrow({ where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } }, select: { implementationCode: true, departmentId: true, id: true } });
}

async function newCitizen(name: string) {
  const phone = randomPhone();
  const idNumber = randomIdNumber();
  const user = await db().user.create({ data: { role: "CITIZEN", realName: name, ...toStored({ phone, idNumber }), passwordHash: await hashPassword(PASSWORD) } });
  return { user: { ...user, phone, idNumber }, username: phone };
}

async function newClerk(departmentId: string) {
  const loginName = `apiclerk${randomPhone()}`;
  const user = await db().user.create({ data: { role: "CLERK", realName: "接口办事员", loginName, passwordHash: await hashPassword(PASSWORD), departmentId } });
  return { user, username: loginName };
}

type Tokens = { access_token: string; refresh_token: string; token_type: string; expires_in: number };

async function signIn(username: string, password = PASSWORD): Promise<Tokens> {
  return contract<Tokens>("/api/v1/auth/token", "post", await call(tokenRoute.POST, "POST", "/api/v1/auth/token", { body: { username, password }, ip: newIp() }), 200);
}

function upload(materialCode: string, name: string, bytes: Buffer, type: string): FormData {
  const form = new FormData();
  form.set("materialCode", materialCode);
  form.set("file", new File([new Uint8Array(bytes)], name, { type }));
  return form;
}

const ANSWERS = { realName: "赵接口", idNumber: "11010519491231002X", phone: "13912345678", reason: "lost", residence: "广安市广安区渠江北路 1 号", delivery: "post", members: [] };

describe("auth", () => {
  it("issues Bearer tokens for phone numbers and staff logins, refuses wrong passwords like the web, and throttles", async () => {
    const tokens = await signIn("13800138000");
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.expires_in).toBe(15 * 60);
    expect(tokens.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only hashes are stored.
    expect(await db().apiToken.findUnique({ where: { tokenHash: hashToken(tokens.access_token) } })).toMatchObject({ kind: "ACCESS", role: "CITIZEN" });
    expect(await db().apiToken.count({ where: { tokenHash: tokens.access_token } })).toBe(0);

    const me = await contract<{ realName: string; phone: string; role: string }>("/api/v1/me", "get", await call(meRoute.GET, "GET", "/api/v1/me", { token: tokens.access_token }), 200);
    expect(me).toMatchObject({ realName: "王小明", role: "CITIZEN" });
    expect(me.phone).not.toBe("13800138000");

    const staff = await signIn("clerk");
    const clerkMe = await contract<{ role: string; department: { name: string } }>("/api/v1/me", "get", await call(meRoute.GET, "GET", "/api/v1/me", { token: staff.access_token }), 200);
    expect(clerkMe.role).toBe("CLERK");
    expect(clerkMe.department.name).toContain("市场监督管理局");

    // Unknown account and wrong password: the same answer.
    const ip = newIp();
    const unknown = await call(tokenRoute.POST, "POST", "/api/v1/auth/token", { body: { username: "nobody-here", password: PASSWORD }, ip });
    const wrong = await call(tokenRoute.POST, "POST", "/api/v1/auth/token", { body: { username: "13800138000", password: "wrong-password" }, ip });
    const [unknownBody, wrongBody] = [await contract("/api/v1/auth/token", "post", unknown, 401), await contract("/api/v1/auth/token", "post", wrong, 401)];
    expect(unknownBody).toEqual(wrongBody);

    // The web sign-in's throttling per account: after 5 failures even the right password is refused (429).
    const { username } = await newCitizen("节流测试");
    for (let attempt = 0; attempt < 5; attempt++) await call(tokenRoute.POST, "POST", "/api/v1/auth/token", { body: { username, password: "nope-nope" }, ip: newIp() });
    const throttled = await call(tokenRoute.POST, "POST", "/api/v1/auth/token", { body: { username, password: PASSWORD }, ip: newIp() });
    await contract("/api/v1/auth/token", "post", throttled, 429);
    expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0);

    // Malformed input: 400 with fields, invalid JSON: 400, never a 500.
    const missing = await contract<{ error: { fields: Record<string, string> } }>("/api/v1/auth/token", "post", await call(tokenRoute.POST, "POST", "/api/v1/auth/token", { body: { username: "x" }, ip: newIp() }), 400);
    expect(Object.keys(missing.error.fields)).toEqual(["password"]);
    await contract("/api/v1/auth/token", "post", await call(tokenRoute.POST, "POST", "/api/v1/auth/token", { body: "{not json", ip: newIp() }), 400);
  });

  it("rotates refresh tokens, revokes the family when a used one comes back, and revokes on request", async () => {
    const { username } = await newCitizen("轮换测试");
    const first = await signIn(username);
    const second = await contract<Tokens>("/api/v1/auth/refresh", "post", await call(refreshRoute.POST, "POST", "/api/v1/auth/refresh", { body: { refresh_token: first.refresh_token } }), 200);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await call(meRoute.GET, "GET", "/api/v1/me", { token: second.access_token })).status).toBe(200);

    // The used refresh token again: refused, and every token of the family ends (the new ones too).
    await contract("/api/v1/auth/refresh", "post", await call(refreshRoute.POST, "POST", "/api/v1/auth/refresh", { body: { refresh_token: first.refresh_token } }), 401);
    await contract("/api/v1/me", "get", await call(meRoute.GET, "GET", "/api/v1/me", { token: second.access_token }), 401);
    await contract("/api/v1/auth/refresh", "post", await call(refreshRoute.POST, "POST", "/api/v1/auth/refresh", { body: { refresh_token: second.refresh_token } }), 401);

    const third = await signIn(username);
    await contract("/api/v1/auth/revoke", "post", await call(revokeRoute.POST, "POST", "/api/v1/auth/revoke", { body: { token: third.access_token } }), 200);
    expect((await call(meRoute.GET, "GET", "/api/v1/me", { token: third.access_token })).status).toBe(401);
    expect((await call(refreshRoute.POST, "POST", "/api/v1/auth/refresh", { body: { refresh_token: third.refresh_token } })).status).toBe(401);
    // Unknown tokens are answered alike; a missing one is a 400.
    expect((await call(revokeRoute.POST, "POST", "/api/v1/auth/revoke", { body: { token: "x".repeat(43) } })).status).toBe(200);
    await contract("/api/v1/auth/revoke", "post", await call(revokeRoute.POST, "POST", "/api/v1/auth/revoke", { body: {} }), 400);
    await contract("/api/v1/auth/refresh", "post", await call(refreshRoute.POST, "POST", "/api/v1/auth/refresh", { body: { refresh_token: 5 } }), 400);
  });

  it("ends a token when the account's session version, role or status changes, and requires one", async () => {
    const { user, username } = await newCitizen("版本测试");
    const tokens = await signIn(username);
    expect((await call(meRoute.GET, "GET", "/api/v1/me", { token: tokens.access_token })).status).toBe(200);
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    const refused = await call(meRoute.GET, "GET", "/api/v1/me", { token: tokens.access_token });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("WWW-Authenticate")).toContain("Bearer");
    expect((await call(refreshRoute.POST, "POST", "/api/v1/auth/refresh", { body: { refresh_token: tokens.refresh_token } })).status).toBe(401);

    const again = await signIn(username);
    await db().user.update({ where: { id: user.id }, data: { role: "COMPANY_AGENT" } });
    expect((await call(meRoute.GET, "GET", "/api/v1/me", { token: again.access_token })).status).toBe(401);
    await db().user.update({ where: { id: user.id }, data: { role: "CITIZEN" } });
    const third = await signIn(username);
    await db().user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    expect((await call(meRoute.GET, "GET", "/api/v1/me", { token: third.access_token })).status).toBe(401);

    expect((await call(meRoute.GET, "GET", "/api/v1/me")).status).toBe(401);
    expect((await call(meRoute.GET, "GET", "/api/v1/me", { token: "not-a-token" })).status).toBe(401);
  });

  it("grants CORS only to configured origins, with a preflight", async () => {
    const allowed = await tokenRoute.OPTIONS(new Request("http://localhost/api/v1/auth/token", { method: "OPTIONS", headers: { origin: "https://app.example.gov.cn", "access-control-request-method": "POST" } }));
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example.gov.cn");
    expect(allowed.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
    const other = await tokenRoute.OPTIONS(new Request("http://localhost/api/v1/auth/token", { method: "OPTIONS", headers: { origin: "https://evil.example" } }));
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const answer = await call(meRoute.GET, "GET", "/api/v1/me", { headers: { origin: "https://app.example.gov.cn" } });
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example.gov.cn");
    expect((await call(meRoute.GET, "GET", "/api/v1/me", { headers: { origin: "https://evil.example" } })).headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("the whole journey through the API", () => {
  it("token → draft → files → submit → supplement → resubmit → accept → approve → complete → completion seen → rating", async () => {
    const item = await idCardItem();
    const applicant = await newCitizen("赵接口");
    const stranger = await newCitizen("钱旁人");
    const clerk = await newClerk(item.departmentId);
    const citizenToken = (await signIn(applicant.username)).access_token;
    const strangerToken = (await signIn(stranger.username)).access_token;
    const clerkToken = (await signIn(clerk.username)).access_token;

    // Draft.
    const draft = await contract<{ id: string; itemCode: string; formVersion: number; answers: Record<string, unknown>; materials: { code: string }[]; revision: number }>(
      "/api/v1/applications",
      "post",
      await call(applicationsRoute.POST, "POST", "/api/v1/applications", { token: citizenToken, body: { itemCode: item.implementationCode } }),
      201,
    );
    expect(draft).toMatchObject({ itemCode: item.implementationCode });
    expect(draft.answers.realName).toBe("赵接口");
    expect(draft.materials.map((material) => material.code)).toEqual(expect.arrayContaining(["photo-receipt", "household-register"]));
    const again = await call(applicationsRoute.POST, "POST", "/api/v1/applications", { token: citizenToken, body: { itemCode: item.implementationCode } });
    expect((await contract<{ id: string }>("/api/v1/applications", "post", again, 200)).id).toBe(draft.id);
    await contract("/api/v1/applications", "post", await call(applicationsRoute.POST, "POST", "/api/v1/applications", { token: citizenToken, body: { itemCode: "no-such-item" } }), 404);
    await contract("/api/v1/applications", "post", await call(applicationsRoute.POST, "POST", "/api/v1/applications", { token: citizenToken, body: {} }), 400);
    const drafts = await contract<{ items: { id: string }[] }>("/api/v1/applications", "get", await call(applicationsRoute.GET, "GET", "/api/v1/applications", { token: citizenToken }), 200);
    expect(drafts.items.map((entry) => entry.id)).toContain(draft.id);

    const at = `/api/v1/applications/${draft.id}`;
    const params = { id: draft.id };
    // A bad answer: 422 with the field, nothing saved (the draft keeps its last saved values).
    const saved = await contract<{ revision: number; answers: Record<string, unknown> }>("/api/v1/applications/{id}", "patch", await call(applicationRoute.PATCH, "PATCH", at, { token: citizenToken, params, body: { answers: ANSWERS, step: "household" } }), 200);
    expect(saved.answers).toMatchObject({ residence: ANSWERS.residence, realName: "赵接口" });
    const bad = await contract<{ error: { fields: Record<string, string> } }>(
      "/api/v1/applications/{id}",
      "patch",
      await call(applicationRoute.PATCH, "PATCH", at, { token: citizenToken, params, body: { answers: { realName: "名".repeat(60) } } }),
      422,
    );
    expect(Object.keys(bad.error.fields)).toContain("realName");
    const after = await contract<{ answers: Record<string, unknown>; revision: number }>("/api/v1/applications/{id}", "get", await call(applicationRoute.GET, "GET", at, { token: citizenToken, params }), 200);
    expect(after.answers.realName).toBe("赵接口");
    expect(after.revision).toBe(saved.revision);
    // A stale revision: 409 with the fresh draft.
    const stale = await contract<{ current: { revision: number } }>(
      "/api/v1/applications/{id}",
      "patch",
      await call(applicationRoute.PATCH, "PATCH", at, { token: citizenToken, params, body: { answers: { residence: "旧设备" }, revision: 0 } }),
      409,
    );
    expect(stale.current.revision).toBe(saved.revision);
    await contract("/api/v1/applications/{id}", "patch", await call(applicationRoute.PATCH, "PATCH", at, { token: citizenToken, params, body: "[1,2" }), 400);
    await contract("/api/v1/applications/{id}", "patch", await call(applicationRoute.PATCH, "PATCH", at, { token: citizenToken, params, body: { answers: "x" } }), 400);

    // Files.
    const photo = await contract<{ fileId: string; sha256: string; size: number; contentType: string }>(
      "/api/v1/applications/{id}/files",
      "post",
      await call(filesRoute.POST, "POST", `${at}/files`, { token: citizenToken, params, form: upload("photo-receipt", "照片.png", await png(), "image/png") }),
      201,
    );
    expect(photo.contentType).toBe("image/png");
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    await contract(
      "/api/v1/applications/{id}/files",
      "post",
      await call(filesRoute.POST, "POST", `${at}/files`, { token: citizenToken, params, form: upload("household-register", "户口簿.pdf", makePdf(), "application/pdf") }),
      201,
    );
    // A file that lies about its type is refused with the reason; an unknown material likewise.
    await contract("/api/v1/applications/{id}/files", "post", await call(filesRoute.POST, "POST", `${at}/files`, { token: citizenToken, params, form: upload("household-register", "fake.pdf", Buffer.from("MZ not a pdf at all"), "application/pdf") }), 400);
    await contract("/api/v1/applications/{id}/files", "post", await call(filesRoute.POST, "POST", `${at}/files`, { token: citizenToken, params, body: { materialCode: "x" } }), 415);

    // The second citizen sees nothing of it: 404 on the draft, its files and its submission.
    await contract("/api/v1/applications/{id}", "get", await call(applicationRoute.GET, "GET", at, { token: strangerToken, params }), 404);
    await contract("/api/v1/applications/{id}", "patch", await call(applicationRoute.PATCH, "PATCH", at, { token: strangerToken, params, body: { answers: { residence: "x" } } }), 404);
    await contract("/api/v1/applications/{id}/files", "post", await call(filesRoute.POST, "POST", `${at}/files`, { token: strangerToken, params, form: upload("photo-receipt", "p.png", await png(), "image/png") }), 404);
    await contract(
      "/api/v1/applications/{id}/submit",
      "post",
      await call(submitRoute.POST, "POST", `${at}/submit`, { token: strangerToken, params, headers: { "Idempotency-Key": "stranger-key-1" }, body: { declaration: true } }),
      404,
    );

    // Submit: the key is required; the same key answers the same case (query code only the first time).
    await contract("/api/v1/applications/{id}/submit", "post", await call(submitRoute.POST, "POST", `${at}/submit`, { token: citizenToken, params, body: { declaration: true } }), 400);
    const key = `api-${draft.id}`;
    const submitted = await contract<{ caseNumber: string; queryCode: string | null; dueDate: string | null; replayed: boolean }>(
      "/api/v1/applications/{id}/submit",
      "post",
      await call(submitRoute.POST, "POST", `${at}/submit`, { token: citizenToken, params, headers: { "Idempotency-Key": key }, body: { declaration: true } }),
      201,
    );
    expect(submitted.caseNumber).toMatch(/^\d{20}$/);
    expect(submitted.queryCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(submitted.replayed).toBe(false);
    const replay = await call(submitRoute.POST, "POST", `${at}/submit`, { token: citizenToken, params, headers: { "Idempotency-Key": key }, body: { declaration: true } });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await contract("/api/v1/applications/{id}/submit", "post", replay, 201)).toMatchObject({ caseNumber: submitted.caseNumber, queryCode: null, replayed: true });
    expect(await db().case.count({ where: { applicationId: draft.id } })).toBe(1);
    const caseNumber = submitted.caseNumber;
    const caseParams = { caseNumber };

    // The stranger gets 404 on the case too.
    await contract("/api/v1/cases/{caseNumber}", "get", await call(caseRoute.GET, "GET", `/api/v1/cases/${caseNumber}`, { token: strangerToken, params: caseParams }), 404);
    await contract("/api/v1/cases/{caseNumber}/withdraw", "post", await call(withdrawRoute.POST, "POST", `/api/v1/cases/${caseNumber}/withdraw`, { token: strangerToken, params: caseParams, body: { expectedVersion: 0 } }), 404);
    await contract("/api/v1/cases/{caseNumber}/supplement", "get", await call(supplementRoute.GET, "GET", `/api/v1/cases/${caseNumber}/supplement`, { token: strangerToken, params: caseParams }), 404);
    await contract("/api/v1/cases/{caseNumber}/evaluation", "post", await call(evaluationRoute.POST, "POST", `/api/v1/cases/${caseNumber}/evaluation`, { token: strangerToken, params: caseParams, body: { level: 5 } }), 404);
    const strangerCases = await contract<{ items: unknown[] }>("/api/v1/cases", "get", await call(casesRoute.GET, "GET", "/api/v1/cases", { token: strangerToken }), 200);
    expect(strangerCases.items).toEqual([]);

    // The clerk finds it in the department's queue and opens it.
    const queue = await contract<{ items: { caseNumber: string; version: number }[]; next: string | null }>(
      "/api/v1/console/cases",
      "get",
      await call(consoleCasesRoute.GET, "GET", `/api/v1/console/cases?status=SUBMITTED&item=${item.implementationCode}`, { token: clerkToken }),
      200,
    );
    expect(queue.items.map((row) => row.caseNumber)).toContain(caseNumber);
    const staffView = await contract<{ version: number; applicant: { idNumber: string | null }; answers: Record<string, unknown>; actions: string[] }>(
      "/api/v1/console/cases/{caseNumber}",
      "get",
      await call(consoleCaseRoute.GET, "GET", `/api/v1/console/cases/${caseNumber}`, { token: clerkToken, params: caseParams }),
      200,
    );
    expect(staffView.actions).toContain("requestSupplement");
    expect(staffView.applicant.idNumber).not.toBe(applicant.user.idNumber);
    expect(staffView.answers.residence).toBe(ANSWERS.residence);
    await contract("/api/v1/console/cases/{caseNumber}", "get", await call(consoleCaseRoute.GET, "GET", `/api/v1/console/cases/${caseNumber}`, { token: citizenToken, params: caseParams }), 403);

    const transition = async (body: Record<string, unknown>, status = 200) =>
      contract<{ status: string; version: number; current?: { version: number; status: string } }>(
        "/api/v1/console/cases/{caseNumber}/transitions",
        "post",
        await call(transitionsRoute.POST, "POST", `/api/v1/console/cases/${caseNumber}/transitions`, { token: clerkToken, params: caseParams, body }),
        status,
      );

    const supplement = await transition({ action: "requestSupplement", expectedVersion: staffView.version, supplementList: [{ materialCode: "photo-receipt", note: "照片不清晰，请重新上传" }] });
    expect(supplement.status).toBe("SUPPLEMENT_REQUESTED");
    // A stale expectedVersion: 409 with the current state; an action the state does not allow: 422; missing fields: 400.
    const conflict = await transition({ action: "accept", expectedVersion: staffView.version }, 409);
    expect(conflict.current).toMatchObject({ version: supplement.version, status: "SUPPLEMENT_REQUESTED" });
    await transition({ action: "approve", expectedVersion: supplement.version }, 422);
    await transition({ action: "requestSupplement", expectedVersion: "x" }, 400);

    // The applicant sees the request and answers it: new photo, resubmit.
    const detail = await contract<{ status: string; version: number; supplement: { list: { note: string }[] } }>(
      "/api/v1/cases/{caseNumber}",
      "get",
      await call(caseRoute.GET, "GET", `/api/v1/cases/${caseNumber}`, { token: citizenToken, params: caseParams }),
      200,
    );
    expect(detail.supplement.list[0]?.note).toContain("照片");
    const request = await contract<{ editableMaterials: string[] }>("/api/v1/cases/{caseNumber}/supplement", "get", await call(supplementRoute.GET, "GET", `/api/v1/cases/${caseNumber}/supplement`, { token: citizenToken, params: caseParams }), 200);
    expect(request.editableMaterials).toEqual(["photo-receipt"]);
    const newPhoto = await contract<{ fileId: string }>(
      "/api/v1/cases/{caseNumber}/supplement/files",
      "post",
      await call(supplementFilesRoute.POST, "POST", `/api/v1/cases/${caseNumber}/supplement/files`, { token: citizenToken, params: caseParams, form: upload("photo-receipt", "新照片.png", await png(), "image/png") }),
      201,
    );
    await contract(
      "/api/v1/cases/{caseNumber}/supplement/files",
      "post",
      await call(supplementFilesRoute.POST, "POST", `/api/v1/cases/${caseNumber}/supplement/files`, { token: citizenToken, params: caseParams, form: upload("household-register", "x.pdf", makePdf(), "application/pdf") }),
      400,
    );
    // Changing an answer that is not listed: 422 with the field; a stale version: 409.
    const unlisted = await contract<{ error: { fields: Record<string, string> } }>(
      "/api/v1/cases/{caseNumber}/supplement",
      "post",
      await call(supplementRoute.POST, "POST", `/api/v1/cases/${caseNumber}/supplement`, { token: citizenToken, params: caseParams, body: { expectedVersion: detail.version, answers: { residence: "改了地址" }, files: { "photo-receipt": [newPhoto.fileId] } } }),
      422,
    );
    expect(Object.keys(unlisted.error.fields)).toContain("residence");
    await contract(
      "/api/v1/cases/{caseNumber}/supplement",
      "post",
      await call(supplementRoute.POST, "POST", `/api/v1/cases/${caseNumber}/supplement`, { token: citizenToken, params: caseParams, body: { expectedVersion: detail.version - 1, files: { "photo-receipt": [newPhoto.fileId] } } }),
      409,
    );
    const resubmitted = await contract<{ status: string; version: number }>(
      "/api/v1/cases/{caseNumber}/supplement",
      "post",
      await call(supplementRoute.POST, "POST", `/api/v1/cases/${caseNumber}/supplement`, { token: citizenToken, params: caseParams, body: { expectedVersion: detail.version, files: { "photo-receipt": [newPhoto.fileId] } } }),
      200,
    );
    expect(resubmitted.status).toBe("PRE_REVIEW");

    // Accept, approve, complete (the certificate is issued by the same transition).
    const accepted = await transition({ action: "accept", expectedVersion: resubmitted.version });
    expect(accepted.status).toBe("ACCEPTED");
    const approved = await transition({ action: "approve", expectedVersion: accepted.version });
    const completed = await transition({ action: "complete", expectedVersion: approved.version });
    expect(completed.status).toBe("COMPLETED");
    const staffAfter = await contract<{ licences: unknown[]; timeline: { action: string }[] }>(
      "/api/v1/console/cases/{caseNumber}",
      "get",
      await call(consoleCaseRoute.GET, "GET", `/api/v1/console/cases/${caseNumber}`, { token: clerkToken, params: caseParams }),
      200,
    );
    expect(staffAfter.licences).toHaveLength(1);

    // The applicant sees the completion with the whole timeline, and the case in the list.
    const done = await contract<{ status: string; timeline: { action: string }[]; submissions: unknown[] }>(
      "/api/v1/cases/{caseNumber}",
      "get",
      await call(caseRoute.GET, "GET", `/api/v1/cases/${caseNumber}`, { token: citizenToken, params: caseParams }),
      200,
    );
    expect(done.status).toBe("COMPLETED");
    expect(done.timeline.map((event) => event.action)).toEqual(["submit", "requestSupplement", "resubmit", "accept", "approve", "complete"]);
    expect(done.submissions).toHaveLength(2);
    const list = await contract<{ items: { caseNumber: string; status: string }[] }>("/api/v1/cases", "get", await call(casesRoute.GET, "GET", "/api/v1/cases", { token: citizenToken }), 200);
    expect(list.items).toContainEqual(expect.objectContaining({ caseNumber, status: "COMPLETED" }));

    // Notifications from the events (the worker's collection step), in English when asked.
    await collectNotifications();
    const inbox = await contract<{ items: { subject: string }[]; unreadCount: number }>(
      "/api/v1/notifications",
      "get",
      await call(notificationsRoute.GET, "GET", "/api/v1/notifications?lang=en", { token: citizenToken }),
      200,
    );
    expect(inbox.items.length).toBeGreaterThan(0);
    await contract("/api/v1/notifications", "get", await call(notificationsRoute.GET, "GET", "/api/v1/notifications", { token: clerkToken }), 403);

    // Rating: bad input 400, then 201, then a change 200.
    await contract("/api/v1/cases/{caseNumber}/evaluation", "post", await call(evaluationRoute.POST, "POST", `/api/v1/cases/${caseNumber}/evaluation`, { token: citizenToken, params: caseParams, body: { level: 9 } }), 400);
    const rated = await contract<{ level: number; created: boolean }>(
      "/api/v1/cases/{caseNumber}/evaluation",
      "post",
      await call(evaluationRoute.POST, "POST", `/api/v1/cases/${caseNumber}/evaluation`, { token: citizenToken, params: caseParams, body: { level: 5, tags: ["efficient"], comment: "手机上就办完了" } }),
      201,
    );
    expect(rated).toMatchObject({ level: 5, created: true });
    const changed = await contract<{ level: number; created: boolean }>(
      "/api/v1/cases/{caseNumber}/evaluation",
      "post",
      await call(evaluationRoute.POST, "POST", `/api/v1/cases/${caseNumber}/evaluation`, { token: citizenToken, params: caseParams, body: { level: 4 } }),
      200,
    );
    expect(changed.created).toBe(false);
    expect(await db().evaluation.count({ where: { touchpointId: (await db().case.findUniqueOrThrow({ where: { caseNumber } })).id } })).toBe(1);

    // Too late to withdraw a completed case.
    await contract("/api/v1/cases/{caseNumber}/withdraw", "post", await call(withdrawRoute.POST, "POST", `/api/v1/cases/${caseNumber}/withdraw`, { token: citizenToken, params: caseParams, body: { expectedVersion: completed.version } }), 422);
  });

  it("a case started on the web is withdrawn through the API, and keyset pages do not overlap", async () => {
    const item = await idCardItem();
    const { user, username } = await newCitizen("孙网页");
    const actor: Actor = { userId: user.id, role: "CITIZEN", realName: user.realName, departmentId: null, companyId: null, assuranceLevel: 2 };
    // The web's own lib functions (what the pages call) make the case.
    const { applicationId } = await startApplication(actor, item.implementationCode, null);
    const photo = await uploadMaterial(actor, { applicationId, materialCode: "photo-receipt", name: "p.png", bytes: await png() }, null);
    const register = await uploadMaterial(actor, { applicationId, materialCode: "household-register", name: "r.pdf", bytes: makePdf() }, null);
    const view = await getApplication(actor, applicationId);
    await saveDraft(actor, { applicationId, revision: view.revision, answers: { ...ANSWERS, realName: "孙网页", photo: [photo.fileId], householdRegister: [register.fileId] }, validateAll: true });
    const { caseNumber } = await submitApplication(actor, { applicationId, idempotencyKey: `web-${applicationId}`, declaration: true }, null);

    const token = (await signIn(username)).access_token;
    const params = { caseNumber };
    await contract("/api/v1/cases/{caseNumber}/supplement", "get", await call(supplementRoute.GET, "GET", `/api/v1/cases/${caseNumber}/supplement`, { token, params }), 422);
    const withdrawn = await contract<{ status: string }>(
      "/api/v1/cases/{caseNumber}/withdraw",
      "post",
      await call(withdrawRoute.POST, "POST", `/api/v1/cases/${caseNumber}/withdraw`, { token, params, body: { expectedVersion: 0, reason: "不需要了" } }),
      200,
    );
    expect(withdrawn.status).toBe("WITHDRAWN");
    await contract("/api/v1/cases/{caseNumber}/withdraw", "post", await call(withdrawRoute.POST, "POST", `/api/v1/cases/${caseNumber}/withdraw`, { token, params, body: { expectedVersion: 0 } }), 409);
    await contract("/api/v1/cases/{caseNumber}/withdraw", "post", await call(withdrawRoute.POST, "POST", `/api/v1/cases/${caseNumber}/withdraw`, { token, params, body: {} }), 400);

    // Keyset pages of the department's queue, one at a time, never repeat a case.
    const clerk = await newClerk(item.departmentId);
    const clerkToken = (await signIn(clerk.username)).access_token;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: string = `view=all&pageSize=1${after ? `&after=${encodeURIComponent(after)}` : ""}`;
      const body: { items: { caseNumber: string }[]; next: string | null } = await contract("/api/v1/console/cases", "get", await call(consoleCasesRoute.GET, "GET", `/api/v1/console/cases?${query}`, { token: clerkToken }), 200);
      seen.push(...body.items.map((row) => row.caseNumber));
      after = body.next;
      if (!after) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(caseNumber);
    await contract("/api/v1/console/cases", "get", await call(consoleCasesRoute.GET, "GET", "/api/v1/console/cases?due=later", { token: clerkToken }), 400);
    await contract("/api/v1/console/cases", "get", await call(consoleCasesRoute.GET, "GET", "/api/v1/console/cases?due=overdue", { token: clerkToken }), 200);

    // Another department's clerk: 404 on the case and its transitions.
    const other = await db().department.findFirstOrThrow({ where: { id: { not: item.departmentId }, parentId: null } });
    const outsider = await newClerk(other.id);
    const outsiderToken = (await signIn(outsider.username)).access_token;
    await contract("/api/v1/console/cases/{caseNumber}", "get", await call(consoleCaseRoute.GET, "GET", `/api/v1/console/cases/${caseNumber}`, { token: outsiderToken, params }), 404);
    await contract(
      "/api/v1/console/cases/{caseNumber}/transitions",
      "post",
      await call(transitionsRoute.POST, "POST", `/api/v1/console/cases/${caseNumber}/transitions`, { token: outsiderToken, params, body: { action: "void", reason: "x", expectedVersion: 1 } }),
      404,
    );
  });

  it("checked every documented applicant, console and auth operation against the document", () => {
    const expected = documentedApiOperations().filter((operation) => !operation.includes("/webhooks"));
    const missing = expected.filter((operation) => !coverage().has(operation));
    expect(missing).toEqual([]);
  });
});
