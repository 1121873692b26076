import "server-only";
import { IDENTITY_SELECT, masked } from "../accounts/identity-fields";
import { sealerLate, verifyAuditChain } from "../audit/audit";
import { type Actor, assertCan, departmentScope } from "../auth/policy";
import { db } from "../db/client";

/** Administration read side. Each function checks the policy itself: pages are not the only callers. */

export async function getPlatformCounts(actor: Actor) {
  assertCan(actor, "admin.access");
  const client = db();
  const [regions, departments, catalogItems, serviceItems, users, auditEntries] = await Promise.all([
    client.region.count(),
    client.department.count(),
    client.catalogItem.count(),
    client.serviceItem.count(),
    client.user.count(),
    client.auditLog.count(),
  ]);
  return { regions, departments, catalogItems, serviceItems, users, auditEntries };
}

export async function listDepartmentTree(actor: Actor) {
  assertCan(actor, "admin.structure.view");
  return db().department.findMany({
    where: { parentId: null },
    orderBy: [{ regionCode: "asc" }, { sortOrder: "asc" }],
    select: {
      id: true,
      code: true,
      name: true,
      nameEn: true,
      kind: true,
      region: { select: { code: true, name: true, nameEn: true } },
      _count: { select: { serviceItems: true } },
      children: { orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true, nameEn: true } },
    },
  });
}

export async function listRegions(actor: Actor) {
  assertCan(actor, "admin.structure.view");
  return db().region.findMany({
    orderBy: [{ code: "asc" }],
    select: {
      code: true,
      name: true,
      nameEn: true,
      level: true,
      parentCode: true,
      _count: { select: { departments: true, serviceItems: true } },
    },
  });
}

/** Users the actor may see: all for platform admins, their own department's staff for department admins. */
export async function listUsers(actor: Actor, take = 200) {
  assertCan(actor, "admin.users.view");
  const users = await db().user.findMany({
    where: departmentScope(actor, "admin.users.view"),
    orderBy: [{ role: "desc" }, { createdAt: "asc" }],
    take,
    select: {
      id: true,
      role: true,
      status: true,
      realName: true,
      loginName: true,
      ...IDENTITY_SELECT,
      department: { select: { name: true, nameEn: true } },
    },
  });
  return users.map(({ idNumberEncrypted, phoneEncrypted, ...user }) => ({
    ...user,
    ...masked({ idNumberEncrypted, phoneEncrypted }),
  }));
}

export async function listRecentAudit(actor: Actor, take = 50) {
  assertCan(actor, "admin.audit.view");
  const entries = await db().auditLog.findMany({
    orderBy: { id: "desc" },
    take,
    select: { id: true, at: true, actorId: true, actorRole: true, action: true, objectType: true, objectId: true },
  });
  const actorIds = [...new Set(entries.map((entry) => entry.actorId).filter((id): id is string => Boolean(id)))];
  const actors = await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, realName: true } });
  const names = new Map(actors.map((user) => [user.id, user.realName]));
  return entries.map((entry) => ({
    ...entry,
    id: entry.id.toString(),
    actorName: entry.actorId ? (names.get(entry.actorId) ?? null) : null,
  }));
}

/**
 * The audit trail's check (lib/audit/audit.ts `verifyAuditChain`): `ok` is integrity (chain and content hashes);
 * `unsealed` and `sealerLate` say whether the sealer job keeps up (entries waiting longer than a minute: it is not
 * running), which `npm run db -- audit-verify` also fails on.
 */
export async function checkAuditChain(actor: Actor) {
  assertCan(actor, "admin.audit.view");
  const result = await verifyAuditChain(db());
  const sealing = { unsealed: result.unsealed.count, sealerLate: sealerLate(result) };
  return result.ok
    ? { ok: true as const, checked: result.checked, ...sealing }
    : { ok: false as const, checked: result.checked, firstBrokenId: result.firstBrokenId.toString(), ...sealing };
}
