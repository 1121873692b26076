import "server-only";
import type { Actor } from "../auth/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import { IDENTITY_SELECT, masked } from "./identity-fields";

/** The signed-in person's own profile, with ID and phone numbers masked as everywhere on screen. */
export async function findAccountProfile(actor: Actor) {
  const user = await db().user.findUnique({
    where: { id: actor.userId },
    select: {
      realName: true,
      ...IDENTITY_SELECT,
      assuranceLevel: true,
      createdAt: true,
    },
  });
  // The company the person acts for today (an ACTIVE authorisation, lib/accounts/companies.ts), if any.
  const company = actor.companyId
    ? await db().company.findUnique({ where: { id: actor.companyId }, select: { name: true, creditCode: true } })
    : null;
  if (!user) throw new AppError("NOT_FOUND", "auth.signInRequired");
  const identity = masked(user);
  return {
    realName: user.realName,
    idNumber: identity.idNumber ?? "—",
    phone: identity.phone ?? "—",
    assuranceLevel: user.assuranceLevel,
    createdAt: user.createdAt,
    company,
  };
}
