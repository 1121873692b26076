import "server-only";
import { isCommonPassword } from "../accounts/common-passwords";
import { recordAudit } from "../audit/audit";
import { hashPassword } from "../auth/password";
import {
  type Actor,
  assertCan,
  assertRecentSecondFactor,
  can,
  departmentScope,
  isDepartmentRole,
  type Resource,
} from "../auth/policy";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { auditActor, fieldProblem, parseInput } from "./common";
import {
  STAFF_ROLES,
  StaffCreateInput,
  StaffPasswordInput,
  type StaffRole,
  StaffSecondFactorResetInput,
  StaffStatusInput,
  StaffUpdateInput,
} from "./schemas";

/**
 * Staff accounts (工作人员账号). Who may manage which account is `admin.users.manage` in lib/auth/policy.ts:
 * platform administrators any staff account, department administrators the clerks and department administrators
 * of their own department. Citizens' and company agents' accounts are not managed here.
 *
 * Nothing is deleted: deactivating sets DISABLED (sign-in refused, history kept). Every change to role,
 * department, status or password bumps sessionVersion, so sessions opened before it end at once
 * (lib/auth/session.ts refuses older versions). Nobody deactivates, demotes or moves themselves, so the acting
 * administrator always remains.
 */

const STAFF_FIELDS = {
  id: true,
  loginName: true,
  realName: true,
  role: true,
  status: true,
  departmentId: true,
  duties: true,
} satisfies Prisma.UserSelect;

const accountResource = (account: { role: string; departmentId: string | null }): Resource => ({
  kind: "staffAccount",
  role: account.role as StaffRole,
  departmentId: account.departmentId,
});

/** Staff the actor may see: all staff for platform admins, their own department's for department admins. */
export async function listStaff(actor: Actor) {
  assertCan(actor, "admin.users.view");
  const where: Prisma.UserWhereInput = {
    role: { in: [...STAFF_ROLES] },
    ...departmentScope(actor, "admin.users.view"),
  };
  const users = await db().user.findMany({
    where,
    orderBy: [{ status: "asc" }, { role: "desc" }, { loginName: "asc" }],
    take: 500,
    select: { ...STAFF_FIELDS, department: { select: { name: true, nameEn: true } } },
  });
  return users.map((user) => ({
    ...user,
    self: user.id === actor.userId,
    manageable: can(actor, "admin.users.manage", accountResource(user)),
  }));
}

/** A staff account the actor may manage, or NOT_FOUND (also when the actor may not know it exists). */
async function manageableAccount(tx: Prisma.TransactionClient, actor: Actor, id: string) {
  const account = await tx.user.findUnique({ where: { id }, select: { ...STAFF_FIELDS, sessionVersion: true } });
  if (!account || !(STAFF_ROLES as readonly string[]).includes(account.role))
    throw new AppError("NOT_FOUND", "reference.errors.gone");
  if (!can(actor, "admin.users.view", { kind: "user", userId: account.id, departmentId: account.departmentId }))
    throw new AppError("NOT_FOUND", "reference.errors.gone");
  assertCan(actor, "admin.users.manage", accountResource(account));
  assertRecentSecondFactor(actor);
  return account;
}

/** Staff passwords follow the same list of common passwords as registration (lib/accounts/common-passwords.ts). */
function refuseCommonPassword(password: string) {
  if (isCommonPassword(password)) throw fieldProblem("VALIDATION", "password", "errors.password.common");
}

async function assertDepartment(tx: Prisma.TransactionClient, departmentId: string | null) {
  if (departmentId && !(await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } }))) {
    throw fieldProblem("VALIDATION", "departmentId", "reference.errors.department");
  }
}

export async function createStaff({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.users.view");
  const data = parseInput(StaffCreateInput, input);
  refuseCommonPassword(data.password);
  assertCan(actor, "admin.users.manage", accountResource(data));
  assertRecentSecondFactor(actor);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db().$transaction(async (tx) => {
      await assertDepartment(tx, data.departmentId);
      if (await tx.user.findUnique({ where: { loginName: data.loginName }, select: { id: true } }))
        throw fieldProblem("CONFLICT", "loginName", "reference.errors.loginNameTaken");
      const user = await tx.user.create({
        data: {
          loginName: data.loginName,
          realName: data.realName,
          role: data.role,
          departmentId: data.departmentId,
          duties: data.duties,
          passwordHash,
          status: "ACTIVE",
        },
        select: STAFF_FIELDS,
      });
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "staff.create",
        objectType: "User",
        objectId: user.id,
        after: user,
        ip,
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldProblem("CONFLICT", "loginName", "reference.errors.loginNameTaken");
    throw error;
  }
}

/**
 * Changes role, department and duties; the actor must be allowed to manage the account both as it is and as it will
 * be. Duties are read per request (lib/auth/session-check.ts), so a duty change applies at once without signing the
 * person out; a role or department change signs them out everywhere.
 */
export async function updateStaff({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.users.view");
  const data = parseInput(StaffUpdateInput, input);
  return db().$transaction(async (tx) => {
    const before = await manageableAccount(tx, actor, data.id);
    const sameDuties = before.duties.join(",") === data.duties.join(",");
    if (before.role === data.role && before.departmentId === data.departmentId && sameDuties) return before;
    if (before.id === actor.userId) throw new AppError("FORBIDDEN", "reference.errors.self");
    assertCan(actor, "admin.users.manage", accountResource(data));
    await assertDepartment(tx, data.departmentId);
    const after = await tx.user.update({
      where: { id: before.id },
      data: {
        role: data.role,
        departmentId: data.departmentId,
        duties: data.duties,
        ...(before.role === data.role && before.departmentId === data.departmentId
          ? {}
          : { sessionVersion: { increment: 1 } }),
      },
      select: STAFF_FIELDS,
    });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "staff.update",
      objectType: "User",
      objectId: before.id,
      before: { role: before.role, departmentId: before.departmentId, duties: before.duties },
      after: { role: after.role, departmentId: after.departmentId, duties: after.duties },
      ip,
    });
    return after;
  });
}

/** Deactivates (DISABLED: cannot sign in, history kept) or reactivates an account. */
export async function setStaffStatus({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.users.view");
  const data = parseInput(StaffStatusInput, input);
  await db().$transaction(async (tx) => {
    const before = await manageableAccount(tx, actor, data.id);
    if (before.id === actor.userId) throw new AppError("FORBIDDEN", "reference.errors.self");
    const status = data.action === "deactivate" ? "DISABLED" : "ACTIVE";
    if (before.status === status) return;
    await tx.user.update({ where: { id: before.id }, data: { status, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: data.action === "deactivate" ? "staff.deactivate" : "staff.reactivate",
      objectType: "User",
      objectId: before.id,
      before: { status: before.status },
      after: { status },
      ip,
    });
  });
}

/** Sets a new initial password (the person signs in with it and should change it); ends their sessions. */
export async function resetStaffPassword({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.users.view");
  const data = parseInput(StaffPasswordInput, input);
  refuseCommonPassword(data.password);
  const passwordHash = await hashPassword(data.password);
  await db().$transaction(async (tx) => {
    const account = await manageableAccount(tx, actor, data.id);
    await tx.user.update({ where: { id: account.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "staff.resetPassword",
      objectType: "User",
      objectId: account.id,
      ip,
    });
  });
}

/**
 * Resets a staff member's second factor (a lost phone and lost recovery codes, identity checked in person): the
 * secret and the recovery codes go, every session and token of the account ends, and the next sign-in enrols a
 * new authenticator. Never one's own (someone holding only a stolen session could otherwise drop the factor).
 */
export async function resetStaffSecondFactor({
  actor,
  input,
  ip,
}: {
  actor: Actor;
  input: unknown;
  ip: string | null;
}) {
  assertCan(actor, "admin.users.view");
  const data = parseInput(StaffSecondFactorResetInput, input);
  if (data.id === actor.userId) throw new AppError("FORBIDDEN", "auth.secondFactor.self");
  await db().$transaction(async (tx) => {
    const account = await manageableAccount(tx, actor, data.id);
    assertCan(actor, "admin.users.resetSecondFactor", accountResource(account));
    await tx.user.update({
      where: { id: account.id },
      data: { totpSecretEncrypted: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: account.id } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "staff.secondFactor.reset",
      objectType: "User",
      objectId: account.id,
      ip,
    });
  });
}

/** One staff account the actor may see, with whether they may manage it; null otherwise. */
export async function getStaff(actor: Actor, id: string) {
  assertCan(actor, "admin.users.view");
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const account = await db().user.findUnique({
    where: { id },
    select: { ...STAFF_FIELDS, createdAt: true, department: { select: { name: true, nameEn: true } } },
  });
  if (!account || !(STAFF_ROLES as readonly string[]).includes(account.role)) return null;
  if (!can(actor, "admin.users.view", { kind: "user", userId: account.id, departmentId: account.departmentId }))
    return null;
  return {
    ...account,
    self: account.id === actor.userId,
    manageable: can(actor, "admin.users.manage", accountResource(account)),
  };
}

/** The roles and departments the actor may give an account (the form offers only those). */
export function assignableRoles(actor: Actor): StaffRole[] {
  return STAFF_ROLES.filter((role) =>
    can(actor, "admin.users.manage", {
      kind: "staffAccount",
      role,
      departmentId: isDepartmentRole(role) ? actor.departmentId : null,
    }),
  );
}
