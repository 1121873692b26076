import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { collectCaseEvents } from "../../lib/notifications/outbox";
import { takeCaseAction } from "../../lib/cases/take-action";
import { getStaffCase } from "../../lib/cases/detail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wherePhone } from "../../lib/accounts/identity-fields";
import {
  getMyCase,
  getSupplementRequest,
  resubmitSupplement,
  uploadSupplementFile,
  withdrawCase,
} from "../../lib/applications/cases";
import {
  DraftConflictError,
  discardDraft,
  getApplication,
  listMyApplications,
  saveDraft,
  startApplication,
} from "../../lib/applications/drafts";
import { draftsDueForReminder, expireDrafts, markRemindersSent } from "../../lib/applications/expiry";
import { attachFromLocker, detachFile, listLocker, uploadMaterial } from "../../lib/applications/files";
import { reissueQueryCode, submitApplication } from "../../lib/applications/submit";
import type { Actor } from "../../lib/auth/policy";
import { actorOf } from "../../lib/auth/actor";
import { hashQueryCode } from "../../lib/cases/case-number";
import { transitionCase } from "../../lib/cases/transition";
import { db } from "../../lib/db/client";
import { getReadableFile } from "../../lib/files/access";
import { storeUpload } from "../../lib/files/store";
import { LocalDiskStorage, setFileStorage } from "../../lib/storage";
import { DEMO_FORMS } from "../../prisma/seed/forms";
import { newCitizen } from "../support/actors";
import { expectAppError } from "../support/errors";
import { makeDocx, makeExe, makePdf } from "../support/files";
import { randomPhone } from "../support/identities";

let root = "";
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ow-applications-"));
  setFileStorage(new LocalDiskStorage(path.join(root, "files")));
});
afterAll(async () => {
  setFileStorage(undefined);
  await rm(root, { recursive: true, force: true });
});

/** The actor of an account, as a signed-in request gets it (lib/auth/actor.ts). */
function toActor(user: {
  id: string;
  role: string;
  realName: string;
  departmentId: string | null;
  assuranceLevel: number;
}): Promise<Actor> {
  return actorOf({ ...user, role: user.role as Actor["role"] });
}

async function itemCode(index: number): Promise<{ code: string; departmentId: string; id: string }> {
  const demo = DEMO_FORMS[index]!;
  const item = await db().serviceItem.findFirstOrThrow({
    where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
    select: { implementationCode: true, departmentId: true, id: true },
  });
  return { code: item.implementationCode, departmentId: item.departmentId, id: item.id };
}

async function clerkOf(departmentId: string): Promise<Actor> {
  return toActor(
    await db().user.create({
      data: {
        role: "CLERK",
        realName: "窗口人员",
        loginName: `clerk-${randomPhone()}`,
        passwordHash: "unused",
        departmentId,
        duties: ["INTAKE", "HANDLING", "REVIEW", "DECISION"],
      },
    }),
  );
}

async function png(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 10, b: 10 } } })
    .png()
    .toBuffer();
}

/** Complete answers for the ID card form (the file fields come from the uploads). */
function idCardAnswers(extra: Record<string, unknown> = {}) {
  return {
    realName: "张三",
    idNumber: "11010519491231002X",
    phone: "13912345678",
    reason: "lost",
    residence: "广安市广安区渠江北路 1 号",
    delivery: "post",
    members: [],
    ...extra,
  };
}

/** A draft of `actor` for the ID card item with both required materials uploaded and every answer given. */
async function completeDraft(actor: Actor) {
  const { code } = await itemCode(0);
  const { applicationId } = await startApplication(actor, code, null);
  const photo = await uploadMaterial(
    actor,
    { applicationId, materialCode: "photo-receipt", name: "照片.png", bytes: await png() },
    null,
  );
  const register = await uploadMaterial(
    actor,
    { applicationId, materialCode: "household-register", name: "户口簿.pdf", bytes: makePdf() },
    null,
  );
  const draft = await getApplication(actor, applicationId);
  await saveDraft(actor, {
    applicationId,
    revision: draft.revision,
    answers: idCardAnswers({ photo: [photo.fileId], householdRegister: [register.fileId] }),
    step: "uploads",
    validateAll: true,
  });
  return { applicationId, photo, register };
}

describe("drafts", () => {
  it("starts one draft per applicant and item with prefilled answers, and resumes it (also under concurrent starts)", async () => {
    const citizen = await newCitizen("李四");
    const { code } = await itemCode(0);
    const results = await Promise.all(Array.from({ length: 5 }, () => startApplication(citizen, code, null)));
    expect(new Set(results.map((result) => result.applicationId)).size).toBe(1);
    expect(results.filter((result) => !result.resumed)).toHaveLength(1);
    const draft = await getApplication(citizen, results[0]!.applicationId);
    expect(draft.answers.realName).toBe("李四");
    expect(draft.currentStep).toBe("applicant");
    expect(draft.materials.map((material) => material.code)).toContain("photo-receipt");
    expect(draft.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
  });

  it("lets only citizens and company agents at the item's assurance level apply", async () => {
    const { code, departmentId, id } = await itemCode(0);
    const clerk = await clerkOf(departmentId);
    expect((await expectAppError(startApplication(clerk, code, null))).code).toBe("FORBIDDEN");
    await db().serviceItem.update({ where: { id }, data: { minAssuranceLevel: 3 } });
    try {
      const low = await newCitizen();
      expect((await expectAppError(startApplication(low, code, null))).messageKey).toBe(
        "applications.errors.assurance",
      );
      expect((await startApplication({ ...low, assuranceLevel: 3 }, code, null)).resumed).toBe(false);
    } finally {
      await db().serviceItem.update({ where: { id }, data: { minAssuranceLevel: 2 } });
    }
    expect((await expectAppError(startApplication(await newCitizen(), "no-such-item", null))).code).toBe("NOT_FOUND");
  });

  it("a company agent applies for the company", async () => {
    const agent = await toActor(await db().user.findUniqueOrThrow({ where: wherePhone("13800138001") }));
    const { code } = await itemCode(1);
    const { applicationId } = await startApplication(agent, code, null);
    const row = await db().application.findUniqueOrThrow({ where: { id: applicationId } });
    expect(row.applicantCompanyId).toBe(agent.companyId);
    const draft = await getApplication(agent, applicationId);
    expect(draft.answers.companyName).toBe("广安市鑫源商贸有限公司");
  });

  it("refuses a stale save from a second device with the fresh draft, and resumes at the saved step", async () => {
    const citizen = await newCitizen();
    const { applicationId } = await startApplication(citizen, (await itemCode(0)).code, null);
    const first = await saveDraft(citizen, {
      applicationId,
      revision: 0,
      answers: { realName: "设备一" },
      step: "household",
    });
    expect(first.revision).toBe(1);
    const stale = await expectAppError(
      saveDraft(citizen, { applicationId, revision: 0, answers: { realName: "设备二" }, step: "applicant" }),
    );
    expect(stale).toBeInstanceOf(DraftConflictError);
    expect((stale as DraftConflictError).current.answers.realName).toBe("设备一");
    const resumed = await getApplication(citizen, applicationId);
    expect(resumed.currentStep).toBe("household");
    expect(resumed.answers.realName).toBe("设备一");
  });

  it("accepts partial answers in a draft but refuses wrongly typed values and incomplete steps, keeping what was saved", async () => {
    const citizen = await newCitizen();
    const { applicationId } = await startApplication(citizen, (await itemCode(0)).code, null);
    const partial = await saveDraft(citizen, { applicationId, revision: 0, answers: { reason: "renew" } });
    const wrong = await expectAppError(
      saveDraft(citizen, {
        applicationId,
        revision: partial.revision,
        answers: { reason: "no-such-option", members: "not a list" },
      }),
    );
    expect(wrong.details.fieldErrors).toMatchObject({ reason: "forms.errors.option.invalid" });
    const strict = await expectAppError(
      saveDraft(citizen, {
        applicationId,
        revision: partial.revision,
        answers: { reason: "renew" },
        validateStep: "applicant",
      }),
    );
    expect(strict.details.fieldErrors).toMatchObject({
      realName: "forms.errors.required",
      oldCardExpiry: "forms.errors.required",
    });
    const attached = await expectAppError(
      saveDraft(citizen, {
        applicationId,
        revision: partial.revision,
        answers: { photo: ["3f1c2a70-0000-4000-8000-000000000000"] },
      }),
    );
    expect(attached.details.fieldErrors).toMatchObject({ photo: "applications.errors.fileNotAttached" });
    expect((await getApplication(citizen, applicationId)).answers).toEqual({ reason: "renew" });
    // Unknown keys and prototype tricks never reach the stored answers.
    await saveDraft(citizen, {
      applicationId,
      revision: partial.revision,
      answers: JSON.parse('{"reason":"first","__proto__":{"x":1},"evil":1}'),
    });
    expect((await getApplication(citizen, applicationId)).answers).toEqual({ reason: "first" });
  });

  it("discards a draft, and lists drafts with their expiry and reminder dates", async () => {
    const citizen = await newCitizen();
    const { applicationId } = await startApplication(citizen, (await itemCode(2)).code, null);
    const listed = await listMyApplications(citizen);
    expect(listed.drafts.map((draft) => draft.id)).toEqual([applicationId]);
    expect(listed.drafts[0]!.reminderDueAt.getTime()).toBe(listed.drafts[0]!.expiresAt.getTime() - 3 * 24 * 3600_000);
    await discardDraft(citizen, applicationId, null);
    expect((await listMyApplications(citizen)).drafts).toEqual([]);
  });
});

describe("materials", () => {
  it("uploads several files per material, keeps a bound form field in step, and refuses bad files by content", async () => {
    const citizen = await newCitizen();
    const { applicationId } = await startApplication(citizen, (await itemCode(0)).code, null);
    const one = await uploadMaterial(
      citizen,
      { applicationId, materialCode: "household-register", name: "首页.pdf", bytes: makePdf() },
      null,
    );
    const two = await uploadMaterial(
      citizen,
      { applicationId, materialCode: "household-register", name: "本人页.png", bytes: await png() },
      null,
    );
    expect(two.revision).toBe(one.revision + 1);
    let draft = await getApplication(citizen, applicationId);
    expect(draft.answers.householdRegister).toEqual([one.fileId, two.fileId]);
    expect(
      draft.materials.find((material) => material.code === "household-register")!.files.map((file) => file.trust),
    ).toEqual(["C", "C"]);

    const before = await db().storedFile.count();
    const renamed = await expectAppError(
      uploadMaterial(
        citizen,
        { applicationId, materialCode: "household-register", name: "户口簿.pdf", bytes: makeExe() },
        null,
      ),
    );
    expect(renamed.messageKey).toMatch(/^files\.errors\./);
    const empty = await expectAppError(
      uploadMaterial(
        citizen,
        { applicationId, materialCode: "household-register", name: "空.pdf", bytes: Buffer.alloc(0) },
        null,
      ),
    );
    expect(empty.messageKey).toBe("files.errors.empty");
    // Office documents are not accepted as applicants' materials (zip bombs are covered by files.integration.test.ts).
    const docx = await expectAppError(
      uploadMaterial(
        citizen,
        { applicationId, materialCode: "household-register", name: "申请.docx", bytes: makeDocx() },
        null,
      ),
    );
    expect(docx.messageKey).toBe("files.errors.typeNotAllowed");
    const unknownMaterial = await expectAppError(
      uploadMaterial(citizen, { applicationId, materialCode: "nope", name: "a.pdf", bytes: makePdf() }, null),
    );
    expect(unknownMaterial.code).toBe("VALIDATION");
    expect(await db().storedFile.count()).toBe(before + 1); // only the unknown material's file was stored (not attached)

    await detachFile(citizen, { applicationId, fileId: one.fileId });
    draft = await getApplication(citizen, applicationId);
    expect(draft.answers.householdRegister).toEqual([two.fileId]);
    // Removing the file in the form detaches it too.
    await saveDraft(citizen, {
      applicationId,
      revision: draft.revision,
      answers: { ...draft.answers, householdRegister: [] },
    });
    expect((await getApplication(citizen, applicationId)).files).toEqual([]);
  });

  it("reuses files from the locker without copying: own uploads at trust C, issued licences at trust A", async () => {
    const citizen = await newCitizen();
    const { applicationId: first } = await startApplication(citizen, (await itemCode(0)).code, null);
    const uploaded = await uploadMaterial(
      citizen,
      { applicationId: first, materialCode: "photo-receipt", name: "照片.png", bytes: await png() },
      null,
    );
    const { departmentId } = await itemCode(0);
    const clerk = await clerkOf(departmentId);
    const issued = await storeUpload({
      actor: clerk,
      purpose: "RESULT_DOCUMENT",
      name: "身份证.pdf",
      bytes: makePdf(),
      ownerUserId: citizen.userId,
    });
    await db().licence.create({
      data: {
        typeCode: "111",
        name: "居民身份证",
        number: `L-${randomPhone()}`,
        checkCode: "ABCD",
        holderName: citizen.realName,
        holderUserId: citizen.userId,
        issuerName: "公安",
        issuerCode: "X",
        issuedAt: new Date("2024-01-01"),
        fileId: issued.fileId,
      },
    });
    const locker = await listLocker(citizen);
    expect(locker.map((entry) => [entry.fileId, entry.trust])).toEqual([
      [issued.fileId, "A"],
      [uploaded.fileId, "C"],
    ]);

    const { applicationId: second } = await startApplication(citizen, (await itemCode(2)).code, null);
    const files = await db().storedFile.count();
    expect(
      (
        await attachFromLocker(citizen, {
          applicationId: second,
          materialCode: "skill-certificate",
          fileId: uploaded.fileId,
        })
      ).trust,
    ).toBe("C");
    expect(
      (
        await attachFromLocker(citizen, {
          applicationId: first,
          materialCode: "household-register",
          fileId: issued.fileId,
        })
      ).trust,
    ).toBe("A");
    expect(await db().storedFile.count()).toBe(files);
    const reused = await getApplication(citizen, second);
    expect(reused.answers.certificate).toEqual([uploaded.fileId]);

    const stranger = await newCitizen();
    const { applicationId: theirs } = await startApplication(stranger, (await itemCode(2)).code, null);
    expect(
      (
        await expectAppError(
          attachFromLocker(stranger, {
            applicationId: theirs,
            materialCode: "skill-certificate",
            fileId: uploaded.fileId,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(await listLocker(stranger)).toEqual([]);
  });
});

describe("submission", () => {
  it("creates exactly one case for double clicks, retries and concurrent attempts, with number, hashed query code, submission #1 and timeline", async () => {
    const citizen = await newCitizen();
    const { applicationId } = await completeDraft(citizen);
    const key = "key-" + applicationId;
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        submitApplication(citizen, { applicationId, idempotencyKey: key, declaration: true }, null),
      ),
    );
    const numbers = new Set(attempts.map((attempt) => attempt.caseNumber));
    expect(numbers.size).toBe(1);
    const fresh = attempts.filter((attempt) => attempt.queryCode);
    expect(fresh).toHaveLength(1);
    const caseNumber = attempts[0]!.caseNumber;
    expect(caseNumber).toMatch(/^511602\d{8}\d{6}$/);
    expect(fresh[0]!.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(fresh[0]!.estimatedDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // A retry (lost response) and another key for the same draft both answer with the same case.
    const retry = await submitApplication(citizen, { applicationId, idempotencyKey: key, declaration: true }, null);
    const otherKey = await submitApplication(
      citizen,
      { applicationId, idempotencyKey: "another-key-123", declaration: true },
      null,
    );
    expect([retry.caseNumber, otherKey.caseNumber, retry.queryCode, retry.replayed]).toEqual([
      caseNumber,
      caseNumber,
      null,
      true,
    ]);

    const rows = await db().case.findMany({ where: { applicationId } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.queryCodeHash).toBe(hashQueryCode(fresh[0]!.queryCode!));
    expect(JSON.stringify(row)).not.toContain(fresh[0]!.queryCode!);
    expect(row.status).toBe("SUBMITTED");
    expect(await db().caseSubmission.count({ where: { caseId: row.id } })).toBe(1);
    expect((await db().caseEvent.findMany({ where: { caseId: row.id } })).map((event) => event.action)).toEqual([
      "submit",
    ]);
    expect(await db().auditLog.count({ where: { action: "case.submit", objectId: row.id } })).toBe(1);
    expect((await db().application.findUniqueOrThrow({ where: { id: applicationId } })).status).toBe("SUBMITTED");
    // One "申请已提交" message, with the query code /track asks for; the outbox adds no second one.
    await collectCaseEvents();
    const messages = await db().notification.findMany({
      where: { userId: citizen.userId, template: "case.submit", subject: { path: ["caseNumber"], equals: caseNumber } },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.params).toMatchObject({ caseNumber, queryCode: fresh[0]!.queryCode });

    const detail = await getMyCase(citizen, caseNumber);
    expect(detail.submissions[0]!.files).toHaveLength(2);
    expect(detail.actions).toContain("withdraw");

    // The key of this case cannot create or fetch a case for another draft.
    const { applicationId: other } = await completeDraftForSubsidy(citizen);
    expect(
      (
        await expectAppError(
          submitApplication(citizen, { applicationId: other, idempotencyKey: key, declaration: true }, null),
        )
      ).messageKey,
    ).toBe("applications.errors.keyReused");

    // A new query code replaces the old one.
    const code = await reissueQueryCode(citizen, caseNumber, null);
    expect((await db().case.findUniqueOrThrow({ where: { id: row.id } })).queryCodeHash).toBe(hashQueryCode(code));
  });

  it("refuses an incomplete application or a missing declaration without changing the draft", async () => {
    const citizen = await newCitizen();
    const { applicationId } = await startApplication(citizen, (await itemCode(0)).code, null);
    const incomplete = await expectAppError(
      submitApplication(citizen, { applicationId, idempotencyKey: "incomplete-1", declaration: true }, null),
    );
    expect(incomplete.code).toBe("UNPROCESSABLE");
    expect(incomplete.details.fieldErrors).toMatchObject({
      reason: "forms.errors.required",
      photo: "forms.errors.file.required",
    });
    const undeclared = await expectAppError(
      submitApplication(citizen, { applicationId, idempotencyKey: "incomplete-2", declaration: false }, null),
    );
    expect(undeclared.details.fieldErrors).toMatchObject({ declaration: "applications.errors.declaration" });
    expect((await db().application.findUniqueOrThrow({ where: { id: applicationId } })).status).toBe("DRAFT");
    expect(await db().case.count({ where: { applicationId } })).toBe(0);
  });

  it("lets the case's department read the submitted files, and nobody else", async () => {
    const citizen = await newCitizen();
    const { applicationId, photo } = await completeDraft(citizen);
    const { departmentId } = await itemCode(0);
    const clerk = await clerkOf(departmentId);
    await expectAppError(getReadableFile(clerk, photo.fileId));
    await submitApplication(citizen, { applicationId, idempotencyKey: `k-${applicationId}`, declaration: true }, null);
    expect((await getReadableFile(clerk, photo.fileId)).id).toBe(photo.fileId);
    expect((await getReadableFile(citizen, photo.fileId)).id).toBe(photo.fileId);
    expect((await expectAppError(getReadableFile(await newCitizen(), photo.fileId))).code).toBe("NOT_FOUND");
    const otherClerk = await clerkOf((await itemCode(2)).departmentId);
    expect((await expectAppError(getReadableFile(otherClerk, photo.fileId))).code).toBe("NOT_FOUND");
  });
});

async function completeDraftForSubsidy(citizen: Actor) {
  const { code } = await itemCode(2);
  const { applicationId } = await startApplication(citizen, code, null);
  const draft = await getApplication(citizen, applicationId);
  await saveDraft(citizen, {
    applicationId,
    revision: draft.revision,
    answers: {
      realName: "张三",
      idNumber: "11010519491231002X",
      phone: "13912345678",
      hasSocialCard: "yes",
      level: "4",
      certificateNumber: "S123",
      issuedOn: "2025-01-02",
      training: [],
    },
    validateAll: true,
  });
  return { applicationId };
}

describe("after submission", () => {
  it("withdraws until accepted, and not after", async () => {
    const citizen = await newCitizen();
    const { applicationId } = await completeDraft(citizen);
    const { caseNumber } = await submitApplication(
      citizen,
      { applicationId, idempotencyKey: `w-${applicationId}`, declaration: true },
      null,
    );
    const withdrawn = await withdrawCase(citizen, { caseNumber, expectedVersion: 0, reason: "不需要了" }, null);
    expect(withdrawn.status).toBe("WITHDRAWN");

    const second = await completeDraft(citizen);
    const submitted = await submitApplication(
      citizen,
      { applicationId: second.applicationId, idempotencyKey: `w2-${second.applicationId}`, declaration: true },
      null,
    );
    const clerk = await clerkOf((await itemCode(0)).departmentId);
    await transitionCase(clerk, submitted.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null });
    expect(
      (await expectAppError(withdrawCase(citizen, { caseNumber: submitted.caseNumber, expectedVersion: 1 }, null)))
        .code,
    ).toBe("UNPROCESSABLE");
  });

  it("supplement round trip: only the listed answer and material may change; every submission is kept", async () => {
    const citizen = await newCitizen();
    const { applicationId, photo, register } = await completeDraft(citizen);
    const { caseNumber } = await submitApplication(
      citizen,
      { applicationId, idempotencyKey: `s-${applicationId}`, declaration: true },
      null,
    );
    const clerk = await clerkOf((await itemCode(0)).departmentId);
    await transitionCase(
      clerk,
      caseNumber,
      {
        action: "requestSupplement",
        expectedVersion: 0,
        supplementList: [
          { field: "residence", note: "地址不完整" },
          { materialCode: "photo-receipt", note: "照片模糊" },
        ],
      },
      { ip: null },
    );
    // A request names only the case's materials and answers, through the console's action too.
    const unknown = await expectAppError(
      takeCaseAction(
        clerk,
        caseNumber,
        { action: "requestSupplement", expectedVersion: 1, supplementList: [{ materialCode: "M1", note: "x" }] },
        { ip: null },
      ),
    );
    expect(unknown.details.fieldErrors).toEqual({ supplementList: "cases.errors.supplementUnknown" });
    const request = await getSupplementRequest(citizen, caseNumber);
    expect(request.list.map((entry) => entry.note)).toEqual(["地址不完整", "照片模糊"]);
    expect(request.editableFields).toEqual(["residence"]);
    expect(request.editableMaterials).toEqual(["photo-receipt"]);

    const answers = { ...request.answers };
    const changedUnlisted = await expectAppError(
      resubmitSupplement(
        citizen,
        { caseNumber, expectedVersion: 1, answers: { ...answers, delivery: "window", residence: "新地址 2 号" } },
        null,
      ),
    );
    expect(changedUnlisted.details.fieldErrors).toEqual({ delivery: "applications.errors.notListed" });
    const unlistedFiles = await expectAppError(
      resubmitSupplement(
        citizen,
        { caseNumber, expectedVersion: 1, answers, files: { "household-register": [] } },
        null,
      ),
    );
    expect(unlistedFiles.details.fieldErrors).toMatchObject({
      "materials.household-register": "applications.errors.notListed",
    });
    const notListedUpload = await expectAppError(
      uploadSupplementFile(
        citizen,
        { caseNumber, materialCode: "household-register", name: "a.pdf", bytes: makePdf() },
        null,
      ),
    );
    expect(notListedUpload.code).toBe("VALIDATION");

    // The same answers and files again fix nothing: refused, nothing written.
    expect(
      (await expectAppError(resubmitSupplement(citizen, { caseNumber, expectedVersion: 1, answers }, null))).messageKey,
    ).toBe("applications.errors.nothingChanged");
    expect(await db().caseSubmission.count({ where: { case: { caseNumber } } })).toBe(1);

    const newPhoto = await uploadSupplementFile(
      citizen,
      { caseNumber, materialCode: "photo-receipt", name: "清晰照片.png", bytes: await png() },
      null,
    );
    const result = await resubmitSupplement(
      citizen,
      {
        caseNumber,
        expectedVersion: 1,
        answers: { ...answers, residence: "广安市广安区渠江北路 2 号" },
        files: { "photo-receipt": [newPhoto.fileId] },
      },
      null,
    );
    expect(result.status).toBe("PRE_REVIEW");

    const row = await db().case.findUniqueOrThrow({ where: { caseNumber } });
    const submissions = await db().caseSubmission.findMany({ where: { caseId: row.id }, orderBy: { number: "asc" } });
    expect(submissions.map((submission) => submission.number)).toEqual([1, 2]);
    expect((submissions[0]!.answers as Record<string, unknown>).residence).toBe("广安市广安区渠江北路 1 号");
    expect((row.answers as Record<string, unknown>).residence).toBe("广安市广安区渠江北路 2 号");
    expect((submissions[1]!.files as { fileId: string }[]).map((file) => file.fileId).sort()).toEqual(
      [newPhoto.fileId, register.fileId].sort(),
    );
    expect((row.answers as Record<string, unknown>).photo).toEqual([newPhoto.fileId]);
    expect(photo.fileId).not.toBe(newPhoto.fileId);
    // The clerk may now read the new file.
    expect((await getReadableFile(clerk, newPhoto.fileId)).id).toBe(newPhoto.fileId);
    await expectAppError(getSupplementRequest(citizen, caseNumber));
    // The clerk sees what changed between the submissions: the answer, and the photo swapped.
    const staffView = await getStaffCase(clerk, caseNumber);
    expect(staffView.changes).toHaveLength(1);
    expect(staffView.changes[0]).toMatchObject({ number: 2, previous: 1 });
    expect(staffView.changes[0]!.answers.map((change) => [change.key, change.before, change.after])).toEqual([
      [
        "residence",
        { kind: "text", text: "广安市广安区渠江北路 1 号" },
        { kind: "text", text: "广安市广安区渠江北路 2 号" },
      ],
    ]);
    expect(staffView.changes[0]!.files).toEqual([
      {
        materialName: expect.any(String),
        added: [{ fileId: newPhoto.fileId, name: "清晰照片.png" }],
        removed: [{ fileId: photo.fileId, name: expect.any(String) }],
      },
    ]);
  });
});

describe("another citizen guessing ids", () => {
  it("reaches none of A's drafts, files or cases", async () => {
    const a = await newCitizen("甲");
    const b = await newCitizen("乙");
    const { applicationId: submittedDraft, photo } = await completeDraft(a);
    const { caseNumber } = await submitApplication(
      a,
      { applicationId: submittedDraft, idempotencyKey: `g-${submittedDraft}`, declaration: true },
      null,
    );
    const { applicationId } = await completeDraftForSubsidy(a);
    const clerk = await clerkOf((await itemCode(0)).departmentId);
    await transitionCase(
      clerk,
      caseNumber,
      { action: "requestSupplement", expectedVersion: 0, supplementList: [{ field: "residence", note: "x" }] },
      { ip: null },
    );
    const { applicationId: bDraft } = await startApplication(b, (await itemCode(0)).code, null);

    const refusals: (() => Promise<unknown>)[] = [
      () => getApplication(b, applicationId),
      () => saveDraft(b, { applicationId, revision: 3, answers: {} }),
      () =>
        uploadMaterial(b, { applicationId, materialCode: "skill-certificate", name: "x.pdf", bytes: makePdf() }, null),
      () => attachFromLocker(b, { applicationId: bDraft, materialCode: "photo-receipt", fileId: photo.fileId }),
      () => detachFile(b, { applicationId: submittedDraft, fileId: photo.fileId }),
      () => submitApplication(b, { applicationId, idempotencyKey: "guess-1234", declaration: true }, null),
      () => discardDraft(b, applicationId, null),
      () => getMyCase(b, caseNumber),
      () => withdrawCase(b, { caseNumber, expectedVersion: 1 }, null),
      () => getSupplementRequest(b, caseNumber),
      () => resubmitSupplement(b, { caseNumber, expectedVersion: 1, answers: {} }, null),
      () =>
        uploadSupplementFile(b, { caseNumber, materialCode: "photo-receipt", name: "x.pdf", bytes: makePdf() }, null),
      () => reissueQueryCode(b, caseNumber, null),
      () => getReadableFile(b, photo.fileId),
      () => getApplication(b, "not-a-uuid"),
      () => getMyCase(b, "../../etc"),
    ];
    for (const attempt of refusals) expect((await expectAppError(attempt())).code).toBe("NOT_FOUND");
    expect((await listMyApplications(b)).cases).toEqual([]);
    expect((await listMyApplications(b)).drafts.map((draft) => draft.id)).toEqual([bDraft]);
    // Nothing of A's changed.
    expect((await getApplication(a, applicationId)).status).toBe("DRAFT");
    expect((await getMyCase(a, caseNumber)).status).toBe("SUPPLEMENT_REQUESTED");
  });
});

describe("expiry", () => {
  it("expires untouched drafts and lists the ones due for a reminder", async () => {
    const citizen = await newCitizen();
    const { applicationId: old } = await startApplication(citizen, (await itemCode(0)).code, null);
    const { applicationId: soon } = await startApplication(citizen, (await itemCode(2)).code, null);
    const now = new Date();
    await db().application.update({ where: { id: old }, data: { expiresAt: new Date(now.getTime() - 1000) } });
    await db().application.update({
      where: { id: soon },
      data: { expiresAt: new Date(now.getTime() + 2 * 24 * 3600_000) },
    });
    const due = await draftsDueForReminder(now);
    expect(due.map((draft) => draft.id)).toContain(soon);
    expect(due.map((draft) => draft.id)).not.toContain(old);
    expect(await markRemindersSent([soon], now)).toBe(1);
    expect((await draftsDueForReminder(now)).map((draft) => draft.id)).not.toContain(soon);
    expect(await expireDrafts(now)).toBeGreaterThanOrEqual(1);
    expect((await db().application.findUniqueOrThrow({ where: { id: old } })).status).toBe("EXPIRED");
    expect(
      (await expectAppError(saveDraft(citizen, { applicationId: old, revision: 0, answers: {} }))).messageKey,
    ).toBe("applications.errors.notDraft");
    // A new start after expiry opens a fresh draft; a save pushes the expiry out again and clears the reminder.
    expect((await startApplication(citizen, (await itemCode(0)).code, null)).applicationId).not.toBe(old);
    const saved = await saveDraft(citizen, { applicationId: soon, revision: 0, answers: {} });
    expect(saved.expiresAt.getTime()).toBeGreaterThan(now.getTime() + 29 * 24 * 3600_000);
    expect((await db().application.findUniqueOrThrow({ where: { id: soon } })).reminderSentAt).toBeNull();
  });
});
