import "server-only";
import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { randomBytes } from "node:crypto";
import type { TokenSet as OpenIdTokenSet } from "openid-client";
import { establishCompany, registryMatchProblems } from "../accounts/companies";
import { idNumberHash, toStored, wherePhone } from "../accounts/identity-fields";
import { recordAudit } from "../audit/audit";
import { db } from "../db/client";
import type { Env } from "../env";
import { isUniqueViolation } from "../errors";
import { publicBaseUrl } from "../http/public-url";
import { logger } from "../logger";
import { type OidcRefusal, readOidcClaims } from "./oidc-claims";
import { hashPassword } from "./password";
import { applicantKind, isStaffRole, type Role } from "./policy";

/**
 * Optional sign-in through a government unified identity service (统一身份认证) speaking OpenID Connect.
 * Enabled by OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET; the redirect URI to register at the provider
 * is `${NEXTAUTH_URL}/api/auth/callback/oidc`. The claims it reads are listed in lib/auth/oidc-claims.ts.
 */
export function oidcProvider(config: Env): OAuthConfig<Profile> | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: config.OIDC_DISPLAY_NAME ?? "OpenID Connect",
    type: "oauth",
    wellKnown: `${config.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid profile phone" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    userinfo: {
      // A provider following OpenID Connect Core §5.4 answers the scopes' claims (name, phone, ID number …) at the
      // userinfo endpoint, not in the ID token of the code flow; others put them in the ID token. Both are read. The
      // ID token (signed, checked against the nonce) decides subject and acr: openid-client refuses a userinfo answer
      // for another subject, and an acr there is not the authentication's own.
      async request({ client, tokens }) {
        // next-auth's type names the token fields only; what it passes is openid-client's TokenSet (its callback()).
        const tokenSet = tokens as unknown as OpenIdTokenSet;
        const idClaims = tokenSet.claims();
        const userinfo =
          client.issuer.metadata.userinfo_endpoint && tokenSet.access_token ? await client.userinfo(tokenSet) : {};
        return { ...userinfo, ...idClaims, acr: idClaims.acr };
      },
    },
    profile: (profile) => ({ id: String(profile.sub), name: profile.name ?? null }),
  };
}

/** The provider's end_session_endpoint from its discovery document, asked once per process (null: it has none). */
let endSessionEndpoint: Promise<string | null> | null = null;

/**
 * Where to send a person signing out of a session that began at the identity provider, so that its single sign-on
 * session ends too (OpenID Connect RP-Initiated Logout 1.0): the provider's end_session_endpoint with this client's
 * id, the page to come back to (to register at the provider as a post-logout redirect URI) and the
 * person's language. The page to come back to is the portal's public origin (lib/http/public-url.ts) with "/". Null when OIDC is off, the provider offers no such endpoint or cannot be asked now: then only
 * this platform's session ends, as before.
 */
export async function providerSignOutUrl(config: Env, locale: string): Promise<string | null> {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return null;
  const discovery = `${config.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`;
  endSessionEndpoint ??= fetch(discovery, { signal: AbortSignal.timeout(5000) })
    .then(async (response) => {
      const endpoint = response.ok
        ? ((await response.json()) as { end_session_endpoint?: unknown }).end_session_endpoint
        : undefined;
      return typeof endpoint === "string" && /^https?:\/\//.test(endpoint) ? endpoint : null;
    })
    .catch((error: unknown) => {
      logger.warn({ err: error }, "OpenID Connect discovery failed: signing out here only");
      endSessionEndpoint = null; // asked again next time
      return null;
    });
  const endpoint = await endSessionEndpoint;
  if (!endpoint) return null;
  const url = new URL(endpoint);
  url.searchParams.set("client_id", config.OIDC_CLIENT_ID);
  url.searchParams.set("post_logout_redirect_uri", `${publicBaseUrl()}/`);
  url.searchParams.set("ui_locales", locale);
  return url.toString();
}

export type OidcAccount = { id: string; role: Role; sessionVersion: number };

export type OidcLinkOutcome = { ok: true; account: OidcAccount } | { ok: false; reason: OidcRefusal };

/** A concurrent sign-in linked the same account first. */
class LinkedMeanwhile extends Error {}

/**
 * The account a sign-in through the provider opens, found, linked or created; or why there is none.
 *
 * 1. The account already linked to the provider's subject.
 * 2. Else an applicant's account (citizen or company agent) holding the same verified ID number and not yet linked
 *    to a subject: the provider has checked that ID number against the population register (level ≥ 3,
 *    lib/auth/oidc-claims.ts), which proves more than the password that opened the account. A staff account is
 *    never linked this way: staff reach theirs with its own password and second factor, and a claim about who its
 *    holder is must not open it.
 * 3. Else a new account, with the verified name and ID number (encrypted and hashed, lib/accounts/identity-fields.ts)
 *    and a verified mobile number no other account uses.
 *
 * The assurance level comes from the acr (OIDC_ACR_LEVELS); a sign-in proving more raises the account's, a weaker
 * one lowers nothing. Legal-person claims (法人登录) need a company agent's account (a new one is created as such)
 * and the registry's legal representative, by name and ID number (registryMatchProblems, the counter's rule too);
 * then the company is established with the person as representative (establishCompany). Anything that does not
 * fit refuses the whole sign-in, granting and changing nothing, with a reason the sign-in page explains. Every link,
 * sign-in and company established is audited.
 */
export async function linkOidcAccount(
  claims: object,
  levels: Readonly<Record<string, number>>,
  { now = new Date() }: { now?: Date } = {},
): Promise<OidcLinkOutcome> {
  const reading = readOidcClaims(claims as Record<string, unknown>, levels);
  if (!reading.ok) return reading;
  const person = reading.identity;
  const refuse = (reason: OidcRefusal): OidcLinkOutcome => ({ ok: false, reason });
  const idHash = person.verifiedIdNumber ? idNumberHash(person.verifiedIdNumber) : null;
  const select = {
    id: true,
    role: true,
    status: true,
    sessionVersion: true,
    assuranceLevel: true,
    idNumberHash: true,
    oidcSubject: true,
  } as const;

  let account = await db().user.findUnique({ where: { oidcSubject: person.subject }, select });
  let addIdNumber = false;
  if (account) {
    if (idHash && account.idNumberHash !== idHash) {
      // The provider's person is not the one this account was opened for: nothing is merged or overwritten.
      if (account.idNumberHash) return refuse("idNumberMismatch");
      // Linked before ID numbers were read: the verified one is added, unless another account holds it.
      if (await db().user.findUnique({ where: { idNumberHash: idHash }, select: { id: true } }))
        return refuse("idNumberInUse");
      addIdNumber = true;
    }
  } else if (idHash) {
    const holder = await db().user.findUnique({ where: { idNumberHash: idHash }, select });
    if (holder) {
      if (isStaffRole(holder.role) || holder.oidcSubject) return refuse("idNumberInUse");
      account = holder;
    }
  }
  if (account && account.status !== "ACTIVE") return refuse("accountDisabled");

  const legalPerson = person.legalPerson;
  const registry = legalPerson
    ? await db().companyRegistryEntry.findUnique({ where: { creditCode: legalPerson.creditCode } })
    : null;
  if (legalPerson) {
    if (account && applicantKind(account) !== "companyAgent") return refuse("notCompanyAccount");
    const problems = registryMatchProblems(registry, { name: person.name, idNumberHash: idHash });
    if (problems.includes("companies.match.notInRegistry")) return refuse("notInRegistry");
    if (problems.includes("companies.match.inactive")) return refuse("registryInactive");
    if (problems.length > 0) return refuse("registryMismatch");
  }
  const phoneFree =
    !account &&
    person.phone !== null &&
    !(await db().user.findUnique({ where: wherePhone(person.phone), select: { id: true } }));
  // An unusable random password: an account created here signs in only through the provider until a password is set.
  const passwordHash = account ? null : await hashPassword(randomBytes(32).toString("base64url"));

  try {
    return await db().$transaction(async (tx) => {
      let user: OidcAccount;
      if (!account) {
        user = await tx.user.create({
          data: {
            role: legalPerson ? "COMPANY_AGENT" : "CITIZEN",
            realName: person.name ?? "—",
            oidcSubject: person.subject,
            passwordHash: passwordHash!,
            assuranceLevel: person.level,
            ...toStored({
              idNumber: person.verifiedIdNumber ?? undefined,
              phone: phoneFree ? person.phone : undefined,
            }),
          },
          select: { id: true, role: true, sessionVersion: true },
        });
        await recordAudit(tx, {
          actor: { userId: user.id, role: user.role },
          action: "account.linkOidc",
          objectType: "User",
          objectId: user.id,
          after: { via: "created", assuranceLevel: person.level, idNumberVerified: idHash !== null },
        });
      } else {
        user = { id: account.id, role: account.role, sessionVersion: account.sessionVersion };
        const data = {
          ...(account.oidcSubject ? {} : { oidcSubject: person.subject }),
          ...(person.level > account.assuranceLevel ? { assuranceLevel: person.level } : {}),
          ...(addIdNumber ? toStored({ idNumber: person.verifiedIdNumber }) : {}),
        };
        if (Object.keys(data).length > 0) {
          // Conditional on the subject read above: of two sign-ins linking one account at once, one wins.
          const { count } = await tx.user.updateMany({
            where: { id: account.id, oidcSubject: account.oidcSubject },
            data,
          });
          if (count !== 1) throw new LinkedMeanwhile();
        }
        if (!account.oidcSubject) {
          await recordAudit(tx, {
            actor: { userId: user.id, role: user.role },
            action: "account.linkOidc",
            objectType: "User",
            objectId: user.id,
            before: { assuranceLevel: account.assuranceLevel },
            after: { via: "idNumber", assuranceLevel: Math.max(account.assuranceLevel, person.level) },
          });
        }
      }
      await recordAudit(tx, {
        actor: { userId: user.id, role: user.role },
        action: "auth.signIn",
        objectType: "User",
        objectId: user.id,
        after: { method: "oidc", assuranceLevel: person.level },
      });
      if (legalPerson && registry) {
        const established = await establishCompany(tx, { registry, representativeId: user.id, decidedById: null, now });
        if (established.created || established.replaced > 0) {
          await recordAudit(tx, {
            actor: { userId: user.id, role: user.role },
            action: "company.establish.oidc",
            objectType: "Company",
            objectId: established.companyId,
            after: {
              creditCode: registry.creditCode,
              authorisationId: established.authorisationId,
              replaced: established.replaced,
              assuranceLevel: person.level,
            },
          });
        }
      }
      return { ok: true as const, account: user };
    });
  } catch (error) {
    // The same person signing in twice at once, or someone registering the same ID number or phone meanwhile.
    if (error instanceof LinkedMeanwhile || isUniqueViolation(error)) return refuse("retry");
    throw error;
  }
}

/** The active account linked to a provider subject: what the session is opened for once linkOidcAccount admitted it. */
export async function oidcAccountForSubject(subject: unknown): Promise<OidcAccount | null> {
  if (typeof subject !== "string" || subject.length === 0) return null;
  const row = await db().user.findUnique({
    where: { oidcSubject: subject },
    select: { id: true, role: true, status: true, sessionVersion: true },
  });
  return row?.status === "ACTIVE" ? { id: row.id, role: row.role, sessionVersion: row.sessionVersion } : null;
}
