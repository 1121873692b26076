import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { SignIn } from "../accounts/schemas";
import { recordAudit } from "../audit/audit";
import { type AuthenticatedUser, authenticate } from "../auth/authenticate";
import { actorOf } from "../auth/actor";
import { type Actor, ROLES, type Role } from "../auth/policy";
import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { text } from "../validation/text";
import type { Prisma } from "../generated/prisma/client";

/**
 * Bearer tokens of the REST API (apps, mini-programs, departmental systems). Opaque random strings (32 bytes,
 * base64url); only their SHA-256 is stored (api_token.token_hash), so a database leak yields no usable token.
 *
 * - Issue: the same `authenticate` as the web sign-in (same usernames, same per-account and per-IP throttling,
 *   same answer for an unknown account and a wrong password); then an access token (API_ACCESS_TOKEN_MINUTES)
 *   and a refresh token (API_REFRESH_TOKEN_DAYS) of a new family, both bound to the account's role and
 *   session version at that moment.
 * - Every request: the access token must be unexpired, unrevoked, and the account still ACTIVE with the same
 *   role and session version ("sign out everywhere", a role change or deactivation ends every token at once).
 * - Refresh rotates: the refresh token is used once and a new pair of the same family is issued. A refresh token
 *   presented a second time means it was copied: the whole family is revoked (RFC 6819 §5.2.2.3).
 * - Revoke ends the token's whole family (RFC 7009: unknown tokens are answered the same way).
 */

const TOKEN_BYTES = 32;

export const RefreshRequest = z.object({
  refresh_token: text({ trim: false, typeMessage: "api.errors.token" })
    .min(1, "api.errors.token")
    .max(200, "api.errors.token"),
});
export const RevokeRequest = z.object({
  token: text({ trim: false, typeMessage: "api.errors.token" }).min(1, "api.errors.token").max(200, "api.errors.token"),
});

export type TokenResponse = { access_token: string; token_type: "Bearer"; expires_in: number; refresh_token: string };

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** A token we issued has exactly this shape; anything else is refused without touching the database. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

type Tx = Prisma.TransactionClient;

async function issuePair(
  tx: Tx,
  user: Pick<AuthenticatedUser, "id" | "role" | "sessionVersion" | "secondFactorAt">,
  familyId: string,
  now: Date,
): Promise<TokenResponse> {
  const config = env();
  const access = newToken();
  const refresh = newToken();
  const accessSeconds = config.API_ACCESS_TOKEN_MINUTES * 60;
  await tx.apiToken.createMany({
    data: [
      {
        userId: user.id,
        kind: "ACCESS",
        tokenHash: hashToken(access),
        role: user.role,
        sessionVersion: user.sessionVersion,
        secondFactorAt: user.secondFactorAt,
        familyId,
        expiresAt: new Date(now.getTime() + accessSeconds * 1000),
        createdAt: now,
      },
      {
        userId: user.id,
        kind: "REFRESH",
        tokenHash: hashToken(refresh),
        role: user.role,
        sessionVersion: user.sessionVersion,
        secondFactorAt: user.secondFactorAt,
        familyId,
        expiresAt: new Date(now.getTime() + config.API_REFRESH_TOKEN_DAYS * 24 * 3600_000),
        createdAt: now,
      },
    ],
  });
  return { access_token: access, token_type: "Bearer", expires_in: accessSeconds, refresh_token: refresh };
}

/** Zod issues as `{ "path.to.field": messageKey }` (first message per field). */
export function fieldErrorsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join(".") || "_"] ??= issue.message;
  return fields;
}

/**
 * POST /api/v1/auth/token: username and password (and, for staff, `otp`: the second factor's code) → a token pair.
 * Throws what `authenticate` throws (VALIDATION and UNAUTHENTICATED both mean "wrong username or password";
 * SECOND_FACTOR_REQUIRED: right password, the code is missing; THROTTLED with retryAfterSeconds), and
 * SECOND_FACTOR_REQUIRED for a staff account that has not enrolled a second factor yet (on the web).
 */
export async function issueTokens(
  input: unknown,
  { ip, now = new Date() }: { ip: string; now?: Date },
): Promise<TokenResponse> {
  const parsed = SignIn.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "api.errors.body", { fieldErrors: fieldErrorsOf(parsed.error.issues) });
  const user = await authenticate({ input: parsed.data, ip });
  // A staff account's tokens act as staff: the second factor must be in use, as for the web console.
  if (user.secondFactorPending) throw new AppError("SECOND_FACTOR_REQUIRED", "api.errors.secondFactorEnrolment");
  // authenticate() audited the sign-in; the tokens are its result, not a second state change.
  return db().$transaction((tx) => issuePair(tx, user, randomUUID(), now));
}

async function revokeFamily(tx: Tx, familyId: string, now: Date) {
  await tx.apiToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } });
}

/** POST /api/v1/auth/refresh: a new pair for a valid refresh token; reuse revokes the family. */
export async function refreshTokens(
  input: unknown,
  { ip, now = new Date() }: { ip: string; now?: Date },
): Promise<TokenResponse> {
  const parsed = RefreshRequest.safeParse(input);
  const invalid = () => new AppError("UNAUTHENTICATED", "api.errors.invalidRefreshToken");
  if (!parsed.success || !TOKEN_SHAPE.test(parsed.data.refresh_token)) throw invalid();
  const tokenHash = hashToken(parsed.data.refresh_token);
  // Errors that must still commit (revoking a family) are returned, not thrown, from the transaction.
  const outcome = await db().$transaction(async (tx): Promise<TokenResponse | AppError> => {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id::text AS id FROM api_token WHERE token_hash = ${tokenHash} AND kind = 'REFRESH' FOR UPDATE`;
    const id = locked[0]?.id;
    if (!id) return invalid();
    const token = await tx.apiToken.findUniqueOrThrow({ where: { id } });
    const auditActor = { userId: token.userId, role: token.role };
    if (token.usedAt || token.revokedAt) {
      if (token.usedAt && !token.revokedAt) {
        await revokeFamily(tx, token.familyId, now);
        await recordAudit(tx, {
          actor: auditActor,
          action: "api.token.reuse",
          objectType: "ApiTokenFamily",
          objectId: token.familyId,
          ip,
        });
      }
      return invalid();
    }
    if (token.expiresAt <= now) return invalid();
    const user = await tx.user.findUnique({
      where: { id: token.userId },
      select: { id: true, role: true, status: true, sessionVersion: true },
    });
    if (!user || user.status !== "ACTIVE" || user.role !== token.role || user.sessionVersion !== token.sessionVersion) {
      await revokeFamily(tx, token.familyId, now);
      return invalid();
    }
    await tx.apiToken.update({ where: { id: token.id }, data: { usedAt: now } });
    // The new pair carries the family's second-factor time: refreshing proves nothing again.
    const pair = await issuePair(
      tx,
      {
        id: user.id,
        role: user.role as Role,
        sessionVersion: user.sessionVersion,
        secondFactorAt: token.secondFactorAt,
      },
      token.familyId,
      now,
    );
    await recordAudit(tx, {
      actor: auditActor,
      action: "api.token.refresh",
      objectType: "ApiTokenFamily",
      objectId: token.familyId,
      ip,
    });
    return pair;
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/**
 * POST /api/v1/auth/revoke: ends the family of an access or refresh token. Unknown, malformed and already revoked
 * tokens are answered alike (nothing to learn from the answer).
 */
export async function revokeToken(input: unknown, { ip, now = new Date() }: { ip: string; now?: Date }): Promise<void> {
  const parsed = RevokeRequest.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "api.errors.token", { fieldErrors: { token: "api.errors.token" } });
  if (!TOKEN_SHAPE.test(parsed.data.token)) return;
  const token = await db().apiToken.findUnique({ where: { tokenHash: hashToken(parsed.data.token) } });
  if (!token || token.revokedAt) return;
  await db().$transaction(async (tx) => {
    await revokeFamily(tx, token.familyId, now);
    await recordAudit(tx, {
      actor: { userId: token.userId, role: token.role },
      action: "api.token.revoke",
      objectType: "ApiTokenFamily",
      objectId: token.familyId,
      ip,
    });
  });
}

/** The bearer token of a request's Authorization header, or null. */
export function bearerFrom(headers: { get(name: string): string | null }): string | null {
  const header = headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export type BearerActor = Actor & { tokenFamilyId: string };

/**
 * The actor of an access token, checked on every request: unexpired, unrevoked, the account ACTIVE with the role
 * and session version the token was issued for. Null for anything else (the caller answers 401).
 */
export async function actorFromAccessToken(token: string, now: Date = new Date()): Promise<BearerActor | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.kind !== "ACCESS" || row.revokedAt || row.expiresAt <= now) return null;
  const user = await db().user.findUnique({
    where: { id: row.userId },
    select: {
      id: true,
      role: true,
      status: true,
      realName: true,
      departmentId: true,
      assuranceLevel: true,
      duties: true,
      sessionVersion: true,
    },
  });
  if (!user || user.status !== "ACTIVE" || user.role !== row.role || user.sessionVersion !== row.sessionVersion)
    return null;
  if (!(ROLES as readonly string[]).includes(user.role)) return null;
  return {
    ...(await actorOf({ ...user, role: user.role as Role }, { now, secondFactorAt: row.secondFactorAt })),
    tokenFamilyId: row.familyId,
  };
}

/** Deletes tokens that expired more than a day ago (called by the webhook loop's round; tokens are tiny). */
export async function purgeExpiredTokens(now: Date = new Date()): Promise<number> {
  const result = await db().apiToken.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - 24 * 3600_000) } },
  });
  return result.count;
}
