import "server-only";
import { db } from "../db/client";
import { isStaffRole } from "./policy";

/**
 * Server-side sessions. The session cookie (a next-auth JWT) names a user_session row; every request checks that
 * row, so signing out ends the session on the server at once (a copied cookie stops working), not when the cookie
 * expires. Staff sessions also end after STAFF_IDLE_MINUTES without a request and STAFF_MAX_HOURS in all.
 */
export const STAFF_IDLE_MINUTES = 30;
export const STAFF_MAX_HOURS = 12;
/** Citizens and company agents: the cookie's own lifetime (lib/auth/options.ts SESSION_MAX_AGE_SECONDS). */
export const PUBLIC_MAX_HOURS = 8;
/** lastSeenAt is written at most this often per session: enough for the idle limit, without a write per request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * A new session; `secondFactorAt` when the sign-in proved the staff second factor (lib/auth/second-factor.ts);
 * `viaIdentityProvider` when it came from the unified identity provider (its sign-out then ends the provider's too).
 */
export async function startSession(
  userId: string,
  ip: string | null,
  secondFactorAt: Date | null = null,
  { viaIdentityProvider = false }: { viaIdentityProvider?: boolean } = {},
): Promise<string> {
  const row = await db().userSession.create({
    data: { userId, ip, secondFactorAt, viaIdentityProvider },
    select: { id: true },
  });
  return row.id;
}

export async function revokeSession(sessionId: string, now = new Date()): Promise<void> {
  await db().userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

export type SessionRow = { createdAt: Date; lastSeenAt: Date; revokedAt: Date | null };

/** Whether a session row still admits requests for a user of `role`. */
export function sessionIsLive(row: SessionRow, role: string, now = new Date()): boolean {
  if (row.revokedAt) return false;
  const age = now.getTime() - row.createdAt.getTime();
  if (isStaffRole(role)) {
    return (
      age <= STAFF_MAX_HOURS * 3_600_000 && now.getTime() - row.lastSeenAt.getTime() <= STAFF_IDLE_MINUTES * 60_000
    );
  }
  return age <= PUBLIC_MAX_HOURS * 3_600_000;
}

/** Records activity on a live session (at most once a minute). */
export async function touchSession(sessionId: string, row: SessionRow, now = new Date()): Promise<void> {
  if (now.getTime() - row.lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
  await db().userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
}
