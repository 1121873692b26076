import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { companyAccess } from "../../lib/accounts/companies";
import { fromStored, idNumberHash, IDENTITY_SELECT, toStored, wherePhone } from "../../lib/accounts/identity-fields";
import { actorOf } from "../../lib/auth/actor";
import { linkOidcAccount, oidcAccountForSubject } from "../../lib/auth/oidc";
import { OIDC_LEGAL_REPRESENTATIVE } from "../../lib/auth/oidc-claims";
import { can } from "../../lib/auth/policy";
import { db } from "../../lib/db/client";
import { DEMO_ACCOUNTS } from "../../prisma/seed/demo-accounts";
import { randomCreditCode, randomIdNumber, randomPhone, withWrongCheckChar } from "../support/identities";
import { registerWithCode } from "../support/registration";

/**
 * Sign-in through the unified identity provider (lib/auth/oidc.ts) against a real database: which account a set of
 * claims opens, links or creates; acr → assurance level; legal-person claims establishing a company for its
 * registered representative, and everything that must grant nothing. The browser round trip against a real
 * provider is tests/e2e/oidc.spec.ts.
 */

const LEVELS = { "urn:gov:loa:2": 2, "urn:gov:loa:3": 3, "urn:gov:loa:4": 4 };
const VERIFIED = "urn:gov:loa:3";
const PASSWORD = "Secret12345";

const newSubject = () => `test-${randomUUID()}`;

async function userBySubject(subject: string) {
  return db().user.findUnique({
    where: { oidcSubject: subject },
    select: { id: true, role: true, realName: true, assuranceLevel: true, idNumberHash: true, ...IDENTITY_SELECT },
  });
}

async function auditOf(userId: string) {
  return db().auditLog.findMany({
    where: { actorId: userId },
    orderBy: { id: "asc" },
    select: { action: true, objectType: true, objectId: true, after: true },
  });
}

async function registeredApplicant(
  kind: "citizen" | "company",
  overrides: { realName?: string; idNumber?: string } = {},
) {
  const input = {
    accountType: kind,
    realName: overrides.realName ?? "吴测试",
    idNumber: overrides.idNumber ?? randomIdNumber(),
    phone: randomPhone(),
    password: PASSWORD,
    confirmPassword: PASSWORD,
  };
  const { userId } = await registerWithCode(input);
  return { ...input, userId };
}

/** A company in the business registry with a representative who has no account yet. */
async function registryCompany({ active = true }: { active?: boolean } = {}) {
  const entry = {
    creditCode: randomCreditCode(),
    name: `测试登记企业${randomUUID().slice(0, 6)}有限公司`,
    realName: "郑法人",
    idNumber: randomIdNumber(),
  };
  await db().companyRegistryEntry.create({
    data: {
      creditCode: entry.creditCode,
      name: entry.name,
      legalRepresentativeName: entry.realName,
      legalRepresentativeIdHash: idNumberHash(entry.idNumber),
      active,
    },
  });
  return entry;
}

function legalPersonClaims(
  company: { creditCode: string; name: string; realName: string; idNumber: string },
  subject = newSubject(),
) {
  return {
    sub: subject,
    acr: VERIFIED,
    name: company.realName,
    id_number: company.idNumber,
    org_credit_code: company.creditCode,
    org_name: company.name,
    org_role: OIDC_LEGAL_REPRESENTATIVE,
  };
}

async function nothingGranted(subject: string, creditCode: string) {
  expect(await userBySubject(subject)).toBeNull();
  expect(await db().company.findUnique({ where: { creditCode } })).toBeNull();
}

describe("which account a sign-in opens", () => {
  it("links the demo citizen by the verified ID number, raises the level, and finds them by subject afterwards", async () => {
    const citizen = await db().user.findFirstOrThrow({ where: wherePhone(DEMO_ACCOUNTS.citizen.phone) });
    expect(citizen.oidcSubject).toBeNull();
    const subject = newSubject();
    // The check character in lower case and a +86 phone: the provider's spelling, normalised before hashing.
    const claims = {
      sub: subject,
      acr: VERIFIED,
      name: "王小明",
      id_number: DEMO_ACCOUNTS.citizen.idNumber.toLowerCase(),
      phone_number: "+86 13800138000",
      phone_number_verified: true,
    };
    expect(await linkOidcAccount(claims, LEVELS)).toEqual({
      ok: true,
      account: { id: citizen.id, role: "CITIZEN", sessionVersion: citizen.sessionVersion },
    });
    const linked = await db().user.findUniqueOrThrow({ where: { id: citizen.id } });
    expect(linked).toMatchObject({
      oidcSubject: subject,
      assuranceLevel: 3,
      realName: "王小明",
      idNumberHash: citizen.idNumberHash,
    });
    expect((await auditOf(citizen.id)).slice(-2)).toEqual([
      {
        action: "account.linkOidc",
        objectType: "User",
        objectId: citizen.id,
        after: { via: "idNumber", assuranceLevel: 3 },
      },
      { action: "auth.signIn", objectType: "User", objectId: citizen.id, after: { method: "oidc", assuranceLevel: 3 } },
    ]);

    // Again, by subject: a weaker acr lowers nothing, a stronger one raises; no second link.
    expect(await linkOidcAccount({ ...claims, acr: undefined }, LEVELS)).toMatchObject({
      ok: true,
      account: { id: citizen.id },
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: citizen.id } })).assuranceLevel).toBe(3);
    expect(await linkOidcAccount({ ...claims, acr: "urn:gov:loa:4" }, LEVELS)).toMatchObject({
      ok: true,
      account: { id: citizen.id },
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: citizen.id } })).assuranceLevel).toBe(4);
    expect((await auditOf(citizen.id)).filter((entry) => entry.action === "account.linkOidc")).toHaveLength(1);
    expect(await oidcAccountForSubject(subject)).toEqual({
      id: citizen.id,
      role: "CITIZEN",
      sessionVersion: citizen.sessionVersion,
    });
  });

  it("links a company agent's account the same way", async () => {
    const agent = await registeredApplicant("company");
    const subject = newSubject();
    expect(
      await linkOidcAccount({ sub: subject, acr: VERIFIED, name: agent.realName, id_number: agent.idNumber }, LEVELS),
    ).toMatchObject({ ok: true, account: { id: agent.userId, role: "COMPANY_AGENT" } });
    expect((await userBySubject(subject))?.id).toBe(agent.userId);
  });

  it("believes no ID number the provider has not verified: below level 3 a new account without it", async () => {
    const holder = await registeredApplicant("citizen");
    for (const acr of [undefined, "urn:gov:loa:2", "urn:gov:loa:9"]) {
      const subject = newSubject();
      const outcome = await linkOidcAccount(
        { sub: subject, acr, name: holder.realName, id_number: holder.idNumber },
        LEVELS,
      );
      expect(outcome).toMatchObject({ ok: true, account: { role: "CITIZEN" } });
      const created = await userBySubject(subject);
      expect(created?.id).not.toBe(holder.userId);
      expect(created).toMatchObject({ assuranceLevel: 2, idNumberHash: null });
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: holder.userId } })).oidcSubject).toBeNull();
  });

  it("creates an account with the verified name, ID number and a free verified phone, at the level the acr proves", async () => {
    const idNumber = randomIdNumber();
    const phone = randomPhone();
    const subject = newSubject();
    const outcome = await linkOidcAccount(
      {
        sub: subject,
        acr: "urn:gov:loa:4",
        name: "  冯实名 ",
        id_number: idNumber,
        phone_number: `+86${phone}`,
        phone_number_verified: true,
      },
      LEVELS,
    );
    expect(outcome).toMatchObject({ ok: true, account: { role: "CITIZEN" } });
    const created = (await userBySubject(subject))!;
    expect(created).toMatchObject({ realName: "冯实名", assuranceLevel: 4, idNumberHash: idNumberHash(idNumber) });
    expect(fromStored(created)).toEqual({ idNumber, phone });
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual(["account.linkOidc", "auth.signIn"]);

    // A phone another account holds, or one the provider did not verify, is not stored; the sign-in still works.
    for (const claims of [
      { phone_number: DEMO_ACCOUNTS.company.phone, phone_number_verified: true },
      { phone_number: randomPhone() },
    ]) {
      const other = newSubject();
      expect(
        await linkOidcAccount(
          { sub: other, acr: VERIFIED, name: "卫无号", id_number: randomIdNumber(), ...claims },
          LEVELS,
        ),
      ).toMatchObject({ ok: true });
      expect(fromStored(await userBySubject(other)).phone).toBeNull();
    }
  });

  it("never links a staff account by ID number, nor an account linked to another subject", async () => {
    const clerkId = randomIdNumber();
    const clerk = await db().user.update({
      where: { loginName: DEMO_ACCOUNTS.clerk.loginName },
      data: toStored({ idNumber: clerkId }),
      select: { id: true },
    });
    const usersBefore = await db().user.count();
    const subject = newSubject();
    expect(
      await linkOidcAccount(
        { sub: subject, acr: "urn:gov:loa:4", name: DEMO_ACCOUNTS.clerk.realName, id_number: clerkId },
        LEVELS,
      ),
    ).toEqual({ ok: false, reason: "idNumberInUse" });
    expect((await db().user.findUniqueOrThrow({ where: { id: clerk.id } })).oidcSubject).toBeNull();
    expect(await db().user.count()).toBe(usersBefore);

    const person = await registeredApplicant("citizen");
    const first = newSubject();
    await linkOidcAccount({ sub: first, acr: VERIFIED, name: person.realName, id_number: person.idNumber }, LEVELS);
    const second = newSubject();
    expect(
      await linkOidcAccount({ sub: second, acr: VERIFIED, name: person.realName, id_number: person.idNumber }, LEVELS),
    ).toEqual({ ok: false, reason: "idNumberInUse" });
    expect(await userBySubject(second)).toBeNull();
    expect((await db().user.findUniqueOrThrow({ where: { id: person.userId } })).oidcSubject).toBe(first);
  });

  it("refuses a subject whose account holds another ID number, and a disabled account", async () => {
    const person = await registeredApplicant("citizen");
    const subject = newSubject();
    await linkOidcAccount({ sub: subject, acr: VERIFIED, name: person.realName, id_number: person.idNumber }, LEVELS);
    expect(
      await linkOidcAccount(
        { sub: subject, acr: VERIFIED, name: person.realName, id_number: randomIdNumber() },
        LEVELS,
      ),
    ).toEqual({ ok: false, reason: "idNumberMismatch" });
    expect((await db().user.findUniqueOrThrow({ where: { id: person.userId } })).idNumberHash).toBe(
      idNumberHash(person.idNumber),
    );

    await db().user.update({ where: { id: person.userId }, data: { status: "DISABLED" } });
    expect(
      await linkOidcAccount({ sub: subject, acr: VERIFIED, name: person.realName, id_number: person.idNumber }, LEVELS),
    ).toEqual({ ok: false, reason: "accountDisabled" });
    expect(await oidcAccountForSubject(subject)).toBeNull();
  });

  it("adds the verified ID number to an account linked before, unless another account holds it", async () => {
    const subject = newSubject();
    await linkOidcAccount({ sub: subject, name: "蒋早期" }, LEVELS);
    expect((await userBySubject(subject))?.idNumberHash).toBeNull();
    const taken = await registeredApplicant("citizen");
    expect(
      await linkOidcAccount({ sub: subject, acr: VERIFIED, name: "蒋早期", id_number: taken.idNumber }, LEVELS),
    ).toEqual({ ok: false, reason: "idNumberInUse" });
    const own = randomIdNumber();
    expect(
      await linkOidcAccount({ sub: subject, acr: VERIFIED, name: "蒋早期", id_number: own }, LEVELS),
    ).toMatchObject({ ok: true });
    expect(await userBySubject(subject)).toMatchObject({ idNumberHash: idNumberHash(own), assuranceLevel: 3 });
  });

  it("refuses claims without a subject", async () => {
    for (const sub of [undefined, "", 42, "x".repeat(256)])
      expect(await linkOidcAccount({ sub, acr: VERIFIED, name: "无标识" }, LEVELS)).toEqual({
        ok: false,
        reason: "noSubject",
      });
  });
});

describe("legal-person claims (法人登录)", () => {
  it("establish the demo registry company for its representative: a company account holding the representative's authorisation", async () => {
    const { realName, idNumber, creditCode, companyName } = DEMO_ACCOUNTS.registryCompany;
    expect(await db().company.findUnique({ where: { creditCode } })).toBeNull();
    const subject = newSubject();
    const claims = legalPersonClaims(
      { creditCode: creditCode.toLowerCase(), name: companyName, realName, idNumber },
      subject,
    );
    const outcome = await linkOidcAccount(claims, LEVELS);
    expect(outcome).toMatchObject({ ok: true, account: { role: "COMPANY_AGENT" } });
    const representative = (await userBySubject(subject))!;
    expect(representative).toMatchObject({ realName, assuranceLevel: 3, idNumberHash: idNumberHash(idNumber) });

    const company = await db().company.findUniqueOrThrow({ where: { creditCode } });
    expect(company).toMatchObject({ name: companyName, legalRepresentative: realName });
    const authorisations = await db().companyAuthorisation.findMany({ where: { companyId: company.id } });
    expect(authorisations).toHaveLength(1);
    expect(authorisations[0]).toMatchObject({
      userId: representative.id,
      representative: true,
      mayAuthorise: true,
      serviceItemIds: [],
      status: "ACTIVE",
      validUntil: null,
      grantedById: null,
    });
    expect(await companyAccess(representative.id)).toEqual({
      companyId: company.id,
      serviceItemIds: null,
      mayAuthorise: true,
    });
    const actor = await actorOf({ ...representative, departmentId: null });
    expect(can(actor, "company.authorise", { kind: "company", companyId: company.id })).toBe(true);
    const audit = await auditOf(representative.id);
    expect(audit.map((entry) => entry.action)).toEqual(["account.linkOidc", "auth.signIn", "company.establish.oidc"]);
    expect(audit[2]).toMatchObject({
      objectType: "Company",
      objectId: company.id,
      after: { creditCode, authorisationId: authorisations[0]!.id, replaced: 0 },
    });

    // Signing in again changes nothing: no second authorisation, no second establishment.
    expect(await linkOidcAccount(claims, LEVELS)).toMatchObject({ ok: true, account: { id: representative.id } });
    expect(await db().companyAuthorisation.count({ where: { companyId: company.id } })).toBe(1);
    expect(
      (await auditOf(representative.id)).filter((entry) => entry.action === "company.establish.oidc"),
    ).toHaveLength(1);
  });

  it("link the representative's own company agent account, and replace an earlier representative", async () => {
    const company = await registryCompany();
    const earlierClaims = legalPersonClaims(company);
    const earlier = await linkOidcAccount(earlierClaims, LEVELS);
    expect(earlier.ok).toBe(true);
    // The regulator registers a new legal representative, who has registered on the platform as a company agent.
    const successor = await registeredApplicant("company", { realName: "沈继任" });
    await db().companyRegistryEntry.update({
      where: { creditCode: company.creditCode },
      data: {
        legalRepresentativeName: successor.realName,
        legalRepresentativeIdHash: idNumberHash(successor.idNumber),
      },
    });
    const outcome = await linkOidcAccount(
      legalPersonClaims({ ...company, realName: successor.realName, idNumber: successor.idNumber }),
      LEVELS,
    );
    expect(outcome).toMatchObject({ ok: true, account: { id: successor.userId, role: "COMPANY_AGENT" } });
    const companyId = (await db().company.findUniqueOrThrow({ where: { creditCode: company.creditCode } })).id;
    expect(await companyAccess(successor.userId)).toMatchObject({ companyId, mayAuthorise: true });
    expect(await companyAccess(earlier.ok ? earlier.account.id : "")).toBeNull();
    const establish = (await auditOf(successor.userId)).find((entry) => entry.action === "company.establish.oidc");
    expect(establish?.after).toMatchObject({ replaced: 1 });
    // The earlier representative's claims no longer match the registry: refused, and nothing given back.
    expect(await linkOidcAccount(earlierClaims, LEVELS)).toEqual({ ok: false, reason: "registryMismatch" });
    expect(await companyAccess(earlier.ok ? earlier.account.id : "")).toBeNull();
  });

  it("grant nothing when they do not match the registry", async () => {
    const company = await registryCompany();
    const cases: [Record<string, unknown>, string][] = [
      [{ id_number: randomIdNumber() }, "registryMismatch"],
      [{ name: "郑冒名" }, "registryMismatch"],
      [{ name: undefined }, "registryMismatch"],
      [{ org_credit_code: randomCreditCode() }, "notInRegistry"],
      [{ org_credit_code: withWrongCheckChar(company.creditCode) }, "invalidCreditCode"],
      [{ org_role: "agent" }, "notRepresentative"],
      [{ org_role: undefined }, "notRepresentative"],
      [{ acr: "urn:gov:loa:2" }, "unverifiedIdentity"],
      [{ acr: undefined }, "unverifiedIdentity"],
      [{ id_number: withWrongCheckChar(company.idNumber) }, "unverifiedIdentity"],
    ];
    for (const [change, reason] of cases) {
      const claims = { ...legalPersonClaims(company), ...change };
      expect(await linkOidcAccount(claims, LEVELS), JSON.stringify(change)).toEqual({ ok: false, reason });
      await nothingGranted(claims.sub, company.creditCode);
    }
    const inactive = await registryCompany({ active: false });
    const claims = legalPersonClaims(inactive);
    expect(await linkOidcAccount(claims, LEVELS)).toEqual({ ok: false, reason: "registryInactive" });
    await nothingGranted(claims.sub, inactive.creditCode);
  });

  it("grant nothing to a citizen's account, whether found by ID number or by subject", async () => {
    // The registry's representative holds a personal (citizen) account: the ID number cannot also be a company account.
    const citizen = await registeredApplicant("citizen", { realName: "韩个人" });
    const company = { ...(await registryCompany()), realName: citizen.realName, idNumber: citizen.idNumber };
    await db().companyRegistryEntry.update({
      where: { creditCode: company.creditCode },
      data: { legalRepresentativeName: citizen.realName, legalRepresentativeIdHash: idNumberHash(citizen.idNumber) },
    });
    const claims = legalPersonClaims(company);
    expect(await linkOidcAccount(claims, LEVELS)).toEqual({ ok: false, reason: "notCompanyAccount" });
    await nothingGranted(claims.sub, company.creditCode);
    expect((await db().user.findUniqueOrThrow({ where: { id: citizen.userId } })).oidcSubject).toBeNull();

    // Linked as a person first, then signing in as the company's representative.
    const subject = newSubject();
    expect(
      await linkOidcAccount(
        { sub: subject, acr: VERIFIED, name: citizen.realName, id_number: citizen.idNumber },
        LEVELS,
      ),
    ).toMatchObject({ ok: true, account: { id: citizen.userId } });
    expect(await linkOidcAccount({ ...claims, sub: subject }, LEVELS)).toEqual({
      ok: false,
      reason: "notCompanyAccount",
    });
    expect(await db().company.findUnique({ where: { creditCode: company.creditCode } })).toBeNull();
    expect(await db().companyAuthorisation.count({ where: { userId: citizen.userId } })).toBe(0);
  });
});
