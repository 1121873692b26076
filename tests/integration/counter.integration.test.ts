import { describe, expect, it } from "vitest";
import { whereIdNumber } from "../../lib/accounts/identity-fields";
import { counterFormOf, registerWalkIn, storeCounterScans } from "../../lib/cases/counter";
import { casesOfFile } from "../../lib/applications/file-cases";
import { openAnswers } from "../../lib/applications/answer-secrets";
import { FormDefinition } from "../../lib/forms/definition";
import { makeExe, makePdf } from "../support/files";
import { getStaffCase } from "../../lib/cases/detail";
import { chinaDate, isoToDateColumn } from "../../lib/calendar/china-time";
import { db } from "../../lib/db/client";
import { DEMO_ACCOUNTS } from "../../prisma/seed/demo-accounts";
import { recomputeDays } from "../../lib/statistics/rollup";
import { lookupCaseStatus } from "../../lib/tracking/lookup";
import { expectAppError } from "../support/errors";
import { randomCreditCode, randomIdNumber, randomPhone } from "../support/identities";
import { actorFor, colleagueOf, otherDepartmentClerk } from "./cases-fixtures";

/**
 * Walk-in applications registered at the counter (issue 19): identity checked in person, the person's account found
 * or opened, channel WINDOW, the item's workflow, a receipt whose query code works on the tracking page, and the
 * statistics' channel figures.
 */

/** 企业变更登记 of the clerk's bureau, whose form the counter fills for the applicant (changeAnswers). */
async function itemOfClerk() {
  const clerk = await actorFor({ loginName: "clerk" });
  const item = await db().serviceItem.findFirstOrThrow({
    where: { departmentId: clerk.departmentId ?? "", status: "ACTIVE", catalogItem: { code: "000125003000" } },
    include: { materials: true },
  });
  return { clerk, item };
}

const changeAnswers = () => ({
  companyName: "广安鑫源商贸有限公司",
  creditCode: randomCreditCode(),
  changes: ["address"],
  agentPhone: randomPhone(),
  shareholders: [{ shareholderName: "赵窗口", share: "100" }],
});

const registration = (serviceItemId: string, extra: Record<string, unknown> = {}) => ({
  serviceItemId,
  realName: "赵窗口",
  idNumber: randomIdNumber(),
  phone: randomPhone(),
  identityCheck: "CARD_READER",
  identityConfirmed: true,
  materialCodes: [],
  ...extra,
});

describe("a walk-in application at the counter", () => {
  it("opens an account for a new person, files a WINDOW case under the item's workflow, and gives a working query code", async () => {
    const { clerk, item } = await itemOfClerk();
    const input = registration(item.id, {
      materialCodes: [item.materials[0]!.code],
      note: "原件已核对",
      answers: changeAnswers(),
    });
    const receipt = await registerWalkIn(clerk, input, { ip: "10.9.0.1" });
    expect(receipt).toMatchObject({
      applicantName: "赵窗口",
      itemName: item.name,
      newApplicant: true,
      materials: [item.materials[0]!.name],
    });

    const row = await db().case.findUniqueOrThrow({ where: { caseNumber: receipt.caseNumber } });
    expect(row).toMatchObject({
      channel: "WINDOW",
      status: "SUBMITTED",
      departmentId: clerk.departmentId,
      currentDuty: "INTAKE",
      applicantName: "赵窗口",
    });
    const person = await db().user.findFirstOrThrow({ where: whereIdNumber(input.idNumber as string) });
    expect(person).toMatchObject({ id: row.applicantUserId, role: "CITIZEN", assuranceLevel: 4 });
    expect(
      await db().identityVerification.findMany({
        where: { userId: row.applicantUserId },
        select: { method: true, level: true, detail: true },
      }),
    ).toEqual([{ method: "COUNTER", level: 4, detail: { identityCheck: "CARD_READER" } }]);
    const event = await db().caseEvent.findFirstOrThrow({ where: { caseId: row.id, action: "submit" } });
    expect(event).toMatchObject({ actorId: clerk.userId, reason: "原件已核对" });
    expect(event.data).toMatchObject({
      channel: "WINDOW",
      identityCheck: "CARD_READER",
      materialsReceived: [item.materials[0]!.code],
    });
    expect(await db().auditLog.count({ where: { objectId: row.id, action: "case.counterRegister" } })).toBe(1);
    expect(await db().notification.count({ where: { userId: person.id, template: "case.submit" } })).toBe(1);

    // The receipt's query code answers on the tracking page; the clerk's console shows the case to take in.
    const status = await lookupCaseStatus(
      { caseNumber: receipt.caseNumber, code: receipt.queryCode },
      { ip: "10.9.0.2" },
    );
    expect(status).toMatchObject({ caseNumber: receipt.caseNumber, status: "SUBMITTED" });
    expect((await getStaffCase(clerk, receipt.caseNumber)).actions).toContain("accept");

    // The statistics count it in the WINDOW channel.
    await recomputeDays([chinaDate(row.submittedAt)]);
    const stats = await db().caseStatsDaily.findFirst({
      where: { day: isoToDateColumn(chinaDate(row.submittedAt)), serviceItemId: item.id, channel: "WINDOW" },
    });
    expect(stats?.received).toBeGreaterThanOrEqual(1);
  });

  it("uses the account the ID number already has, and refuses a name that does not match it", async () => {
    const { clerk, item } = await itemOfClerk();
    const citizen = await actorFor({ phone: DEMO_ACCOUNTS.citizen.phone });
    const receipt = await registerWalkIn(
      clerk,
      registration(item.id, {
        realName: DEMO_ACCOUNTS.citizen.realName,
        idNumber: DEMO_ACCOUNTS.citizen.idNumber,
        phone: "",
        answers: changeAnswers(),
      }),
      { ip: null },
    );
    expect(receipt.newApplicant).toBe(false);
    expect((await db().case.findUniqueOrThrow({ where: { caseNumber: receipt.caseNumber } })).applicantUserId).toBe(
      citizen.userId,
    );
    const mismatch = await expectAppError(
      registerWalkIn(
        clerk,
        registration(item.id, {
          realName: "王小红",
          idNumber: DEMO_ACCOUNTS.citizen.idNumber,
          answers: changeAnswers(),
        }),
        { ip: null },
      ),
    );
    expect(mismatch.details.fieldErrors).toEqual({ realName: "cases.counter.errors.nameMismatch" });
  });

  it("refuses bad input with a message per field, staff without the intake duty, and other departments' items, storing nothing", async () => {
    const { clerk, item } = await itemOfClerk();
    const before = await db().case.count({ where: { serviceItemId: item.id } });
    const bad = await expectAppError(
      registerWalkIn(
        clerk,
        {
          serviceItemId: item.id,
          realName: "",
          idNumber: "110105194912310021",
          identityCheck: "FACE",
          materialCodes: ["nope"],
        },
        { ip: null },
      ),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(Object.keys(bad.details.fieldErrors ?? {}).sort()).toEqual([
      "idNumber",
      "identityCheck",
      "identityConfirmed",
      "realName",
    ]);
    expect(
      (
        await expectAppError(
          registerWalkIn(clerk, registration(item.id, { materialCodes: ["not-a-material"] }), { ip: null }),
        )
      ).details.fieldErrors,
    ).toEqual({ materialCodes: "cases.counter.errors.material" });
    const reviewer = await colleagueOf(clerk, "孙审核", ["REVIEW"]);
    expect(
      (await expectAppError(registerWalkIn(reviewer, registration(item.id), { ip: null }))).details.fieldErrors,
    ).toEqual({ serviceItemId: "cases.counter.errors.item" });
    const stranger = await otherDepartmentClerk();
    expect(
      (await expectAppError(registerWalkIn(stranger, registration(item.id), { ip: null }))).details.fieldErrors,
    ).toEqual({ serviceItemId: "cases.counter.errors.item" });
    const citizen = await actorFor({ phone: DEMO_ACCOUNTS.citizen.phone });
    expect((await expectAppError(registerWalkIn(citizen, registration(item.id), { ip: null }))).code).toBe(
      "VALIDATION",
    );
    expect(await db().case.count({ where: { serviceItemId: item.id } })).toBe(before);
  });

  it("fills the item's form for the applicant and stores the scans with the case (trust B), keeping good scans when one is refused", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    // 企业变更登记 has an online form (company, changes, shareholders) and two uploads bound to materials.
    const item = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: clerk.departmentId ?? "", catalogItem: { code: "000125003000" } },
      include: { materials: true },
    });
    const definition = await counterFormOf(clerk, item.id);
    expect(definition?.steps.flatMap((step) => step.fields.map((field) => field.type))).not.toContain("file");
    expect(await counterFormOf(await otherDepartmentClerk(), item.id)).toBeNull();

    // One good scan, one refused (a program, not a PDF): the good one is stored and reported, the other explained.
    const { stored, rejected } = await storeCounterScans(
      clerk,
      item.id,
      [
        { materialCode: "application-form", name: "申请书.pdf", bytes: makePdf() },
        { materialCode: "resolution", name: "决议.pdf", bytes: makeExe() },
      ],
      null,
    );
    expect(stored.map((scan) => scan.materialCode)).toEqual(["application-form"]);
    expect(rejected).toMatchObject([
      { materialCode: "resolution", messageKey: expect.stringMatching(/^files\.errors\./) },
    ]);
    const again = await storeCounterScans(
      clerk,
      item.id,
      [{ materialCode: "resolution", name: "决议.pdf", bytes: makePdf() }],
      null,
    );
    const scans = [...stored, ...again.stored].map((scan) => ({
      fileId: scan.fileId,
      materialCode: scan.materialCode,
    }));

    const answers = changeAnswers();
    // The form's answers are checked like an online submission's; errors come back under answers.
    const wrong = await expectAppError(
      registerWalkIn(clerk, registration(item.id, { answers: { ...answers, creditCode: "123", changes: [] }, scans }), {
        ip: null,
      }),
    );
    expect(wrong.details.fieldErrors).toMatchObject({
      "answers.creditCode": expect.any(String),
      "answers.changes": expect.any(String),
    });
    // A colleague's scan, or a made-up id, is no scan of this clerk's.
    const colleague = await colleagueOf(clerk, "吴受理", ["INTAKE"]);
    const theirs = (
      await storeCounterScans(
        colleague,
        item.id,
        [{ materialCode: "resolution", name: "x.pdf", bytes: makePdf() }],
        null,
      )
    ).stored[0]!;
    for (const fileId of [theirs.fileId, "00000000-0000-4000-8000-000000000000"])
      expect(
        (
          await expectAppError(
            registerWalkIn(clerk, registration(item.id, { answers, scans: [{ fileId, materialCode: "resolution" }] }), {
              ip: null,
            }),
          )
        ).details.fieldErrors,
      ).toEqual({ scans: "cases.counter.errors.scan" });

    const receipt = await registerWalkIn(clerk, registration(item.id, { answers, scans }), { ip: null });
    expect(receipt.materials.sort()).toEqual(
      item.materials
        .filter((material) => ["application-form", "resolution"].includes(material.code))
        .map((material) => material.name)
        .sort(),
    );
    const row = await db().case.findUniqueOrThrow({
      where: { caseNumber: receipt.caseNumber },
      include: { submissions: true },
    });
    const version = await db().itemVersion.findUniqueOrThrow({ where: { id: row.itemVersionId } });
    const form = FormDefinition.parse((version.content as { form: unknown }).form);
    const opened = openAnswers(form, row.answers as Record<string, unknown>);
    expect(opened).toMatchObject({
      companyName: "广安鑫源商贸有限公司",
      creditCode: answers.creditCode,
      applicationForm: [scans[0]!.fileId],
      resolution: [scans[1]!.fileId],
    });
    // PII is sealed at rest, as for an online submission.
    expect(JSON.stringify(row.answers)).not.toContain(answers.agentPhone);
    expect(row.submissions[0]?.files).toEqual(scans.map((scan) => ({ ...scan, trust: "B" })));
    expect((await casesOfFile(scans[0]!.fileId)).map((entry) => entry.caseNumber)).toEqual([receipt.caseNumber]);
    // The staff view lists the scans; the same scan cannot go into a second case.
    const staffView = await getStaffCase(clerk, receipt.caseNumber);
    expect(JSON.stringify(staffView)).toContain(scans[1]!.fileId);
    expect(
      (
        await expectAppError(
          registerWalkIn(clerk, registration(item.id, { answers, scans: [scans[0]!] }), { ip: null }),
        )
      ).details.fieldErrors,
    ).toEqual({ scans: "cases.counter.errors.scan" });
  });
});
