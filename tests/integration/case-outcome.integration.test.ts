import { describe, expect, it } from "vitest";
import { getMyCase } from "../../lib/applications/cases";
import { startApplication } from "../../lib/applications/drafts";
import { accountOverview } from "../../lib/accounts/overview";
import { takeCaseAction } from "../../lib/cases/take-action";
import { db } from "../../lib/db/client";
import { rateCase } from "../../lib/evaluation/evaluations";
import { verifyLicence } from "../../lib/results/issue";
import { DEMO_ACCOUNTS } from "../../prisma/seed/seed";
import { expectAppError } from "../support/errors";
import { actorFor, makeCase } from "./cases-fixtures";

/**
 * Issue 18, points 1 and 2: a finished case leads to its result and its rating, the result names the right holder,
 * and an item's audience (服务对象) decides who may apply for it.
 */

/** The city-level implementation, which has the demo's online form (prisma/seed/forms.ts). */
async function itemCode(name: string) {
  const item = await db().serviceItem.findFirstOrThrow({
    where: { name, regionCode: "511600000000", status: "ACTIVE", onlineCapable: true },
    select: { implementationCode: true },
  });
  return item.implementationCode;
}

describe("who may apply for an item (服务对象)", () => {
  it("refuses a personal account an item for organisations and a company agent an item for persons, and starts nothing", async () => {
    const citizen = await actorFor({ phone: DEMO_ACCOUNTS.citizen.phone });
    const agent = await actorFor({ phone: DEMO_ACCOUNTS.company.phone });
    const companyItem = await itemCode("企业变更登记");
    const personalItem = await itemCode("技能提升补贴申领");
    const draftsBefore = await db().application.count();

    expect(await expectAppError(startApplication(citizen, companyItem, null))).toMatchObject({
      code: "FORBIDDEN",
      messageKey: "applications.errors.audienceOrganisation",
    });
    expect(await expectAppError(startApplication(agent, personalItem, null))).toMatchObject({
      code: "FORBIDDEN",
      messageKey: "applications.errors.audiencePerson",
    });
    expect(await db().application.count()).toBe(draftsBefore);

    // Each applies for what is meant for them; the company's draft is the company's.
    const { applicationId } = await startApplication(agent, companyItem, null);
    expect((await db().application.findUniqueOrThrow({ where: { id: applicationId } })).applicantCompanyId).toBe(
      agent.companyId,
    );
    await expect(startApplication(citizen, personalItem, null)).resolves.toMatchObject({
      applicationId: expect.any(String),
    });
  });
});

describe("a finished case, as its applicant sees it", () => {
  it("shows the company's certificate with its credit code, its delivery, the rating link, and then the rating", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const agent = await actorFor({ phone: DEMO_ACCOUNTS.company.phone });
    const row = await makeCase({
      departmentId: clerk.departmentId ?? "",
      applicant: agent,
      applicantName: agent.realName,
    });
    const before = await getMyCase(agent, row.caseNumber);
    expect(before).toMatchObject({ result: null, notice: null, delivery: null, rating: null });

    let version = 0;
    for (const action of ["accept", "approve", "complete"])
      version = (await takeCaseAction(clerk, row.caseNumber, { action, expectedVersion: version }, { ip: null }))
        .version;
    const completed = await getMyCase(agent, row.caseNumber);
    // The company holds the certificate, not the agent who typed the application.
    expect(completed.result).toMatchObject({
      holderName: DEMO_ACCOUNTS.company.companyName,
      holderCode: DEMO_ACCOUNTS.company.creditCode,
      status: "VALID",
      fileId: expect.any(String),
      verifyPath: expect.stringMatching(/^\/verify\/ZZ\d{20}\?code=[A-Z0-9]{8}$/),
    });
    expect(completed.delivery).toBeNull();
    expect(completed.rating).toEqual({ path: `/account/evaluations/rate/case/${row.caseNumber}`, level: null });
    const code = new URL(completed.result!.verifyPath, "http://x").searchParams.get("code")!;
    expect(await verifyLicence({ number: completed.result!.number, code }, { ip: "10.18.0.1" })).toMatchObject({
      found: true,
      holderName: DEMO_ACCOUNTS.company.companyName,
      holderCode: DEMO_ACCOUNTS.company.creditCode,
    });

    await takeCaseAction(
      clerk,
      row.caseNumber,
      { action: "deliver", expectedVersion: version, deliveryMethod: "POST", trackingNumber: "SF1234567890" },
      { ip: null },
    );
    await rateCase(agent, row.caseNumber, { level: 5, tags: [] });
    const delivered = await getMyCase(agent, row.caseNumber);
    expect(delivered.delivery).toMatchObject({ method: "POST", trackingNumber: "SF1234567890" });
    expect(delivered.rating).toMatchObject({ level: 5 });
  });

  it("gives a person's certificate no holder code, and a refusal its written notice", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: DEMO_ACCOUNTS.citizen.phone });
    const approved = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    let version = 0;
    for (const action of ["accept", "approve", "complete"])
      version = (await takeCaseAction(clerk, approved.caseNumber, { action, expectedVersion: version }, { ip: null }))
        .version;
    expect((await getMyCase(citizen, approved.caseNumber)).result).toMatchObject({
      holderName: citizen.realName,
      holderCode: null,
    });
    // No invitation to rate once the rating window (EVALUATION_WINDOW_DAYS, 90) has closed.
    expect(
      (await getMyCase(citizen, approved.caseNumber, { now: new Date(Date.now() + 91 * 24 * 3600_000) })).rating,
    ).toBeNull();

    const denied = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    await takeCaseAction(clerk, denied.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null });
    await takeCaseAction(
      clerk,
      denied.caseNumber,
      {
        action: "deny",
        expectedVersion: 1,
        reason: "经营场所不符合要求",
        legalBasis: "《食品经营许可管理办法》第十一条",
      },
      { ip: null },
    );
    const view = await getMyCase(citizen, denied.caseNumber);
    expect(view.result).toBeNull();
    expect(view.notice).toMatchObject({ action: "deny", fileId: expect.any(String) });
    expect(view.rating).toMatchObject({ level: null });
  });
});

describe("the account home", () => {
  it("counts what the person has from live rows", async () => {
    const citizen = await actorFor({ phone: DEMO_ACCOUNTS.citizen.phone });
    const clerk = await actorFor({ loginName: "clerk" });
    const before = await accountOverview(citizen);
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    expect((await accountOverview(citizen)).casesInProgress).toBe(before.casesInProgress + 1);
    await takeCaseAction(
      clerk,
      row.caseNumber,
      {
        action: "requestSupplement",
        expectedVersion: 0,
        supplementList: [{ materialCode: "M1", note: "请重新上传清晰的营业执照副本" }],
      },
      { ip: null },
    );
    expect((await accountOverview(citizen)).casesAwaitingApplicant).toBe(before.casesAwaitingApplicant + 1);
  });
});
