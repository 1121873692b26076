import "server-only";
import { companyAccess } from "../accounts/companies";
import { type Actor, applicantKind, type Role } from "./policy";
import type { StaffDuty } from "../catalogue/guide-content";

type ActorUser = {
  id: string;
  role: Role;
  realName: string;
  departmentId: string | null;
  assuranceLevel: number;
  duties?: readonly StaffDuty[];
};

/**
 * The actor for an account, as every transport builds it (web session, API token): for a company agent the company
 * and its scope come from an ACTIVE company authorisation valid today (lib/accounts/companies.ts), or none; a web
 * session may have chosen which company (`actingCompanyId`), an API token acts for the default one.
 */
export async function actorOf(
  user: ActorUser,
  {
    now = new Date(),
    secondFactorAt = null,
    actingCompanyId = null,
  }: { now?: Date; secondFactorAt?: Date | null; actingCompanyId?: string | null } = {},
): Promise<Actor> {
  const access = applicantKind(user) === "companyAgent" ? await companyAccess(user.id, now, actingCompanyId) : null;
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
