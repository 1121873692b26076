import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "./options";
import { type Actor, isStaffRole } from "./policy";
import { actorOf } from "./actor";
import { type LiveSessionUser, liveSessionUser } from "./session-check";

/**
 * The signed-in actor for this request, or null. The session cookie only names the user and the session; the
 * session row, role, department and status come from the database per request (lib/auth/session-check.ts), so
 * signing out, signing out everywhere, a staff idle timeout and disabling an account take effect at once. A staff
 * session that has not proven the second factor is no actor (getSignedIn below).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const signedIn = await getSignedIn();
  if (!signedIn || signedIn.secondFactorPending) return null;
  return actorOf(signedIn.user, {
    secondFactorAt: signedIn.user.secondFactorAt,
    actingCompanyId: signedIn.user.actingCompanyId,
  });
});

/**
 * The session's account, also when it is a staff session that has not proven the second factor yet: such a session
 * is no actor anywhere (getActor answers null) and may only enrol or enter a code (/login/second-factor).
 */
export const getSignedIn = cache(
  async (): Promise<{
    user: LiveSessionUser;
    sessionId: string;
    /** The account signs in with a second factor (staff; applicants have none). */
    usesSecondFactor: boolean;
    secondFactorPending: boolean;
  } | null> => {
    const session = await getServerSession(authOptions());
    const claims = session?.user as { id?: string; sv?: number; sid?: string } | undefined;
    const user = await liveSessionUser(claims ? { sub: claims.id, sv: claims.sv, sid: claims.sid } : null);
    if (!user || !claims?.sid) return null;
    const usesSecondFactor = isStaffRole(user.role);
    return {
      user,
      sessionId: claims.sid,
      usesSecondFactor,
      secondFactorPending: usesSecondFactor && user.secondFactorAt === null,
    };
  },
);
