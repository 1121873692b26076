import { checkCreditCode, normaliseCreditCode } from "../identity/credit-code";
import { checkIdNumber, normaliseIdNumber } from "../identity/id-number";
import { isMainlandMobile, normalisePhone } from "../identity/phone";
import { assuranceFromAcr } from "./oidc-assurance";

/**
 * What the unified identity provider (统一身份认证, OpenID Connect) tells the platform about who signed in, and how
 * much of it the platform believes. The claim names, in one place (README "OpenID Connect" lists them for operators;
 * a provider that names them differently maps them to these for this client):
 *
 * - `acr`: how the person was verified, mapped to an assurance level by OIDC_ACR_LEVELS (lib/auth/oidc-assurance.ts);
 * - `name`, `id_number`: the person's name and resident ID number (GB 11643);
 * - `phone_number`, `phone_number_verified` (OpenID Connect Core §5.1);
 * - legal-person sign-in (法人登录): `org_credit_code` (统一社会信用代码), `org_name`, and `org_role`, which is
 *   `legal_representative` when the person signed in as the company's legal representative (法定代表人).
 *
 * Name and ID number are believed only when the sign-in's acr maps to level 3 or higher: at level 3 the provider has
 * checked name and ID number against the population or legal-person register (the trust levels of the Guangdong
 * unified identity platform, docs/domain-reference.md §4), which is exactly the proof needed to link an account
 * or to match a company's registered representative. There is no separate "verified" flag to believe instead: it
 * would be a second statement of the same fact, able to contradict the acr. Below level 3 the ID number is ignored:
 * neither stored (it would block the real holder from registering) nor used to find an account.
 */
export const OIDC_CLAIMS = {
  name: "name",
  idNumber: "id_number",
  phone: "phone_number",
  phoneVerified: "phone_number_verified",
  orgCreditCode: "org_credit_code",
  orgName: "org_name",
  orgRole: "org_role",
} as const;

/** `org_role` of a company's legal representative. */
export const OIDC_LEGAL_REPRESENTATIVE = "legal_representative";

/** The lowest assurance level at which the provider has verified name and ID number (see above). */
export const OIDC_VERIFIED_IDENTITY_LEVEL = 3;

/**
 * Why a sign-in through the provider was refused. Each has a message (identity.oidc.refused.* in
 * lib/i18n/messages/identity.*.json) that the sign-in page shows; none grants anything.
 */
export const OIDC_REFUSALS = [
  /** The provider sent no subject: nothing to link. */
  "noSubject",
  /** The account is disabled. */
  "accountDisabled",
  /** The verified ID number belongs to an account that cannot be linked: staff, or linked to another subject. */
  "idNumberInUse",
  /** The account linked to this subject holds a different ID number from the verified one. */
  "idNumberMismatch",
  /** Legal-person claims for a personal or staff account (a company is represented through a company account). */
  "notCompanyAccount",
  /** Legal-person claims for someone other than the legal representative. */
  "notRepresentative",
  /** Legal-person claims with a credit code that is not one. */
  "invalidCreditCode",
  /** Legal-person claims without a verified name and ID number (acr below level 3, or no valid ID number). */
  "unverifiedIdentity",
  /** The credit code is not in the business registry. */
  "notInRegistry",
  /** The registry says the company no longer exists (注销, 吊销 …). */
  "registryInactive",
  /** The registry names another legal representative (name or ID number differ). */
  "registryMismatch",
  /** Another sign-in changed the same accounts at the same moment. */
  "retry",
] as const;

export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

export type OidcIdentity = {
  subject: string;
  /** Assurance level (实名等级) the sign-in proves. */
  level: number;
  /** The name as the provider gives it: a new account's name; matched against the business registry only at level ≥ 3. */
  name: string | null;
  /** The ID number the provider verified (level ≥ 3), normalised; null when it is not believed. */
  verifiedIdNumber: string | null;
  /** A mainland mobile number the provider says it verified, normalised. */
  phone: string | null;
  /** The company whose legal representative signed in (法人登录). */
  legalPerson: { creditCode: string; companyName: string | null } | null;
};

export type OidcReading = { ok: true; identity: OidcIdentity } | { ok: false; reason: OidcRefusal };

function stringClaim(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= max ? trimmed : null;
}

/**
 * Reads the provider's claims (ID token and userinfo together, lib/auth/oidc.ts) into what the platform believes.
 * Malformed ordinary claims are dropped (a bad phone number does not stop a sign-in); malformed or unverified
 * legal-person claims refuse the sign-in, since the person asked to act for a company and must learn why they cannot.
 */
export function readOidcClaims(
  claims: Readonly<Record<string, unknown>>,
  levels: Readonly<Record<string, number>>,
): OidcReading {
  // The subject is compared exactly (never trimmed): it is the provider's identifier, not something a person typed.
  const subject =
    typeof claims.sub === "string" && claims.sub.length > 0 && claims.sub.length <= 255 ? claims.sub : null;
  if (!subject) return { ok: false, reason: "noSubject" };
  const level = assuranceFromAcr(claims.acr, levels);
  const name = stringClaim(claims[OIDC_CLAIMS.name], 50);
  const idNumber = stringClaim(claims[OIDC_CLAIMS.idNumber], 32);
  const verifiedIdNumber =
    level >= OIDC_VERIFIED_IDENTITY_LEVEL && idNumber && checkIdNumber(idNumber) === null
      ? normaliseIdNumber(idNumber)
      : null;
  const phone = stringClaim(claims[OIDC_CLAIMS.phone], 20);
  const verifiedPhone =
    claims[OIDC_CLAIMS.phoneVerified] === true && phone && isMainlandMobile(phone) ? normalisePhone(phone) : null;

  let legalPerson: OidcIdentity["legalPerson"] = null;
  const creditCode = stringClaim(claims[OIDC_CLAIMS.orgCreditCode], 32);
  if (creditCode !== null) {
    if (claims[OIDC_CLAIMS.orgRole] !== OIDC_LEGAL_REPRESENTATIVE) return { ok: false, reason: "notRepresentative" };
    if (checkCreditCode(creditCode) !== null) return { ok: false, reason: "invalidCreditCode" };
    if (!verifiedIdNumber) return { ok: false, reason: "unverifiedIdentity" };
    legalPerson = {
      creditCode: normaliseCreditCode(creditCode),
      companyName: stringClaim(claims[OIDC_CLAIMS.orgName], 200),
    };
  }
  return { ok: true, identity: { subject, level, name, verifiedIdNumber, phone: verifiedPhone, legalPerson } };
}

/** The query parameter the sign-in page receives for a refusal (next-auth's signIn callback redirects there). */
export function oidcRefusalParam(reason: OidcRefusal): string {
  return `oidc.${reason}`;
}

/**
 * The message (in the `identity` namespace) for the sign-in page's `error` parameter: a refusal's own reason, or a
 * general one for what next-auth reports itself (OAuthCallback, Callback, AccessDenied … : the provider could not be
 * reached, the person cancelled there, or the answer did not verify). Unknown values never name a missing message.
 */
export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  const reason = error.startsWith("oidc.") ? error.slice("oidc.".length) : null;
  if (reason && (OIDC_REFUSALS as readonly string[]).includes(reason)) return `oidc.refused.${reason}`;
  return "oidc.failed";
}
