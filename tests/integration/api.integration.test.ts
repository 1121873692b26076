import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import { type components, formData } from "../../lib/api/client";
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
import {
  apiClient,
  coverage,
  demoSecondFactor,
  documentedApiOperations,
  ok,
  raw,
  refused,
  signIn,
} from "./api-support";

/**
 * The REST API end to end, through the typed client generated from the committed contract (lib/api/client), the
 * real route handlers and a real database, with every answer checked against the document: token → draft → files
 * → submit → clerk transitions (supplement, resubmit, accept, approve, complete) → the applicant sees completion →
 * rating; stale versions, other people's resources, token rotation and revocation, CORS and malformed input
 * (sent raw: the typed client cannot express it).
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
  return db().serviceItem.findFirstOrThrow({
    where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
    select: { implementationCode: true, departmentId: true, id: true },
  });
}

async function newCitizen(name: string) {
  const phone = randomPhone();
  const idNumber = randomIdNumber();
  const user = await db().user.create({
    data: {
      role: "CITIZEN",
      realName: name,
      ...toStored({ phone, idNumber }),
      passwordHash: await hashPassword(PASSWORD),
    },
  });
  return { user: { ...user, phone, idNumber }, username: phone };
}

async function newClerk(departmentId: string) {
  const loginName = `apiclerk${randomPhone()}`;
  const user = await db().user.create({
    data: {
      role: "CLERK",
      realName: "接口办事员",
      loginName,
      passwordHash: await hashPassword(PASSWORD),
      departmentId,
      duties: ["INTAKE", "HANDLING", "REVIEW", "DECISION"],
      ...demoSecondFactor(),
    },
  });
  return { user, username: loginName };
}

type ErrorBody = components["schemas"]["Error"];

/** The typed client as the holder of `token`. */
const as = (token: string) => apiClient({ token });

/** A material upload as the typed client sends it: the body's fields as multipart parts. */
function upload(materialCode: string, name: string, bytes: Buffer, type: string) {
  return { body: { materialCode, file: new File([new Uint8Array(bytes)], name, { type }) }, bodySerializer: formData };
}

const fieldsOf = async (response: Response) => Object.keys(((await response.json()) as ErrorBody).error.fields ?? {});

const ANSWERS = {
  realName: "赵接口",
  idNumber: "11010519491231002X",
  phone: "13912345678",
  reason: "lost",
  residence: "广安市广安区渠江北路 1 号",
  delivery: "post",
  members: [],
};

describe("auth", () => {
  it("issues Bearer tokens for phone numbers and staff logins, refuses wrong passwords like the web, and throttles", async () => {
    const tokens = await signIn("13800138000");
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.expires_in).toBe(15 * 60);
    expect(tokens.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only hashes are stored.
    expect(await db().apiToken.findUnique({ where: { tokenHash: hashToken(tokens.access_token) } })).toMatchObject({
      kind: "ACCESS",
      role: "CITIZEN",
    });
    expect(await db().apiToken.count({ where: { tokenHash: tokens.access_token } })).toBe(0);

    const me = ok(await as(tokens.access_token).GET("/api/v1/me"));
    expect(me).toMatchObject({ realName: "王小明", role: "CITIZEN" });
    expect(me.phone).not.toBe("13800138000");

    const staff = await signIn("clerk", { secondFactor: true });
    const clerkMe = ok(await as(staff.access_token).GET("/api/v1/me"));
    expect(clerkMe.role).toBe("CLERK");
    expect(clerkMe.department?.name).toContain("市场监督管理局");

    // Unknown account and wrong password: the same answer.
    const oneAddress = apiClient({ ip: newIp() });
    const unknown = refused(
      await oneAddress.POST("/api/v1/auth/token", { body: { username: "nobody-here", password: PASSWORD } }),
      401,
    );
    const wrong = refused(
      await oneAddress.POST("/api/v1/auth/token", { body: { username: "13800138000", password: "wrong-password" } }),
      401,
    );
    expect(unknown).toEqual(wrong);

    // The web sign-in's throttling per account: after 5 failures even the right password is refused (429).
    const { username } = await newCitizen("节流测试");
    for (let attempt = 0; attempt < 5; attempt++)
      await apiClient({ ip: newIp() }).POST("/api/v1/auth/token", { body: { username, password: "nope-nope" } });
    const throttled = await apiClient({ ip: newIp() }).POST("/api/v1/auth/token", {
      body: { username, password: PASSWORD },
    });
    refused(throttled, 429);
    expect(Number(throttled.response.headers.get("Retry-After"))).toBeGreaterThan(0);

    // Malformed input: 400 with fields, invalid JSON: 400, never a 500.
    const missing = await raw("POST", "/api/v1/auth/token", { body: { username: "x" }, ip: newIp() });
    expect(missing.status).toBe(400);
    expect(await fieldsOf(missing)).toEqual(["password"]);
    expect((await raw("POST", "/api/v1/auth/token", { body: "{not json", ip: newIp() })).status).toBe(400);
  });

  it("rotates refresh tokens, revokes the family when a used one comes back, and revokes on request", async () => {
    const { username } = await newCitizen("轮换测试");
    const anonymous = apiClient();
    const first = await signIn(username);
    const second = ok(await anonymous.POST("/api/v1/auth/refresh", { body: { refresh_token: first.refresh_token } }));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    ok(await as(second.access_token).GET("/api/v1/me"));

    // The used refresh token again: refused, and every token of the family ends (the new ones too).
    refused(await anonymous.POST("/api/v1/auth/refresh", { body: { refresh_token: first.refresh_token } }), 401);
    refused(await as(second.access_token).GET("/api/v1/me"), 401);
    refused(await anonymous.POST("/api/v1/auth/refresh", { body: { refresh_token: second.refresh_token } }), 401);

    const third = await signIn(username);
    expect(ok(await anonymous.POST("/api/v1/auth/revoke", { body: { token: third.access_token } }))).toEqual({
      revoked: true,
    });
    refused(await as(third.access_token).GET("/api/v1/me"), 401);
    refused(await anonymous.POST("/api/v1/auth/refresh", { body: { refresh_token: third.refresh_token } }), 401);
    // Unknown tokens are answered alike; a missing one is a 400.
    ok(await anonymous.POST("/api/v1/auth/revoke", { body: { token: "x".repeat(43) } }));
    expect((await raw("POST", "/api/v1/auth/revoke", { body: {} })).status).toBe(400);
    expect((await raw("POST", "/api/v1/auth/refresh", { body: { refresh_token: 5 } })).status).toBe(400);
  });

  it("ends a token when the account's session version, role or status changes, and requires one", async () => {
    const { user, username } = await newCitizen("版本测试");
    const tokens = await signIn(username);
    ok(await as(tokens.access_token).GET("/api/v1/me"));
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    const ended = await as(tokens.access_token).GET("/api/v1/me");
    refused(ended, 401);
    expect(ended.response.headers.get("WWW-Authenticate")).toContain("Bearer");
    refused(await apiClient().POST("/api/v1/auth/refresh", { body: { refresh_token: tokens.refresh_token } }), 401);

    const again = await signIn(username);
    await db().user.update({ where: { id: user.id }, data: { role: "COMPANY_AGENT" } });
    refused(await as(again.access_token).GET("/api/v1/me"), 401);
    await db().user.update({ where: { id: user.id }, data: { role: "CITIZEN" } });
    const third = await signIn(username);
    await db().user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    refused(await as(third.access_token).GET("/api/v1/me"), 401);

    refused(await apiClient().GET("/api/v1/me"), 401);
    refused(await as("not-a-token").GET("/api/v1/me"), 401);
  });

  it("grants CORS only to configured origins, with a preflight", async () => {
    const allowed = await raw("OPTIONS", "/api/v1/auth/token", {
      headers: { origin: "https://app.example.gov.cn", "access-control-request-method": "POST" },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example.gov.cn");
    expect(allowed.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
    const other = await raw("OPTIONS", "/api/v1/auth/token", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const answer = await apiClient({ headers: { origin: "https://app.example.gov.cn" } }).GET("/api/v1/me");
    expect(answer.response.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example.gov.cn");
    expect(
      (await apiClient({ headers: { origin: "https://evil.example" } }).GET("/api/v1/me")).response.headers.get(
        "Access-Control-Allow-Origin",
      ),
    ).toBeNull();
  });
});

describe("the whole journey through the API", () => {
  it("token → draft → files → submit → supplement → resubmit → accept → approve → complete → completion seen → rating", async () => {
    const item = await idCardItem();
    const applicant = await newCitizen("赵接口");
    const stranger = await newCitizen("钱旁人");
    const clerk = await newClerk(item.departmentId);
    const citizenToken = (await signIn(applicant.username)).access_token;
    const citizen = as(citizenToken);
    const strangerApi = as((await signIn(stranger.username)).access_token);
    const clerkToken = (await signIn(clerk.username, { secondFactor: true })).access_token;
    const clerkApi = as(clerkToken);

    // Draft.
    const draft = ok(await citizen.POST("/api/v1/applications", { body: { itemCode: item.implementationCode } }), 201);
    expect(draft).toMatchObject({ itemCode: item.implementationCode });
    expect(draft.answers.realName).toBe("赵接口");
    expect(draft.materials.map((material) => material.code)).toEqual(
      expect.arrayContaining(["photo-receipt", "household-register"]),
    );
    const again = ok(await citizen.POST("/api/v1/applications", { body: { itemCode: item.implementationCode } }), 200);
    expect(again.id).toBe(draft.id);
    refused(await citizen.POST("/api/v1/applications", { body: { itemCode: "no-such-item" } }), 404);
    expect((await raw("POST", "/api/v1/applications", { token: citizenToken, body: {} })).status).toBe(400);
    const drafts = ok(await citizen.GET("/api/v1/applications"));
    expect(drafts.items.map((entry) => entry.id)).toContain(draft.id);

    const at = `/api/v1/applications/${draft.id}`;
    const ofDraft = { params: { path: { id: draft.id } } };
    // A bad answer: 422 with the field, nothing saved (the draft keeps its last saved values).
    const saved = ok(
      await citizen.PATCH("/api/v1/applications/{id}", { ...ofDraft, body: { answers: ANSWERS, step: "household" } }),
    );
    expect(saved.answers).toMatchObject({ residence: ANSWERS.residence, realName: "赵接口" });
    const bad = refused(
      await citizen.PATCH("/api/v1/applications/{id}", {
        ...ofDraft,
        body: { answers: { realName: "名".repeat(60) } },
      }),
      422,
    );
    expect(Object.keys(bad.error.fields ?? {})).toContain("realName");
    const after = ok(await citizen.GET("/api/v1/applications/{id}", ofDraft));
    expect(after.answers.realName).toBe("赵接口");
    expect(after.revision).toBe(saved.revision);
    // A stale revision: 409 with the fresh draft.
    const stale = refused(
      await citizen.PATCH("/api/v1/applications/{id}", {
        ...ofDraft,
        body: { answers: { residence: "旧设备" }, revision: 0 },
      }),
      409,
    );
    expect("current" in stale && stale.current.revision).toBe(saved.revision);
    expect((await raw("PATCH", at, { token: citizenToken, body: "[1,2" })).status).toBe(400);
    expect((await raw("PATCH", at, { token: citizenToken, body: { answers: "x" } })).status).toBe(400);

    // Files.
    const photo = ok(
      await citizen.POST("/api/v1/applications/{id}/files", {
        ...ofDraft,
        ...upload("photo-receipt", "照片.png", await png(), "image/png"),
      }),
      201,
    );
    expect(photo.contentType).toBe("image/png");
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    ok(
      await citizen.POST("/api/v1/applications/{id}/files", {
        ...ofDraft,
        ...upload("household-register", "户口簿.pdf", makePdf(), "application/pdf"),
      }),
      201,
    );
    // A file that lies about its type is refused with the reason; an upload that is not multipart likewise.
    refused(
      await citizen.POST("/api/v1/applications/{id}/files", {
        ...ofDraft,
        ...upload("household-register", "fake.pdf", Buffer.from("MZ not a pdf at all"), "application/pdf"),
      }),
      400,
    );
    expect((await raw("POST", `${at}/files`, { token: citizenToken, body: { materialCode: "x" } })).status).toBe(415);

    // The second citizen sees nothing of it: 404 on the draft, its files and its submission.
    refused(await strangerApi.GET("/api/v1/applications/{id}", ofDraft), 404);
    refused(
      await strangerApi.PATCH("/api/v1/applications/{id}", { ...ofDraft, body: { answers: { residence: "x" } } }),
      404,
    );
    refused(
      await strangerApi.POST("/api/v1/applications/{id}/files", {
        ...ofDraft,
        ...upload("photo-receipt", "p.png", await png(), "image/png"),
      }),
      404,
    );
    const submitAs = (api: typeof citizen, key: string) =>
      api.POST("/api/v1/applications/{id}/submit", {
        params: { path: { id: draft.id }, header: { "Idempotency-Key": key } },
        body: { declaration: true },
      });
    refused(await submitAs(strangerApi, "stranger-key-1"), 404);

    // Submit: the key is required; the same key answers the same case (query code only the first time).
    expect((await raw("POST", `${at}/submit`, { token: citizenToken, body: { declaration: true } })).status).toBe(400);
    const key = `api-${draft.id}`;
    const submitted = ok(await submitAs(citizen, key), 201);
    expect(submitted.caseNumber).toMatch(/^\d{20}$/);
    expect(submitted.queryCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(submitted.replayed).toBe(false);
    const replay = await submitAs(citizen, key);
    expect(replay.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect(ok(replay, 201)).toMatchObject({ caseNumber: submitted.caseNumber, queryCode: null, replayed: true });
    expect(await db().case.count({ where: { applicationId: draft.id } })).toBe(1);
    const caseNumber = submitted.caseNumber;
    const ofCase = { params: { path: { caseNumber } } };

    // The stranger gets 404 on the case too.
    refused(await strangerApi.GET("/api/v1/cases/{caseNumber}", ofCase), 404);
    refused(
      await strangerApi.POST("/api/v1/cases/{caseNumber}/withdraw", { ...ofCase, body: { expectedVersion: 0 } }),
      404,
    );
    refused(await strangerApi.GET("/api/v1/cases/{caseNumber}/supplement", ofCase), 404);
    refused(await strangerApi.POST("/api/v1/cases/{caseNumber}/evaluation", { ...ofCase, body: { level: 5 } }), 404);
    expect(ok(await strangerApi.GET("/api/v1/cases")).items).toEqual([]);

    // The clerk finds it in the department's queue and opens it.
    const queue = ok(
      await clerkApi.GET("/api/v1/console/cases", {
        params: { query: { status: "SUBMITTED", item: item.implementationCode } },
      }),
    );
    expect(queue.items.map((row) => row.caseNumber)).toContain(caseNumber);
    const staffView = ok(await clerkApi.GET("/api/v1/console/cases/{caseNumber}", ofCase));
    expect(staffView.actions).toContain("requestSupplement");
    expect(staffView.applicant.idNumber).not.toBe(applicant.user.idNumber);
    expect(staffView.answers.residence).toBe(ANSWERS.residence);
    refused(await citizen.GET("/api/v1/console/cases/{caseNumber}", ofCase), 403);

    const transition = (body: components["schemas"]["TransitionRequest"]) =>
      clerkApi.POST("/api/v1/console/cases/{caseNumber}/transitions", { ...ofCase, body });

    const supplement = ok(
      await transition({
        action: "requestSupplement",
        expectedVersion: staffView.version,
        supplementList: [{ materialCode: "photo-receipt", note: "照片不清晰，请重新上传" }],
      }),
    );
    expect(supplement.status).toBe("SUPPLEMENT_REQUESTED");
    // A stale expectedVersion: 409 with the current state; an action the state does not allow: 422; missing fields: 400.
    const conflict = refused(await transition({ action: "accept", expectedVersion: staffView.version }), 409);
    expect("current" in conflict && conflict.current).toMatchObject({
      version: supplement.version,
      status: "SUPPLEMENT_REQUESTED",
    });
    refused(await transition({ action: "approve", expectedVersion: supplement.version }), 422);
    expect(
      (
        await raw("POST", `/api/v1/console/cases/${caseNumber}/transitions`, {
          token: clerkToken,
          body: { action: "requestSupplement", expectedVersion: "x" },
        })
      ).status,
    ).toBe(400);

    // The applicant sees the request and answers it: new photo, resubmit.
    const detail = ok(await citizen.GET("/api/v1/cases/{caseNumber}", ofCase));
    expect(detail.supplement?.list[0]?.note).toContain("照片");
    const request = ok(await citizen.GET("/api/v1/cases/{caseNumber}/supplement", ofCase));
    expect(request.editableMaterials).toEqual(["photo-receipt"]);
    const newPhoto = ok(
      await citizen.POST("/api/v1/cases/{caseNumber}/supplement/files", {
        ...ofCase,
        ...upload("photo-receipt", "新照片.png", await png(), "image/png"),
      }),
      201,
    );
    refused(
      await citizen.POST("/api/v1/cases/{caseNumber}/supplement/files", {
        ...ofCase,
        ...upload("household-register", "x.pdf", makePdf(), "application/pdf"),
      }),
      400,
    );
    // Changing an answer that is not listed: 422 with the field; a stale version: 409.
    const resubmit = (body: components["schemas"]["SupplementRequestBody"]) =>
      citizen.POST("/api/v1/cases/{caseNumber}/supplement", { ...ofCase, body });
    const unlisted = refused(
      await resubmit({
        expectedVersion: detail.version,
        answers: { residence: "改了地址" },
        files: { "photo-receipt": [newPhoto.fileId] },
      }),
      422,
    );
    expect(Object.keys(("fields" in unlisted.error && unlisted.error.fields) || {})).toContain("residence");
    const staleResubmit = refused(
      await resubmit({ expectedVersion: detail.version - 1, files: { "photo-receipt": [newPhoto.fileId] } }),
      409,
    );
    expect("current" in staleResubmit && staleResubmit.current).toMatchObject({ version: detail.version });
    const resubmitted = ok(
      await resubmit({ expectedVersion: detail.version, files: { "photo-receipt": [newPhoto.fileId] } }),
    );
    expect(resubmitted.status).toBe("PRE_REVIEW");

    // The item's workflow holds over the API too: a clerk without the intake duty is refused, with the reason.
    const reviewer = await db().user.create({
      data: {
        role: "CLERK",
        realName: "接口审核员",
        loginName: `apireview${randomPhone()}`,
        passwordHash: await hashPassword(PASSWORD),
        departmentId: item.departmentId,
        duties: ["REVIEW"],
        ...demoSecondFactor(),
      },
    });
    const reviewerApi = as((await signIn(reviewer.loginName ?? "", { secondFactor: true })).access_token);
    const notIntake = refused(
      await reviewerApi.POST("/api/v1/console/cases/{caseNumber}/transitions", {
        ...ofCase,
        body: { action: "accept", expectedVersion: resubmitted.version },
      }),
      403,
    );
    expect(JSON.stringify(notIntake)).toContain("岗位职责");

    // Accept, approve, complete (the certificate is issued by the same transition).
    const accepted = ok(await transition({ action: "accept", expectedVersion: resubmitted.version }));
    expect(accepted.status).toBe("ACCEPTED");
    const approved = ok(await transition({ action: "approve", expectedVersion: accepted.version }));
    const completed = ok(await transition({ action: "complete", expectedVersion: approved.version }));
    expect(completed.status).toBe("COMPLETED");
    const staffAfter = ok(await clerkApi.GET("/api/v1/console/cases/{caseNumber}", ofCase));
    expect(staffAfter.licences).toHaveLength(1);
    // 证照共享: the applicant's valid licences for this case, signed; a malformed type is a 400.
    const shared = ok(await clerkApi.GET("/api/v1/console/cases/{caseNumber}/licences", ofCase));
    expect(shared.licences.map((licence) => licence.number)).toContain(staffAfter.licences[0]?.number);
    expect(shared.licences.every((licence) => licence.signedPayload?.startsWith("OW1."))).toBe(true);
    expect(
      (await raw("GET", `/api/v1/console/cases/${caseNumber}/licences?type=a-b`, { token: clerkToken })).status,
    ).toBe(400);

    // The applicant sees the completion with the whole timeline, and the case in the list.
    const done = ok(await citizen.GET("/api/v1/cases/{caseNumber}", ofCase));
    expect(done.status).toBe("COMPLETED");
    expect(done.timeline.map((event) => event.action)).toEqual([
      "submit",
      "requestSupplement",
      "resubmit",
      "accept",
      "approve",
      "complete",
    ]);
    expect(done.submissions).toHaveLength(2);
    const list = ok(await citizen.GET("/api/v1/cases"));
    expect(list.items).toContainEqual(expect.objectContaining({ caseNumber, status: "COMPLETED" }));

    // Notifications from the events (the worker's collection step), in English when asked.
    await collectNotifications();
    const inbox = ok(await citizen.GET("/api/v1/notifications", { params: { query: { lang: "en" } } }));
    expect(inbox.items.length).toBeGreaterThan(0);
    refused(await clerkApi.GET("/api/v1/notifications"), 403);

    // Rating: bad input 400, then 201, then a change 200.
    const rate = (body: components["schemas"]["EvaluationRequest"]) =>
      citizen.POST("/api/v1/cases/{caseNumber}/evaluation", { ...ofCase, body });
    refused(await rate({ level: 9 }), 400);
    expect(ok(await rate({ level: 5, tags: ["efficient"], comment: "手机上就办完了" }), 201)).toMatchObject({
      level: 5,
      created: true,
    });
    expect(ok(await rate({ level: 4 }), 200).created).toBe(false);
    expect(
      await db().evaluation.count({
        where: { touchpointId: (await db().case.findUniqueOrThrow({ where: { caseNumber } })).id },
      }),
    ).toBe(1);

    // Too late to withdraw a completed case.
    refused(
      await citizen.POST("/api/v1/cases/{caseNumber}/withdraw", {
        ...ofCase,
        body: { expectedVersion: completed.version },
      }),
      422,
    );
  });

  it("a case started on the web is withdrawn through the API, and keyset pages do not overlap", async () => {
    const item = await idCardItem();
    const { user, username } = await newCitizen("孙网页");
    const actor: Actor = {
      userId: user.id,
      role: "CITIZEN",
      realName: user.realName,
      departmentId: null,
      companyId: null,
      assuranceLevel: 2,
    };
    // The web's own lib functions (what the pages call) make the case.
    const { applicationId } = await startApplication(actor, item.implementationCode, null);
    const photo = await uploadMaterial(
      actor,
      { applicationId, materialCode: "photo-receipt", name: "p.png", bytes: await png() },
      null,
    );
    const register = await uploadMaterial(
      actor,
      { applicationId, materialCode: "household-register", name: "r.pdf", bytes: makePdf() },
      null,
    );
    const view = await getApplication(actor, applicationId);
    await saveDraft(actor, {
      applicationId,
      revision: view.revision,
      answers: { ...ANSWERS, realName: "孙网页", photo: [photo.fileId], householdRegister: [register.fileId] },
      validateAll: true,
    });
    const { caseNumber } = await submitApplication(
      actor,
      { applicationId, idempotencyKey: `web-${applicationId}`, declaration: true },
      null,
    );

    const token = (await signIn(username)).access_token;
    const api = as(token);
    const ofCase = { params: { path: { caseNumber } } };
    refused(await api.GET("/api/v1/cases/{caseNumber}/supplement", ofCase), 422);
    const withdrawn = ok(
      await api.POST("/api/v1/cases/{caseNumber}/withdraw", {
        ...ofCase,
        body: { expectedVersion: 0, reason: "不需要了" },
      }),
    );
    expect(withdrawn.status).toBe("WITHDRAWN");
    const staleWithdraw = refused(
      await api.POST("/api/v1/cases/{caseNumber}/withdraw", { ...ofCase, body: { expectedVersion: 0 } }),
      409,
    );
    expect("current" in staleWithdraw && staleWithdraw.current).toMatchObject({ caseNumber, status: "WITHDRAWN" });
    expect((await raw("POST", `/api/v1/cases/${caseNumber}/withdraw`, { token, body: {} })).status).toBe(400);

    // Keyset pages of the department's queue, one at a time, never repeat a case.
    const clerk = await newClerk(item.departmentId);
    const clerkToken = (await signIn(clerk.username, { secondFactor: true })).access_token;
    const clerkApi = as(clerkToken);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const body = ok(
        await clerkApi.GET("/api/v1/console/cases", { params: { query: { view: "all", pageSize: 1, after } } }),
      );
      seen.push(...body.items.map((row) => row.caseNumber));
      after = body.next ?? undefined;
      if (!after) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(caseNumber);
    expect((await raw("GET", "/api/v1/console/cases?due=later", { token: clerkToken })).status).toBe(400);
    ok(await clerkApi.GET("/api/v1/console/cases", { params: { query: { due: "overdue" } } }));

    // Another department's clerk: 404 on the case and its transitions.
    const other = await db().department.findFirstOrThrow({ where: { id: { not: item.departmentId }, parentId: null } });
    const outsider = as((await signIn((await newClerk(other.id)).username, { secondFactor: true })).access_token);
    refused(await outsider.GET("/api/v1/console/cases/{caseNumber}", ofCase), 404);
    refused(await outsider.GET("/api/v1/console/cases/{caseNumber}/licences", ofCase), 404);
    refused(
      await outsider.POST("/api/v1/console/cases/{caseNumber}/transitions", {
        ...ofCase,
        body: { action: "void", reason: "x", expectedVersion: 1 },
      }),
      404,
    );
  });

  it("checked every documented applicant, console and auth operation against the document", () => {
    const expected = documentedApiOperations().filter((operation) => !operation.includes("/webhooks"));
    const missing = expected.filter((operation) => !coverage().has(operation));
    expect(missing).toEqual([]);
  });
});
