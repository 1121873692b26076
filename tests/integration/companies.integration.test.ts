import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { establishByEBusinessLicence, httpEBusinessLicenceService } from "../../lib/accounts/e-business-licence";
import { verifyAtCounter } from "../../lib/accounts/identity-verification";
import { createCardCheckService } from "../support/verification-service";
import { importCompanyRegistry } from "../../lib/accounts/company-registry";
import {
  acceptAuthorisation,
  authoriseAgent,
  checkCompanyVerification,
  companiesToActFor,
  companyAccess,
  decideCompanyVerification,
  requestCompanyVerification,
  verificationForReview,
  revokeAuthorisation,
  switchCompany,
} from "../../lib/accounts/companies";
import { startSession } from "../../lib/auth/user-sessions";
import { listOwnReadLog } from "../../lib/audit/read-log";
import { getReadableFile } from "../../lib/files/access";
import { makeExe, makePdf } from "../support/files";
import { actorOf } from "../../lib/auth/actor";
import { can, type Actor } from "../../lib/auth/policy";
import { chinaToday } from "../../lib/calendar/china-time";
import { db } from "../../lib/db/client";
import { DEMO_ACCOUNTS } from "../../prisma/seed/seed";
import { expectAppError } from "../support/errors";
import { randomCreditCode, randomIdNumber, randomPhone, withWrongCheckChar } from "../support/identities";
import { registerWithCode } from "../support/registration";
import { actorFor, makeCase } from "./cases-fixtures";

/** Who acts for a company (lib/accounts/companies.ts): verification by four eyes, authorisations, scope, revocation. */

const PASSWORD = "Secret12345";
let admin: Actor;
let secondAdmin: Actor;

async function companyAgent(overrides: { realName?: string; idNumber?: string } = {}) {
  const input = {
    accountType: "company",
    realName: overrides.realName ?? "孙经办",
    idNumber: overrides.idNumber ?? randomIdNumber(),
    phone: randomPhone(),
    password: PASSWORD,
    confirmPassword: PASSWORD,
  };
  const { userId } = await registerWithCode(input);
  return { input, actor: async () => actorOf(await db().user.findUniqueOrThrow({ where: { id: userId } })) };
}

beforeAll(async () => {
  admin = await actorFor({ loginName: "admin" });
  secondAdmin = await actorFor({ loginName: DEMO_ACCOUNTS.reviewer.loginName });
});

describe("company verification", () => {
  it("opens a company only after two administrators, and only for the registered legal representative", async () => {
    const { realName, idNumber, creditCode, companyName } = DEMO_ACCOUNTS.registryCompany;
    const representative = await companyAgent({ realName, idNumber });
    const before = await representative.actor();
    expect(before.companyId).toBeNull();
    const { id } = await requestCompanyVerification(
      before,
      { creditCode: creditCode.toLowerCase(), companyName },
      { ip: "10.60.0.1" },
    );
    expect(
      (await expectAppError(requestCompanyVerification(before, { creditCode, companyName }, { ip: null }))).messageKey,
    ).toBe("companies.errors.requestOpen");

    // The first reviewer cannot also decide; a rejection needs a reason.
    await expectAppError(decideCompanyVerification(admin, { id, approve: true }, { ip: null }));
    await checkCompanyVerification(admin, { id, approve: true, note: "营业执照原件和身份证已核验" }, { ip: null });
    expect(
      (await expectAppError(decideCompanyVerification(admin, { id, approve: true }, { ip: null }))).messageKey,
    ).toBe("companies.errors.fourEyes");
    // A decision is a sensitive action: a second factor older than 15 minutes is asked for again (issue 15).
    const staleSecond = { ...secondAdmin, secondFactorAt: new Date(Date.now() - 16 * 60_000) };
    expect(
      (await expectAppError(decideCompanyVerification(staleSecond, { id, approve: true }, { ip: null }))).code,
    ).toBe("SECOND_FACTOR_REQUIRED");
    expect(
      (await expectAppError(decideCompanyVerification(secondAdmin, { id, approve: false }, { ip: null }))).details
        .fieldErrors,
    ).toEqual({ note: "companies.errors.reasonRequired" });
    const { companyId } = await decideCompanyVerification(secondAdmin, { id, approve: true }, { ip: null });
    expect(companyId).toBeTruthy();

    const after = await representative.actor();
    expect(after).toMatchObject({ companyId, companyItemIds: null, companyMayAuthorise: true });
    const audit = await db().auditLog.findMany({
      where: { objectId: id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      "company.verification.request",
      "company.verification.check",
      "company.verification.approve",
    ]);
    expect(audit[2]?.actorId).toBe(secondAdmin.userId);
  });

  it("takes scans of the business licence and ID card for the reviewers only, each of their downloads in the read log; a bad scan requests nothing", async () => {
    const creditCode = randomCreditCode();
    const representativeId = randomIdNumber();
    const registry = `统一社会信用代码,企业名称,法定代表人,法定代表人身份证号码,登记状态\n${creditCode},广安市证明材料有限公司,冯法人,${representativeId},存续\n`;
    expect((await importCompanyRegistry(db(), Buffer.from(registry))).imported).toBe(1);
    const representative = await companyAgent({ realName: "冯法人", idNumber: representativeId });
    const requester = await representative.actor();
    const input = { creditCode, companyName: "广安市证明材料有限公司" };

    // An executable passed off as a scan: a field error of its own, no request, nothing kept for it.
    const bad = await expectAppError(
      requestCompanyVerification(requester, input, {
        ip: null,
        evidence: [{ kind: "idCard", name: "id.pdf", bytes: makeExe() }],
      }),
    );
    expect(bad.details.fieldErrors).toEqual({ idCard: "companies.errors.evidenceRejected" });
    expect(await db().companyVerification.count({ where: { requesterId: requester.userId } })).toBe(0);

    const { id } = await requestCompanyVerification(requester, input, {
      ip: "10.60.0.2",
      evidence: [
        { kind: "businessLicence", name: "营业执照.pdf", bytes: makePdf() },
        { kind: "idCard", name: "身份证.pdf", bytes: makePdf() },
      ],
    });
    const review = await verificationForReview(admin, id);
    expect(review.evidence.map((file) => [file.kind, file.name])).toEqual([
      ["businessLicence", "营业执照.pdf"],
      ["idCard", "身份证.pdf"],
    ]);
    const idCard = review.evidence[1]!.fileId;

    // The representative reads their own; a reviewer reads it and the read is logged for the representative to see.
    await getReadableFile(requester, idCard);
    await getReadableFile(admin, idCard, { ip: "10.60.0.3" });
    const reads = await db().auditLog.findMany({
      where: { action: "read.file", objectId: idCard },
      select: { actorId: true, after: true },
    });
    expect(reads).toMatchObject([
      { actorId: admin.userId, after: { subjectUserId: requester.userId, purpose: "download" } },
    ]);
    expect((await listOwnReadLog(requester)).entries.some((entry) => entry.action === "read.file")).toBe(true);
    // Nobody else: another company agent, a clerk, a supervisor, nobody signed in.
    for (const other of [
      await actorFor({ phone: DEMO_ACCOUNTS.company.phone }),
      await actorFor({ loginName: "clerk" }),
      await actorFor({ loginName: "supervisor" }),
      null,
    ]) {
      expect((await expectAppError(getReadableFile(other, idCard))).code).toBe("NOT_FOUND");
    }
  });

  it("cannot approve someone who is not the registered representative, nor a code not in the registry", async () => {
    const impostor = await companyAgent({ realName: DEMO_ACCOUNTS.company.realName });
    const { id } = await requestCompanyVerification(
      await impostor.actor(),
      { creditCode: DEMO_ACCOUNTS.company.creditCode, companyName: DEMO_ACCOUNTS.company.companyName },
      { ip: null },
    );
    expect(
      (await expectAppError(checkCompanyVerification(admin, { id, approve: true }, { ip: null }))).messageKey,
    ).toBe("companies.errors.noMatch");
    await checkCompanyVerification(admin, { id, approve: false, note: "不是登记的法定代表人" }, { ip: null });
    expect(await companyAccess((await impostor.actor()).userId)).toBeNull();
    expect((await db().companyVerification.findUniqueOrThrow({ where: { id } })).status).toBe("REJECTED");
  });
});

describe("company authorisations", () => {
  it("are offered, accepted, limited to their items and dates, and revoked at once", async () => {
    // The demo company's agent is authorised by the company to manage its agents.
    const manager = await actorFor({ phone: DEMO_ACCOUNTS.company.phone });
    expect(manager.companyMayAuthorise).toBe(true);
    const company = manager.companyId!;
    const agent = await companyAgent();
    const agentActor = await agent.actor();
    const items = await db().serviceItem.findMany({
      where: { status: "ACTIVE" },
      orderBy: { implementationCode: "asc" },
      take: 2,
      select: { id: true, implementationCode: true, departmentId: true },
    });
    const [allowed, other] = items as [(typeof items)[number], (typeof items)[number]];
    const today = chinaToday();

    // Bad input keeps what is stored: unknown items, dates in the past, an agent with no account.
    expect(
      (
        await expectAppError(
          authoriseAgent(
            manager,
            { agent: agent.input.phone, itemCodes: "NO-SUCH-ITEM", validFrom: today },
            { ip: null },
          ),
        )
      ).details.fieldErrors,
    ).toEqual({ itemCodes: "companies.errors.unknownItems" });
    expect(
      (
        await expectAppError(
          authoriseAgent(manager, { agent: agent.input.phone, validFrom: "2020-01-01" }, { ip: null }),
        )
      ).details.fieldErrors,
    ).toEqual({ validFrom: "companies.errors.fromInPast" });
    expect(
      (await expectAppError(authoriseAgent(manager, { agent: randomPhone(), validFrom: today }, { ip: null }))).details
        .fieldErrors,
    ).toEqual({ agent: "companies.errors.noSuchAgent" });
    // Someone without the right to authorise cannot.
    await expectAppError(authoriseAgent(agentActor, { agent: agent.input.phone, validFrom: today }, { ip: null }));

    const { id } = await authoriseAgent(
      manager,
      {
        agent: agent.input.idNumber,
        itemCodes: allowed.implementationCode,
        validFrom: today,
        validUntil: "2099-12-31",
      },
      { ip: null },
    );
    expect((await agent.actor()).companyId).toBeNull();
    await acceptAuthorisation(agentActor, { id }, { ip: null });
    const scoped = await agent.actor();
    expect(scoped).toMatchObject({ companyId: company, companyItemIds: [allowed.id], companyMayAuthorise: false });

    const inScope = await makeCase({
      departmentId: allowed.departmentId,
      serviceItemId: allowed.id,
      applicant: manager,
    });
    const outOfScope = await makeCase({
      departmentId: other.departmentId,
      serviceItemId: other.id,
      applicant: manager,
    });
    const resource = (row: typeof inScope) => ({
      kind: "case" as const,
      applicantUserId: row.applicantUserId,
      applicantCompanyId: row.applicantCompanyId,
      departmentId: row.departmentId,
      serviceItemId: row.serviceItemId,
    });
    expect(can(scoped, "case.view", resource(inScope))).toBe(true);
    expect(can(scoped, "case.view", resource(outOfScope))).toBe(false);
    expect(
      can(scoped, "application.start", {
        kind: "applicationStart",
        minAssuranceLevel: 2,
        serviceItemId: other.id,
        audiences: [],
      }),
    ).toBe(false);
    // Dates: after the end date the authorisation gives nothing.
    expect(await companyAccess(scoped.userId, new Date("2100-01-02T00:00:00Z"))).toBeNull();

    // A scoped agent cannot hand out more than they hold (they may not authorise at all here).
    await revokeAuthorisation(manager, { id }, { ip: null });
    expect((await agent.actor()).companyId).toBeNull();
    const actions = await db().auditLog.findMany({
      where: { objectId: id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((entry) => entry.action)).toEqual([
      "company.authorisation.grant",
      "company.authorisation.accept",
      "company.authorisation.revoke",
    ]);
    // Revoking again, or someone else's, is NOT_FOUND.
    expect((await expectAppError(revokeAuthorisation(manager, { id }, { ip: null }))).code).toBe("NOT_FOUND");
    expect((await expectAppError(acceptAuthorisation(manager, { id }, { ip: null }))).code).toBe("NOT_FOUND");
  });

  it("let an agent of several companies choose which one a session acts for, only among valid authorisations (切换办事企业)", async () => {
    // Company A: the demo company, whose manager authorises the agent. Company B: a second registered company,
    // verified for its representative by two administrators, who authorises the same agent.
    const manager = await actorFor({ phone: DEMO_ACCOUNTS.company.phone });
    const companyA = manager.companyId!;
    const creditCode = randomCreditCode();
    const representativeId = randomIdNumber();
    const registry = `统一社会信用代码,企业名称,法定代表人,法定代表人身份证号码,登记状态\n${creditCode},广安市切换测试有限公司,郑法人,${representativeId},存续\n`;
    expect((await importCompanyRegistry(db(), Buffer.from(registry))).imported).toBe(1);
    const representative = await companyAgent({ realName: "郑法人", idNumber: representativeId });
    const { id: requestId } = await requestCompanyVerification(
      await representative.actor(),
      { creditCode, companyName: "广安市切换测试有限公司" },
      { ip: null },
    );
    await checkCompanyVerification(admin, { id: requestId, approve: true, note: "原件已核验" }, { ip: null });
    const { companyId: companyB } = await decideCompanyVerification(
      secondAdmin,
      { id: requestId, approve: true },
      { ip: null },
    );

    const agent = await companyAgent();
    const today = chinaToday();
    const fromA = await authoriseAgent(manager, { agent: agent.input.phone, validFrom: today }, { ip: null });
    await acceptAuthorisation(await agent.actor(), { id: fromA.id }, { ip: null });
    const fromB = await authoriseAgent(
      await representative.actor(),
      { agent: agent.input.phone, validFrom: today },
      { ip: null },
    );
    await acceptAuthorisation(await agent.actor(), { id: fromB.id }, { ip: null });

    // Without a choice: the newest accepted (B). The choice list names both, the current one marked.
    const agentActor = await agent.actor();
    expect(agentActor.companyId).toBe(companyB);
    expect((await companiesToActFor(agentActor)).map((row) => [row.companyId, row.current]).sort()).toEqual(
      [
        [companyA, false],
        [companyB, true],
      ].sort(),
    );

    // The session chooses A: the actor of that session acts for A; another session still for B.
    const sessionId = await startSession(agentActor.userId, null);
    const otherSession = await startSession(agentActor.userId, null);
    await switchCompany(agentActor, { companyId: companyA }, { sessionId, ip: "10.60.0.9" });
    const user = await db().user.findUniqueOrThrow({ where: { id: agentActor.userId } });
    const sessionRow = async (id: string) => db().userSession.findUniqueOrThrow({ where: { id } });
    expect((await actorOf(user, { actingCompanyId: (await sessionRow(sessionId)).actingCompanyId })).companyId).toBe(
      companyA,
    );
    expect((await actorOf(user, { actingCompanyId: (await sessionRow(otherSession)).actingCompanyId })).companyId).toBe(
      companyB,
    );
    expect(
      await db().auditLog.findFirst({
        where: { action: "company.switch", actorId: agentActor.userId },
        select: { before: true, after: true },
      }),
    ).toEqual({
      before: { companyId: companyB },
      after: { companyId: companyA },
    });

    // Not a company of theirs, malformed input, or someone else's session: refused, nothing changes.
    for (const input of [{ companyId: "00000000-0000-4000-8000-000000000000" }, { companyId: "not-a-uuid" }, {}, "x"]) {
      expect(
        (await expectAppError(switchCompany(agentActor, input, { sessionId, ip: null }))).details.fieldErrors,
      ).toEqual({ companyId: "companies.errors.switchNotAuthorised" });
    }
    expect(
      (
        await expectAppError(
          switchCompany(
            agentActor,
            { companyId: companyB },
            { sessionId: await startSession(manager.userId, null), ip: null },
          ),
        )
      ).code,
    ).toBe("UNAUTHENTICATED");
    expect((await sessionRow(sessionId)).actingCompanyId).toBe(companyA);
    expect(
      (
        await expectAppError(
          switchCompany(await actorFor({ loginName: "clerk" }), { companyId: companyA }, { sessionId, ip: null }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    // A revoked authorisation is not honoured: the session falls back to the company still authorising.
    await revokeAuthorisation(manager, { id: fromA.id }, { ip: null });
    expect((await actorOf(user, { actingCompanyId: (await sessionRow(sessionId)).actingCompanyId })).companyId).toBe(
      companyB,
    );
    expect(await companiesToActFor(await agent.actor())).toHaveLength(1);
  });

  it("give a self-registered company agent nothing of any company", async () => {
    const stranger = await (await companyAgent()).actor();
    const demoCase = await makeCase({
      departmentId: (await actorFor({ loginName: "clerk" })).departmentId!,
      applicant: await actorFor({ phone: DEMO_ACCOUNTS.company.phone }),
    });
    expect(stranger.companyId).toBeNull();
    expect(
      can(stranger, "case.view", {
        kind: "case",
        applicantUserId: demoCase.applicantUserId,
        applicantCompanyId: demoCase.applicantCompanyId,
        departmentId: demoCase.departmentId,
      }),
    ).toBe(false);
    expect(can(stranger, "application.start", { kind: "applicationStart", minAssuranceLevel: 2, audiences: [] })).toBe(
      false,
    );
  });
});

describe("business registry import", () => {
  it("loads companies with their representative's ID number as a hash only, all rows or none", async () => {
    const code = DEMO_ACCOUNTS.registryCompany.creditCode;
    const idNumber = randomIdNumber();
    const good = `统一社会信用代码,企业名称,法定代表人,法定代表人身份证号码,登记状态\n${code},广安市示范科技有限公司,钱新,${idNumber},存续\n`;
    expect(await importCompanyRegistry(db(), Buffer.from(`\uFEFF${good}`))).toEqual({ imported: 1, problems: [] });
    const stored = await db().companyRegistryEntry.findUniqueOrThrow({ where: { creditCode: code } });
    expect(stored).toMatchObject({ legalRepresentativeName: "钱新", active: true });
    expect(JSON.stringify(stored)).not.toContain(idNumber);

    const bad = `${good}${withWrongCheckChar(code)},坏公司,某人,${withWrongCheckChar(idNumber)},注销\n`;
    const report = await importCompanyRegistry(db(), Buffer.from(bad));
    expect(report.imported).toBe(0);
    expect(report.problems.map((problem) => problem.field).sort()).toEqual([
      "creditCode",
      "legalRepresentativeIdNumber",
    ]);
    // Restore the seeded representative for the other tests.
    const seeded = `creditCode,name,legalRepresentative,legalRepresentativeIdNumber,status\n${code},${DEMO_ACCOUNTS.registryCompany.companyName},${DEMO_ACCOUNTS.registryCompany.realName},${DEMO_ACCOUNTS.registryCompany.idNumber},存续\n`;
    expect((await importCompanyRegistry(db(), Buffer.from(seeded))).imported).toBe(1);
  });
});

describe("电子营业执照认证 (e-business-licence)", () => {
  const TOKEN = "test-ebl-token";
  const service = createCardCheckService({ token: TOKEN });
  let ebl: ReturnType<typeof httpEBusinessLicenceService>;
  beforeAll(async () => {
    await new Promise<void>((resolve) => service.server.listen(0, "127.0.0.1", resolve));
    ebl = httpEBusinessLicenceService({
      url: `http://127.0.0.1:${(service.server.address() as AddressInfo).port}/ebl`,
      token: TOKEN,
    });
  });
  afterAll(() => new Promise<void>((resolve) => service.server.close(() => resolve())));

  it("opens the company for the legal representative the licence and the registry both name; refuses everything else", async () => {
    const creditCode = randomCreditCode();
    const representativeId = randomIdNumber();
    const registry = `统一社会信用代码,企业名称,法定代表人,法定代表人身份证号码,登记状态\n${creditCode},广安市电照测试有限公司,卫法人,${representativeId},存续\n`;
    expect((await importCompanyRegistry(db(), Buffer.from(registry))).imported).toBe(1);
    const representative = await companyAgent({ realName: "卫法人", idNumber: representativeId });

    // A self-registered account (level 2): its name and ID number are only declared.
    expect(
      await expectAppError(
        establishByEBusinessLicence(await representative.actor(), { creditCode }, { ip: null, service: ebl }),
      ),
    ).toMatchObject({
      code: "UNPROCESSABLE",
      messageKey: "companies.errors.eBusinessLicenceLevel",
    });
    // Verified in person at a counter (level 4).
    await verifyAtCounter(
      await actorFor({ loginName: "clerk" }),
      { realName: "卫法人", idNumber: representativeId, identityCheck: "ORIGINAL_DOCUMENT", identityConfirmed: true },
      { ip: null },
    );
    const verified = await representative.actor();
    expect(verified.assuranceLevel).toBe(4);

    expect(
      (
        await expectAppError(
          establishByEBusinessLicence(verified, { creditCode: "91511602MA6C0E2A1X" }, { ip: null, service: ebl }),
        )
      ).details.fieldErrors,
    ).toHaveProperty("creditCode");
    expect(
      await expectAppError(establishByEBusinessLicence(verified, { creditCode }, { ip: null, service: null })),
    ).toMatchObject({ messageKey: "companies.errors.eBusinessLicenceUnavailable" });
    // The licence does not name them (not registered with the service): refused, audited, nothing opened.
    expect(
      (await expectAppError(establishByEBusinessLicence(verified, { creditCode }, { ip: null, service: ebl }))).details
        .fieldErrors,
    ).toEqual({ creditCode: "companies.errors.eBusinessLicenceNoMatch" });
    expect(
      await db().auditLog.count({
        where: { actorId: verified.userId, action: "company.establish.eBusinessLicenceRefused" },
      }),
    ).toBe(1);
    expect((await representative.actor()).companyId).toBeNull();
    // The service sent name and ID number with the code.
    expect(service.requests.at(-1)?.body).toEqual({ creditCode, name: "卫法人", idNumber: representativeId });

    service.addCompany({ creditCode, name: "卫法人", idNumber: representativeId });
    const { companyId } = await establishByEBusinessLicence(
      verified,
      { creditCode },
      { ip: "10.60.0.7", service: ebl },
    );
    expect(await representative.actor()).toMatchObject({ companyId, companyItemIds: null, companyMayAuthorise: true });
    expect(
      await db().auditLog.count({ where: { objectId: companyId, action: "company.establish.eBusinessLicence" } }),
    ).toBe(1);

    // A licence naming someone the registry does not: refused by the registry rule.
    const otherCode = randomCreditCode();
    expect(
      (
        await importCompanyRegistry(
          db(),
          Buffer.from(
            `统一社会信用代码,企业名称,法定代表人,法定代表人身份证号码,登记状态\n${otherCode},广安市另一家有限公司,别人,${randomIdNumber()},存续\n`,
          ),
        )
      ).imported,
    ).toBe(1);
    service.addCompany({ creditCode: otherCode, name: "卫法人", idNumber: representativeId });
    expect(
      (
        await expectAppError(
          establishByEBusinessLicence(verified, { creditCode: otherCode }, { ip: null, service: ebl }),
        )
      ).details.fieldErrors,
    ).toEqual({ creditCode: "companies.match.name" });
    // Staff cannot.
    expect(
      (await expectAppError(establishByEBusinessLicence(admin, { creditCode }, { ip: null, service: ebl }))).code,
    ).toBe("FORBIDDEN");
  });
});
