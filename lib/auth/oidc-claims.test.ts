import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../prisma/seed/demo-accounts";
import {
  OIDC_LEGAL_REPRESENTATIVE,
  OIDC_REFUSALS,
  oidcRefusalParam,
  readOidcClaims,
  signInErrorMessage,
} from "./oidc-claims";

const LEVELS = { "urn:gov:loa:3": 3, "urn:gov:loa:4": 4 };
const { idNumber, realName, creditCode, companyName } = DEMO_ACCOUNTS.registryCompany;

describe("reading the provider's claims", () => {
  it("believes name and ID number only at level 3 or higher", () => {
    expect(
      readOidcClaims(
        { sub: "a", acr: "urn:gov:loa:3", name: ` ${realName} `, id_number: idNumber.toLowerCase() },
        LEVELS,
      ),
    ).toEqual({
      ok: true,
      identity: { subject: "a", level: 3, name: realName, verifiedIdNumber: idNumber, phone: null, legalPerson: null },
    });
    for (const acr of [undefined, "urn:gov:loa:2", ["urn:gov:loa:4"]]) {
      expect(readOidcClaims({ sub: "a", acr, id_number: idNumber }, LEVELS)).toMatchObject({
        ok: true,
        identity: { level: 2, verifiedIdNumber: null },
      });
    }
    // Not an ID number (check character wrong): dropped, the sign-in goes on.
    expect(
      readOidcClaims({ sub: "a", acr: "urn:gov:loa:4", id_number: `${idNumber.slice(0, 17)}0` }, LEVELS),
    ).toMatchObject({ ok: true, identity: { verifiedIdNumber: null } });
  });

  it("keeps a mobile number only when the provider verified it", () => {
    expect(
      readOidcClaims({ sub: "a", phone_number: "+86 138 0013 8000", phone_number_verified: true }, LEVELS),
    ).toMatchObject({ identity: { phone: "13800138000" } });
    expect(readOidcClaims({ sub: "a", phone_number: "13800138000" }, LEVELS)).toMatchObject({
      identity: { phone: null },
    });
    expect(
      readOidcClaims({ sub: "a", phone_number: "+1 202 555 0100", phone_number_verified: true }, LEVELS),
    ).toMatchObject({ identity: { phone: null } });
  });

  it("reads legal-person claims of a verified representative, and refuses any other", () => {
    const claims = {
      sub: "r",
      acr: "urn:gov:loa:3",
      name: realName,
      id_number: idNumber,
      org_credit_code: creditCode.toLowerCase(),
      org_name: companyName,
      org_role: OIDC_LEGAL_REPRESENTATIVE,
    };
    expect(readOidcClaims(claims, LEVELS)).toMatchObject({
      ok: true,
      identity: { legalPerson: { creditCode, companyName } },
    });
    expect(readOidcClaims({ ...claims, org_role: "agent" }, LEVELS)).toEqual({
      ok: false,
      reason: "notRepresentative",
    });
    expect(readOidcClaims({ ...claims, org_credit_code: `${creditCode.slice(0, 17)}Z` }, LEVELS)).toEqual({
      ok: false,
      reason: "invalidCreditCode",
    });
    expect(readOidcClaims({ ...claims, acr: undefined }, LEVELS)).toEqual({ ok: false, reason: "unverifiedIdentity" });
    expect(readOidcClaims({ ...claims, org_credit_code: " " }, LEVELS)).toMatchObject({
      ok: true,
      identity: { legalPerson: null },
    });
  });

  it("takes the subject exactly as sent", () => {
    expect(readOidcClaims({ sub: " a " }, LEVELS)).toMatchObject({ ok: true, identity: { subject: " a " } });
    for (const sub of [undefined, null, "", 7])
      expect(readOidcClaims({ sub }, LEVELS)).toEqual({ ok: false, reason: "noSubject" });
  });
});

describe("the sign-in page's error parameter", () => {
  it("names the refusal's own message, a general one for anything else, nothing without a parameter", () => {
    for (const reason of OIDC_REFUSALS)
      expect(signInErrorMessage(oidcRefusalParam(reason))).toBe(`oidc.refused.${reason}`);
    for (const other of ["OAuthCallback", "Callback", "AccessDenied", "oidc.constructor", "oidc.", "oidc.__proto__"])
      expect(signInErrorMessage(other)).toBe("oidc.failed");
    expect(signInErrorMessage("")).toBeNull();
    expect(signInErrorMessage(undefined)).toBeNull();
  });
});
