import "server-only";
import { recordAudit } from "../audit/audit";
import type { Actor } from "../auth/policy";
import { db } from "../db/client";

/**
 * Signs this session out: it ends on the server (a copied cookie stops working) and leaves a trace like signing in.
 * The caller deletes the session cookie. Staff sessions still waiting for the second factor end the same way.
 */
export async function signOutSession({
  sessionId,
  userId,
  role,
  ip,
}: {
  sessionId: string;
  userId: string;
  role: string;
  ip: string | null;
}): Promise<{ viaIdentityProvider: boolean }> {
  return db().$transaction(async (tx) => {
    await tx.userSession.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: { userId, role },
      action: "auth.signOut",
      objectType: "User",
      objectId: userId,
      ip,
    });
    // A session that began at the identity provider: the caller sends the person there to end its session too.
    const row = await tx.userSession.findFirst({
      where: { id: sessionId, userId },
      select: { viaIdentityProvider: true },
    });
    return { viaIdentityProvider: row?.viaIdentityProvider ?? false };
  });
}

/**
 * Signs the person out on every device: sessions carry the sessionVersion they were issued under, and
 * lib/auth/session.ts refuses any whose version is older than the account's.
 */
export async function signOutEverywhere({ actor, ip }: { actor: Actor; ip: string | null }): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: actor.userId },
      data: { sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await tx.userSession.updateMany({
      where: { userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "auth.signOutEverywhere",
      objectType: "User",
      objectId: actor.userId,
      after: { sessionVersion: user.sessionVersion },
      ip,
    });
  });
}
