import { describe, expect, it } from "vitest";
import { getReadableFile } from "../../lib/files/access";
import { takeCaseAction } from "../../lib/cases/take-action";
import { getStaffCase } from "../../lib/cases/detail";
import { transitionCase } from "../../lib/cases/transition";
import { db } from "../../lib/db/client";
import { fileStorage } from "../../lib/storage";
import { revokeLicence, verifyLicence } from "../../lib/results/issue";
import { expectAppError } from "../support/errors";
import { pdfText } from "../support/pdf";
import { actorFor, beijing, makeCase, otherDepartmentClerk } from "./cases-fixtures";

async function storedBytes(fileId: string): Promise<Buffer> {
  const file = await db().storedFile.findUniqueOrThrow({ where: { id: fileId } });
  return Buffer.concat(await (await fileStorage().get(file.storageKey)).toArray());
}

const act = (
  actor: Awaited<ReturnType<typeof actorFor>>,
  caseNumber: string,
  input: Record<string, unknown>,
  now?: Date,
) => takeCaseAction(actor, caseNumber, input, { ip: "10.6.0.1", now });

describe("transitions of a case", () => {
  it("refuses a clerk of another department and staff actions by the applicant, and changes nothing", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const stranger = await otherDepartmentClerk();
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });

    expect(
      (
        await expectAppError(
          transitionCase(stranger, row.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await expectAppError(
          transitionCase(citizen, row.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect((await expectAppError(getStaffCase(stranger, row.caseNumber))).code).toBe("NOT_FOUND");
    expect(
      (
        await expectAppError(
          transitionCase(clerk, "51160020250101999999", { action: "accept", expectedVersion: 0 }, { ip: null }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const unchanged = await db().case.findUniqueOrThrow({ where: { id: row.id } });
    expect(unchanged).toMatchObject({ status: "SUBMITTED", version: 0 });
    expect(await db().caseEvent.count({ where: { caseId: row.id } })).toBe(1);
  });

  it("writes a timeline event and an audit entry per step; 422 for an action the state does not allow; reasons required", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "" });
    await act(clerk, row.caseNumber, { action: "startPreReview", expectedVersion: 0 });
    expect((await expectAppError(act(clerk, row.caseNumber, { action: "approve", expectedVersion: 1 }))).code).toBe(
      "UNPROCESSABLE",
    );
    const missing = await expectAppError(
      act(clerk, row.caseNumber, { action: "rejectAtIntake", expectedVersion: 1, reason: "材料不全" }),
    );
    expect(missing.code).toBe("VALIDATION");
    expect(missing.details.fieldErrors).toEqual({ legalBasis: "cases.errors.required" });

    const event = await db().caseEvent.findFirstOrThrow({ where: { caseId: row.id, action: "startPreReview" } });
    expect(event).toMatchObject({
      actorId: clerk.userId,
      fromStatus: "SUBMITTED",
      toStatus: "PRE_REVIEW",
      visibleToApplicant: true,
    });
    const audit = await db().auditLog.findFirstOrThrow({ where: { objectId: row.id, action: "case.startPreReview" } });
    expect(audit).toMatchObject({ actorId: clerk.userId, ip: "10.6.0.1" });
    expect(audit.before).toMatchObject({ status: "SUBMITTED", version: 0 });
    expect(audit.after).toMatchObject({ status: "PRE_REVIEW", version: 1 });
  });

  it("does not run the clock during a supplement before acceptance", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const row = await makeCase({
      departmentId: clerk.departmentId ?? "",
      applicant: citizen,
      submittedAt: beijing("2025-11-03", 9),
    });
    const list = [
      { materialCode: "M1", note: "营业执照副本不清晰，请重新扫描上传" },
      { field: "shopName", note: "店铺名称须与营业执照一致" },
    ];
    const supplemented = await act(
      clerk,
      row.caseNumber,
      { action: "requestSupplement", supplementList: list, expectedVersion: 0 },
      beijing("2025-11-03"),
    );
    expect(supplemented).toMatchObject({ status: "SUPPLEMENT_REQUESTED", acceptedAt: null, dueDate: null });
    expect(await db().casePause.count({ where: { caseId: row.id } })).toBe(0);
    await transitionCase(
      citizen,
      row.caseNumber,
      { action: "resubmit", expectedVersion: 1 },
      { ip: null, now: beijing("2025-11-10") },
    );
    // Accepted a week after the request: the week waiting for the applicant is not counted.
    const accepted = await act(clerk, row.caseNumber, { action: "accept", expectedVersion: 2 }, beijing("2025-11-11"));
    expect(accepted.acceptedAt?.toISOString()).toBe(beijing("2025-11-11").toISOString());
    expect(accepted.dueDate?.toISOString().slice(0, 10)).toBe("2025-11-18");
    const event = await db().caseEvent.findFirstOrThrow({ where: { caseId: row.id, action: "requestSupplement" } });
    expect(event.data).toMatchObject({ supplementList: list });
  });

  it("pauses the clock during a special procedure and moves the due date", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", submittedAt: beijing("2025-11-03", 9) });
    await act(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 }, beijing("2025-11-03"));
    expect((await db().case.findUniqueOrThrow({ where: { id: row.id } })).dueDate?.toISOString().slice(0, 10)).toBe(
      "2025-11-10",
    );
    const paused = await act(
      clerk,
      row.caseNumber,
      { action: "startSpecialProcedure", reason: "现场核查", plannedEnd: "2025-11-07", expectedVersion: 1 },
      beijing("2025-11-05"),
    );
    expect(paused.status).toBe("SPECIAL_PROCEDURE");
    const stale = await expectAppError(
      act(clerk, row.caseNumber, { action: "endSpecialProcedure", expectedVersion: 1 }, beijing("2025-11-07", 16)),
    );
    expect(stale.code).toBe("CONFLICT");
    const resumed = await act(
      clerk,
      row.caseNumber,
      { action: "endSpecialProcedure", expectedVersion: 2 },
      beijing("2025-11-07", 16),
    );
    expect(resumed.status).toBe("IN_REVIEW");
    // 11-04 is day 1; 11-05..11-07 paused; 11-10 2, 11-11 3, 11-12 4, 11-13 5.
    expect(resumed.dueDate?.toISOString().slice(0, 10)).toBe("2025-11-13");
    const pause = await db().casePause.findFirstOrThrow({ where: { caseId: row.id } });
    expect(pause).toMatchObject({ kind: "SPECIAL_PROCEDURE", reason: "现场核查" });
    expect(pause.endedAt).not.toBeNull();
  });

  it("lets exactly one of two actions win when both were taken on the same version", async () => {
    // The same clerk in two tabs: both may take the intake step (the item's workflow gives intake to the clerk
    // alone), so the only reason to refuse one is the version. Another person without the intake duty would be
    // refused for the duty whenever their request locked the case first.
    const clerk = await actorFor({ loginName: "clerk" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "" });
    const results = await Promise.allSettled([
      transitionCase(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null }),
      transitionCase(
        clerk,
        row.caseNumber,
        { action: "requestSupplement", supplementList: [{ note: "缺少身份证明" }], expectedVersion: 0 },
        { ip: null },
      ),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ code: "CONFLICT", messageKey: "cases.errors.stale" });
    const fresh = await db().case.findUniqueOrThrow({ where: { id: row.id } });
    expect(fresh.version).toBe(1);
    // The loser is told the case as it stands now (the API answers it beside the error).
    expect(lost[0]?.reason).toMatchObject({
      details: { current: { caseNumber: fresh.caseNumber, status: fresh.status, version: 1 } },
    });
    expect(
      await db().caseEvent.count({ where: { caseId: row.id, action: { in: ["accept", "requestSupplement"] } } }),
    ).toBe(1);
  });

  it("issues the certificate on completion: PDF with Chinese text and QR link, Licence, verification and revocation", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    await act(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 });
    await act(clerk, row.caseNumber, { action: "approve", expectedVersion: 1 });
    const stranger = await otherDepartmentClerk();
    expect((await expectAppError(act(stranger, row.caseNumber, { action: "complete", expectedVersion: 2 }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await db().licence.count({ where: { caseId: row.id } })).toBe(0);
    const completed = await act(clerk, row.caseNumber, { action: "complete", expectedVersion: 2 });
    expect(completed).toMatchObject({ status: "COMPLETED", outcomeCode: 0 });

    const licence = await db().licence.findFirstOrThrow({ where: { caseId: row.id } });
    expect(licence).toMatchObject({
      holderUserId: citizen.userId,
      holderName: citizen.realName,
      status: "VALID",
      number: `ZZ${row.caseNumber}`,
    });
    const department = await db().department.findUniqueOrThrow({ where: { id: row.departmentId } });
    const item = await db().serviceItem.findUniqueOrThrow({ where: { id: row.serviceItemId } });
    expect(licence.issuerName).toBe(department.name);
    const file = await db().storedFile.findUniqueOrThrow({ where: { id: licence.fileId ?? "" } });
    expect(file).toMatchObject({
      purpose: "RESULT_DOCUMENT",
      ownerUserId: citizen.userId,
      contentType: "application/pdf",
    });
    const text = await pdfText(await storedBytes(file.id));
    for (const expected of [
      "证书编号",
      licence.number,
      "持证主体",
      citizen.realName,
      department.name,
      item.name,
      "发证日期",
      "校验码",
      licence.checkCode,
      `/verify/${licence.number}?code=${licence.checkCode}`,
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("511602199003071234");
    const event = await db().caseEvent.findFirstOrThrow({ where: { caseId: row.id, action: "complete" } });
    expect(event.data).toMatchObject({ licenceNumber: licence.number, resultFileId: file.id });

    expect(
      await verifyLicence({ number: licence.number, code: licence.checkCode.toLowerCase() }, { ip: "192.0.2.80" }),
    ).toMatchObject({ found: true, status: "VALID", holderName: citizen.realName, issuerName: department.name });
    expect(await verifyLicence({ number: licence.number, code: "WRONG234" }, { ip: "192.0.2.80" })).toEqual({
      found: false,
    });
    expect(await verifyLicence({ number: "ZZ0", code: licence.checkCode }, { ip: "192.0.2.80" })).toEqual({
      found: false,
    });
    expect(
      Object.keys(
        await verifyLicence({ number: licence.number, code: licence.checkCode }, { ip: "192.0.2.80" }),
      ).sort(),
    ).toEqual([
      "expiresAt",
      "found",
      "holderCode",
      "holderName",
      "issuedAt",
      "issuerName",
      "name",
      "number",
      "revocationReason",
      "revokedAt",
      "status",
    ]);

    expect((await expectAppError(revokeLicence(stranger, licence.number, { reason: "越权" }, { ip: null }))).code).toBe(
      "FORBIDDEN",
    );
    // Revoking is a sensitive action: a second factor older than 15 minutes is asked for again (issue 15).
    const stale = { ...clerk, secondFactorAt: new Date(Date.now() - 16 * 60_000) };
    expect(
      (await expectAppError(revokeLicence(stale, licence.number, { reason: "申请人以欺骗手段取得许可" }, { ip: null })))
        .code,
    ).toBe("SECOND_FACTOR_REQUIRED");
    await revokeLicence(clerk, licence.number, { reason: "申请人以欺骗手段取得许可" }, { ip: null });
    expect(
      await verifyLicence({ number: licence.number, code: licence.checkCode }, { ip: "192.0.2.80" }),
    ).toMatchObject({ found: true, status: "REVOKED" });
    expect(await db().auditLog.count({ where: { objectId: licence.id, action: "licence.revoke" } })).toBe(1);

    const delivered = await act(clerk, row.caseNumber, {
      action: "deliver",
      deliveryMethod: "POST",
      expectedVersion: 3,
    }).catch((error: unknown) => error);
    expect(delivered).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { trackingNumber: "cases.errors.required" } },
    });
    expect(
      await act(clerk, row.caseNumber, {
        action: "deliver",
        deliveryMethod: "POST",
        trackingNumber: "SF1234567890",
        expectedVersion: 3,
      }),
    ).toMatchObject({ status: "DELIVERED" });
  });

  it("generates the written notice of 不予受理 with the reason and legal basis", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "" });
    const rejected = await act(clerk, row.caseNumber, {
      action: "rejectAtIntake",
      reason: "申请事项不属于本机关职权范围",
      legalBasis: "《中华人民共和国行政许可法》第三十二条第一款第二项",
      expectedVersion: 0,
    });
    expect(rejected).toMatchObject({ status: "REJECTED_AT_INTAKE", outcomeCode: 6 });
    const event = await db().caseEvent.findFirstOrThrow({ where: { caseId: row.id, action: "rejectAtIntake" } });
    const noticeFileId = (event.data as { noticeFileId: string }).noticeFileId;
    const text = await pdfText(await storedBytes(noticeFileId));
    for (const expected of ["不予受理通知书", row.caseNumber, "申请事项不属于本机关职权范围", "行政许可法", "行政复议"])
      expect(text).toContain(expected);
    // The department that issued it can open it again from the case; a clerk of another department cannot.
    expect((await getReadableFile(clerk, noticeFileId)).id).toBe(noticeFileId);
    const stranger = {
      ...clerk,
      userId: "00000000-0000-0000-0000-000000000001",
      departmentId: "00000000-0000-0000-0000-000000000002",
    };
    await expect(getReadableFile(stranger, noticeFileId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("writes the 补正材料通知书 with every listed item each time a supplement is asked for, readable by the applicant", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    await act(clerk, row.caseNumber, {
      action: "requestSupplement",
      supplementList: [
        { materialCode: "M1", note: "复印件不清晰，请上传原件扫描件" },
        { field: "shopName", note: "须与营业执照一致" },
      ],
      expectedVersion: 0,
    });
    const event = await db().caseEvent.findFirstOrThrow({ where: { caseId: row.id, action: "requestSupplement" } });
    const noticeFileId = (event.data as { noticeFileId: string }).noticeFileId;
    const text = await pdfText(await storedBytes(noticeFileId));
    for (const expected of [
      "补正材料通知书",
      row.caseNumber,
      "1. 营业执照副本：复印件不清晰",
      "2. 店铺名称：须与营业执照一致",
      "第三十二条",
    ])
      expect(text).toContain(expected);
    expect((await getReadableFile(citizen, noticeFileId)).id).toBe(noticeFileId);
    // A request the state refuses writes no notice.
    const before = await db().storedFile.count({ where: { purpose: "RESULT_DOCUMENT" } });
    expect(
      (
        await expectAppError(
          act(clerk, row.caseNumber, {
            action: "requestSupplement",
            supplementList: [{ materialCode: "M1", note: "再次" }],
            expectedVersion: 1,
          }),
        )
      ).code,
    ).toBe("UNPROCESSABLE");
    expect(await db().storedFile.count({ where: { purpose: "RESULT_DOCUMENT" } })).toBe(before);
  });
});
