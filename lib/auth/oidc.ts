import "server-only";
import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/audit";
import { db } from "../db/client";
import type { Env } from "../env";
import { assuranceFromAcr } from "./oidc-assurance";
import { hashPassword } from "./password";
import type { Role } from "./policy";

/**
 * Optional sign-in through a government unified identity service (统一身份认证) speaking OpenID Connect.
 * Enabled by OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET; the redirect URI to register at the provider
 * is `${NEXTAUTH_URL}/api/auth/callback/oidc`.
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
    profile: (profile) => ({ id: String(profile.sub), name: profile.name ?? null }),
  };
}

export type OidcClaims = { sub?: string; name?: string | null; phone_number?: string; acr?: unknown };

/**
 * The citizen account for an OIDC subject, created on first sign-in. Its assurance level comes from the provider's
 * `acr` through OIDC_ACR_LEVELS (lib/auth/oidc-assurance.ts), never a fixed value; a later sign-in with stronger
 * evidence raises it, a weaker one does not lower what was proven before.
 */
export async function linkOidcAccount(profile: OidcClaims, levels: Readonly<Record<string, number>>): Promise<{ id: string; role: Role; sessionVersion: number }> {
  if (!profile.sub) throw new Error("OIDC profile without subject");
  const level = assuranceFromAcr(profile.acr, levels);
  const existing = await db().user.findUnique({
    where: { oidcSubject: profile.sub },
    select: { id: true, role: true, sessionVersion: true, assuranceLevel: true },
  });
  if (existing) {
    if (level > existing.assuranceLevel) await db().user.update({ where: { id: existing.id }, data: { assuranceLevel: level } });
    return { id: existing.id, role: existing.role, sessionVersion: existing.sessionVersion };
  }
  // An unusable random password: this account signs in only through the provider until a password is set.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  return db().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        role: "CITIZEN",
        realName: profile.name?.slice(0, 50) || "—",
        oidcSubject: profile.sub,
        passwordHash,
        assuranceLevel: level,
      },
      select: { id: true, role: true, sessionVersion: true },
    });
    await recordAudit(tx, { actor: { userId: user.id, role: user.role }, action: "account.linkOidc", objectType: "User", objectId: user.id, after: { assuranceLevel: level } });
    return user;
  });
}
