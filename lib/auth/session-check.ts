import "server-only";
import { cache } from "react";
import { db } from "../db/client";
import { ROLES, type Role } from "./policy";
import type { StaffDuty } from "../catalogue/guide-content";
import { sessionIsLive, touchSession } from "./user-sessions";

export type LiveSessionUser = {
  id: string;
  role: Role;
  realName: string;
  departmentId: string | null;
  assuranceLevel: number;
  /** Staff duties in their department (issue 19); read per request like the role, so a change applies at once. */
  duties: StaffDuty[];
  sessionVersion: number;
  /** When this session proved the staff second factor; null: never (a staff session then may only enrol or prove it). */
  secondFactorAt: Date | null;
  /** The company an agent chose to act for in this session (lib/accounts/companies.ts switchCompany); null: the default. */
  actingCompanyId: string | null;
};

/**
 * The account behind a session cookie's claims, or null when the session no longer admits requests: its row is
 * missing, revoked or timed out (lib/auth/user-sessions.ts), the account is not active, its sessionVersion moved on
 * (signed out everywhere, role changed), or its role is unknown. One query for session and account together.
 */
export async function liveSessionUser(
  claims: { sub?: string; sv?: number; sid?: string } | null | undefined,
): Promise<LiveSessionUser | null> {
  if (!claims?.sub || !claims.sid || !/^[0-9a-f-]{36}$/i.test(claims.sid)) return null;
  return lookUp(claims.sub, claims.sv ?? -1, claims.sid);
}

// Once per request (React's request cache): next-auth's session callback and getActor both ask.
const lookUp = cache(async (sub: string, sv: number, sid: string): Promise<LiveSessionUser | null> => {
  const now = new Date();
  const row = await db().userSession.findUnique({
    where: { id: sid },
    select: {
      createdAt: true,
      lastSeenAt: true,
      revokedAt: true,
      secondFactorAt: true,
      actingCompanyId: true,
      user: {
        select: {
          id: true,
          role: true,
          status: true,
          realName: true,
          departmentId: true,
          assuranceLevel: true,
          duties: true,
          sessionVersion: true,
        },
      },
    },
  });
  const user = row?.user;
  if (!row || !user || user.id !== sub || user.status !== "ACTIVE" || user.sessionVersion !== sv) return null;
  if (!(ROLES as readonly string[]).includes(user.role) || !sessionIsLive(row, user.role, now)) return null;
  await touchSession(sid, row, now);
  return {
    id: user.id,
    role: user.role as Role,
    realName: user.realName,
    departmentId: user.departmentId,
    assuranceLevel: user.assuranceLevel,
    duties: user.duties,
    sessionVersion: user.sessionVersion,
    secondFactorAt: row.secondFactorAt,
    actingCompanyId: row.actingCompanyId,
  };
});
