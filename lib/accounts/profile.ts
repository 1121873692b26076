import "server-only";
import type { Actor } from "../auth/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import { maskIdNumber } from "../identity/id-number";
import { maskPhone } from "../identity/phone";

/** The signed-in person's own profile, with ID and phone numbers masked as everywhere on screen. */
export async function findAccountProfile(actor: Actor) {
  const user = await db().user.findUnique({
    where: { id: actor.userId },
    select: {
      realName: true,
      idNumber: true,
      phone: true,
      assuranceLevel: true,
      createdAt: true,
      company: { select: { name: true, creditCode: true } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "auth.signInRequired");
  return {
    realName: user.realName,
    idNumber: user.idNumber ? maskIdNumber(user.idNumber) : "—",
    phone: user.phone ? maskPhone(user.phone) : "—",
    assuranceLevel: user.assuranceLevel,
    createdAt: user.createdAt,
    company: user.company,
  };
}
