import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "./options";
import type { Actor } from "./policy";
import { actorOf } from "./actor";
import { liveSessionUser } from "./session-check";

/**
 * The signed-in actor for this request, or null. The session cookie only names the user and the session; the
 * session row, role, department and status come from the database per request (lib/auth/session-check.ts), so
 * signing out, signing out everywhere, a staff idle timeout and disabling an account take effect at once.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const claims = session?.user as { id?: string; sv?: number; sid?: string } | undefined;
  const user = await liveSessionUser(claims ? { sub: claims.id, sv: claims.sv, sid: claims.sid } : null);
  if (!user) return null;
  return actorOf(user);
});
