import "server-only";
import { companyAccess } from "../accounts/companies";
import { type Actor, applicantKind, type Role } from "./policy";
import type { StaffDuty } from "../catalogue/guide-content";

type ActorUser = { id: string; role: Role; realName: string; departmentId: string | null; assuranceLevel: number; duties?: readonly StaffDuty[] };

/**
 * The actor for an account, as every transport builds it (web session, API token): for a company agent the company
 * and its scope come from an ACTIVE company authorisation valid today (lib/accounts/companies.ts), or none.
 */
export async function actorOf(user: ActorUser, { now = new Date(), secondFactorAt = null }: { now?: Date; secondFactorAt?: Date | null } = {}): Promise<Actor> {
  const access = applicantKind(user) === "companyAgent" ? await companyAccess(user.id, now) : null;
  return {
    userId: user.id,
    role: user.role,
    realName: user.realName,
    departmentId: user.departmentId,
    companyId: access?.companyId ?? null,
    companyItemIds: access?.serviceItemIds ?? null,
    companyMayAuthorise: access?.mayAuthorise ?? false,
    assuranceLevel: user.assuranceLevel,
    duties: user.duties ?? [],
    secondFactorAt,
  };
}
