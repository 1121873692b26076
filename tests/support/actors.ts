import { toStored } from "../../lib/accounts/identity-fields";
import { type Actor, isStaffRole } from "../../lib/auth/policy";
import { actorOf } from "../../lib/auth/actor";
import { db } from "../../lib/db/client";
import { randomIdNumber, randomPhone } from "./identities";

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

/** A new citizen account (random phone and ID number) and its actor, as a signed-in request gets it. */
export async function newCitizen(name = "张三"): Promise<Actor> {
  const user = await db().user.create({
    data: {
      role: "CITIZEN",
      realName: name,
      ...toStored({ phone: randomPhone(), idNumber: randomIdNumber() }),
      passwordHash: "unused",
    },
  });
  return actorOf({ ...user, role: "CITIZEN" });
}
