import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import { getApplication, saveDraft, startApplication } from "../../lib/applications/drafts";
import { uploadMaterial } from "../../lib/applications/files";
import { submitApplication } from "../../lib/applications/submit";
import type { Actor } from "../../lib/auth/policy";
import { getStaffCase, staffCaseAnswers } from "../../lib/cases/detail";
import { db } from "../../lib/db/client";
import { LocalDiskStorage, setFileStorage } from "../../lib/storage";
import { DEMO_FORMS } from "../../prisma/seed/forms";
import { makePdf } from "../support/files";
import { randomIdNumber, randomPhone } from "../support/identities";

/**
 * Issue 8: ID numbers and phones typed into a form (fields of type idNumber and phone, group rows included) are
 * encrypted in the stored answers of the draft, the case and its submission, and read back in the clear by the
 * applicant's draft, the clerk (masked on screen) and the REST API's staff view.
 */
let root: string;
let client: pg.Client;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ow-pii-answers-"));
  setFileStorage(new LocalDiskStorage(path.join(root, "files")));
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  setFileStorage(undefined);
  await rm(root, { recursive: true, force: true });
});

describe("personal data in form answers", () => {
  it("is encrypted in drafts, cases and submissions and read back in the clear", async () => {
    const phone = randomPhone();
    const idNumber = randomIdNumber();
    const memberId = randomIdNumber();
    const user = await db().user.create({
      data: { role: "CITIZEN", realName: "钱多多", ...toStored({ phone, idNumber }), passwordHash: "unused" },
    });
    const actor: Actor = {
      userId: user.id,
      role: "CITIZEN",
      realName: user.realName,
      departmentId: null,
      companyId: null,
      assuranceLevel: 2,
    };
    const demo = DEMO_FORMS[0]!;
    const item = await db().serviceItem.findFirstOrThrow({
      where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
      select: { implementationCode: true, departmentId: true },
    });

    // Prefilled from the profile: the draft row holds ciphertext, the applicant reads plaintext.
    const { applicationId } = await startApplication(actor, item.implementationCode, null);
    const prefilled = await getApplication(actor, applicationId);
    expect(prefilled.answers).toMatchObject({ idNumber, phone });
    const rowOf = async (sql: string, value: string) => JSON.stringify((await client.query(sql, [value])).rows);
    let draftRow = await rowOf("SELECT answers FROM application WHERE id = $1", applicationId);
    expect(draftRow).not.toContain(idNumber);
    expect(draftRow).not.toContain(phone);
    expect(draftRow).toContain("v1:");

    const photo = await uploadMaterial(
      actor,
      {
        applicationId,
        materialCode: "photo-receipt",
        name: "照片.png",
        bytes: await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } } })
          .png()
          .toBuffer(),
      },
      null,
    );
    const register = await uploadMaterial(
      actor,
      { applicationId, materialCode: "household-register", name: "户口簿.pdf", bytes: makePdf() },
      null,
    );
    const answers = {
      realName: "钱多多",
      idNumber,
      phone,
      reason: "lost",
      residence: "广安市广安区渠江北路 1 号",
      delivery: "post",
      members: [{ memberName: "钱小多", memberIdNumber: memberId }],
    };
    const draft = await getApplication(actor, applicationId);
    await saveDraft(actor, {
      applicationId,
      revision: draft.revision,
      answers: { ...answers, photo: [photo.fileId], householdRegister: [register.fileId] },
      step: "uploads",
      validateAll: true,
    });
    expect((await getApplication(actor, applicationId)).answers).toMatchObject(answers);
    draftRow = await rowOf("SELECT answers FROM application WHERE id = $1", applicationId);
    for (const plain of [idNumber, phone, memberId]) expect(draftRow).not.toContain(plain);
    expect(draftRow).toContain("钱小多");

    // Submitted: the case and its first submission keep the ciphertext.
    const { caseNumber } = await submitApplication(
      actor,
      { applicationId, idempotencyKey: `pii-${applicationId}`, declaration: true },
      null,
    );
    const caseRow = await rowOf(
      "SELECT c.answers, s.answers AS submitted FROM case_record c JOIN case_submission s ON s.case_id = c.id WHERE c.case_number = $1",
      caseNumber,
    );
    for (const plain of [idNumber, phone, memberId]) expect(caseRow).not.toContain(plain);
    expect(caseRow).toContain("广安市广安区渠江北路 1 号");

    // The clerk sees the answers laid out (ID numbers masked); the API's staff view hands out the real values.
    const clerkUser = await db().user.create({
      data: {
        role: "CLERK",
        realName: "窗口人员",
        loginName: `pii-clerk-${randomPhone()}`,
        passwordHash: "unused",
        departmentId: item.departmentId,
        duties: ["INTAKE", "HANDLING", "REVIEW", "DECISION"],
      },
    });
    const clerk: Actor = {
      userId: clerkUser.id,
      role: "CLERK",
      realName: clerkUser.realName,
      departmentId: item.departmentId,
      companyId: null,
      assuranceLevel: 3,
      duties: clerkUser.duties,
    };
    const detail = await getStaffCase(clerk, caseNumber);
    const shown = JSON.stringify(detail.answers);
    expect(shown).not.toContain("v1:");
    expect(shown).not.toContain(idNumber);
    expect(shown).toContain(`${idNumber.slice(0, 3)}***********${idNumber.slice(14)}`);
    expect(await staffCaseAnswers(caseNumber)).toMatchObject(answers);
  });
});
