import { describe, expect, it } from "vitest";
import { getApplication, startApplication, discardDraft } from "../../lib/applications/drafts";
import type { Actor } from "../../lib/auth/policy";
import { takeCaseAction } from "../../lib/cases/take-action";
import { db } from "../../lib/db/client";
import { verifyLicence } from "../../lib/results/issue";
import { expireLicences, licenceTypeOptions, saveLicenceType } from "../../lib/results/licence-types";
import { parseToken } from "../../lib/results/signed-payload";
import { DEMO_ACCOUNTS } from "../../prisma/seed/demo-accounts";
import { expectAppError } from "../support/errors";
import { listOwnReadLog } from "../../lib/audit/read-log";
import { licencesOfCaseApplicant } from "../../lib/results/sharing";
import { actorFor, makeCase, otherDepartmentClerk } from "./cases-fixtures";

/**
 * Issue 20, the e-licence library: licence types maintained by platform administrators; a certificate carries its
 * item's licence type and the type's validity; the expiry job; and 免提交: a company's next application takes its
 * business licence from the library instead of an upload.
 */

async function completeCase(clerk: Actor, applicant: Actor, serviceItemId: string) {
  const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant, serviceItemId });
  for (const [action, version] of [
    ["accept", 0],
    ["approve", 1],
    ["complete", 2],
  ] as const)
    await takeCaseAction(clerk, row.caseNumber, { action, expectedVersion: version }, { ip: null });
  return db().licence.findFirstOrThrow({ where: { caseId: row.id } });
}

describe("the licence type catalogue", () => {
  it("is maintained by platform administrators only, with clear errors, audited", async () => {
    const admin = await actorFor({ loginName: "admin" });
    const deptAdmin = await actorFor({ loginName: "deptadmin" });
    expect(
      (
        await expectAppError(
          saveLicenceType(
            deptAdmin,
            { code: "901", name: "x", issuingLevel: "CITY", holderType: "PERSON" },
            { existing: false, ip: null },
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const bad = await expectAppError(
      saveLicenceType(
        admin,
        { code: "9-1", name: "", issuingLevel: "GALAXY", holderType: "PERSON", validityMonths: "0" },
        { existing: false, ip: null },
      ),
    );
    expect(Object.keys(bad.details.fieldErrors ?? {}).sort()).toEqual([
      "code",
      "issuingLevel",
      "name",
      "validityMonths",
    ]);
    await saveLicenceType(
      admin,
      {
        code: "901",
        name: "烟草专卖零售许可证",
        nameEn: "Tobacco retail licence",
        issuingLevel: "COUNTY",
        holderType: "ANY",
        validityMonths: "60",
      },
      { existing: false, ip: null },
    );
    expect(
      (
        await expectAppError(
          saveLicenceType(
            admin,
            { code: "901", name: "重复", issuingLevel: "COUNTY", holderType: "ANY" },
            { existing: false, ip: null },
          ),
        )
      ).details.fieldErrors,
    ).toEqual({ code: "catalogueAdmin.licenceTypes.errors.taken" });
    await saveLicenceType(
      admin,
      {
        code: "901",
        name: "烟草专卖零售许可证",
        issuingLevel: "COUNTY",
        holderType: "ANY",
        validityMonths: "",
        active: false,
      },
      { existing: true, ip: null },
    );
    expect(await db().licenceType.findUniqueOrThrow({ where: { code: "901" } })).toMatchObject({
      validityMonths: null,
      active: false,
    });
    expect((await licenceTypeOptions("zh-CN")).map((option) => option.code)).not.toContain("901");
    expect(
      await db().auditLog.count({
        where: { action: { in: ["licenceType.create", "licenceType.update"] }, actorId: admin.userId },
      }),
    ).toBeGreaterThanOrEqual(2);
  });
});

describe("licences from the library", () => {
  it("carry the item's licence type and its validity, expire by the job, and spare the company its next upload", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const agent = await actorFor({ phone: DEMO_ACCOUNTS.company.phone });
    // 企业变更登记 issues a 营业执照 (type 201, long-term).
    const item = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: clerk.departmentId ?? "", catalogItem: { code: "000125003000" } },
    });
    expect(item.resultLicenceTypeCode).toBe("201");
    const licence = await completeCase(clerk, agent, item.id);
    expect(licence).toMatchObject({
      typeCode: "201",
      holderCompanyId: agent.companyId,
      expiresAt: null,
      status: "VALID",
    });

    // 免提交: the company's next application has its business licence attached from the library (trust A).
    const open = await db().application.findFirst({
      where: { applicantCompanyId: agent.companyId, serviceItemId: item.id, status: "DRAFT" },
    });
    if (open) await discardDraft(agent, open.id, null);
    const { applicationId, resumed } = await startApplication(agent, item.implementationCode, null);
    expect(resumed).toBe(false);
    const draft = await getApplication(agent, applicationId);
    expect(draft.files.filter((file) => file.materialCode === "business-licence")).toMatchObject([
      { fileId: licence.fileId, trust: "A" },
    ]);
    const started = await db().auditLog.findFirstOrThrow({
      where: { objectId: applicationId, action: "application.start" },
    });
    expect(JSON.stringify(started.after)).toContain(licence.number);

    // 证照共享: the department looks up the company's licences for this case; logged for the company to see.
    const anotherCase = await makeCase({
      departmentId: clerk.departmentId ?? "",
      applicant: agent,
      serviceItemId: item.id,
    });
    const shared = await licencesOfCaseApplicant(
      clerk,
      anotherCase.caseNumber,
      { type: "201" },
      { ip: "10.22.0.1", purpose: "api" },
    );
    expect(shared.map((entry) => entry.number)).toContain(licence.number);
    expect(shared.every((entry) => entry.typeCode === "201" && entry.signedPayload?.startsWith("OW1."))).toBe(true);
    expect(
      await licencesOfCaseApplicant(clerk, anotherCase.caseNumber, { type: "999" }, { ip: null, purpose: "api" }),
    ).toEqual([]);
    expect(
      (
        await expectAppError(
          licencesOfCaseApplicant(clerk, anotherCase.caseNumber, { type: "2-01" }, { ip: null, purpose: "api" }),
        )
      ).code,
    ).toBe("VALIDATION");
    for (const caseNumber of [anotherCase.caseNumber, "51160020990101000001", "x"])
      expect(
        (
          await expectAppError(
            licencesOfCaseApplicant(await otherDepartmentClerk(), caseNumber, {}, { ip: null, purpose: "api" }),
          )
        ).code,
      ).toBe("NOT_FOUND");
    const readLog = await listOwnReadLog(agent);
    expect(
      readLog.entries.some(
        (entry) =>
          entry.action === "read.licences" && entry.caseNumber === anotherCase.caseNumber && entry.purpose === "api",
      ),
    ).toBe(true);

    // A type with a validity: the certificate runs out the day before the same date five years on.
    const admin = await actorFor({ loginName: "admin" });
    await saveLicenceType(
      admin,
      {
        code: "311",
        name: "食品经营许可证",
        nameEn: "Food business licence",
        issuingLevel: "COUNTY",
        holderType: "COMPANY",
        validityMonths: "60",
      },
      { existing: true, ip: null },
    );
    await db().serviceItem.update({ where: { id: item.id }, data: { resultLicenceTypeCode: "311" } });
    const food = await completeCase(clerk, agent, item.id);
    const issued = food.issuedAt.toISOString().slice(0, 10);
    const [year, month, day] = issued.split("-").map(Number) as [number, number, number];
    const expected = new Date(Date.UTC(year + 5, month - 1, day) - 86_400_000).toISOString().slice(0, 10);
    expect(food.expiresAt?.toISOString().slice(0, 10)).toBe(expected);
    expect(parseToken(food.signedPayload ?? "")?.payload).toMatchObject({ c: "311", e: expected });

    // The expiry job, run on the day after: EXPIRED, and verification says so.
    const after = new Date(Date.UTC(year + 5, month - 1, day)).toISOString().slice(0, 10);
    expect(await expireLicences(expected)).toBe(0);
    expect(await expireLicences(after)).toBeGreaterThanOrEqual(1);
    expect((await db().licence.findUniqueOrThrow({ where: { id: food.id } })).status).toBe("EXPIRED");
    expect(await verifyLicence({ number: food.number, code: food.checkCode }, { ip: "10.20.0.1" })).toMatchObject({
      found: true,
      status: "EXPIRED",
    });
  });
});
