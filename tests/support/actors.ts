import type { Actor } from "../../lib/auth/policy";
import { actorOf } from "../../lib/auth/actor";
import { db } from "../../lib/db/client";

/** The actor of a seeded staff account, as lib/auth/session.ts builds it for a signed-in request. */
export async function actorFor(loginName: string): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { loginName } });
  return actorOf({ ...user, role: user.role as Actor["role"] });
}
