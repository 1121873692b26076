import { type Actor, isStaffRole } from "../../lib/auth/policy";
import { actorOf } from "../../lib/auth/actor";
import { db } from "../../lib/db/client";

/**
 * The actor of a seeded account, as lib/auth/session.ts builds it for a request right after signing in: staff
 * have just proven their second factor (the seeded staff use the demo authenticator).
 */
export async function actorFor(loginName: string): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { loginName } });
  return actorOf(
    { ...user, role: user.role as Actor["role"] },
    { secondFactorAt: isStaffRole(user.role) ? new Date() : null },
  );
}
