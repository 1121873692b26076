import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "../db/client";
import { authOptions } from "./options";
import { type Actor, ROLES, type Role } from "./policy";

/**
 * The signed-in actor for this request, or null. The session cookie only names the user; role, department and
 * status come from the database, and a session older than the user's sessionVersion is refused.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const claims = session?.user as { id?: string; sv?: number } | undefined;
  if (!claims?.id) return null;
  const user = await db().user.findUnique({
    where: { id: claims.id },
    select: { id: true, role: true, status: true, realName: true, departmentId: true, companyId: true, assuranceLevel: true, sessionVersion: true },
  });
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== claims.sv) return null;
  if (!(ROLES as readonly string[]).includes(user.role)) return null;
  return {
    userId: user.id,
    role: user.role as Role,
    realName: user.realName,
    departmentId: user.departmentId,
    companyId: user.companyId,
    assuranceLevel: user.assuranceLevel,
  };
});
