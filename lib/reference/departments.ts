import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { auditActor, fieldProblem, parseInput } from "./common";
import { DepartmentInput } from "./schemas";

/**
 * Departments (实施主体) form a tree per region: a bureau and its sub-units. Platform administrators create,
 * edit, move (change parent) and delete them; a department in use (sub-units, items, staff, offices) cannot be
 * deleted, since items and cases must keep pointing at it.
 */

const DEPARTMENT_FIELDS = {
  id: true,
  code: true,
  name: true,
  nameEn: true,
  kind: true,
  regionCode: true,
  parentId: true,
  address: true,
  phone: true,
  officeHours: true,
  sortOrder: true,
} satisfies Prisma.DepartmentSelect;

/** All departments of a region (or every region), parents before their sub-units, with what uses them. */
export async function listDepartments(actor: Actor, { regionCode }: { regionCode?: string | null } = {}) {
  assertCan(actor, "admin.structure.view");
  const rows = await db().department.findMany({
    where: regionCode ? { regionCode } : {},
    orderBy: [{ regionCode: "asc" }, { sortOrder: "asc" }, { name: "asc" }],
    select: {
      ...DEPARTMENT_FIELDS,
      region: { select: { name: true, nameEn: true } },
      _count: { select: { children: true, serviceItems: true, staff: true, offices: true } },
    },
  });
  // Depth-first, so each sub-unit follows its parent.
  const children = new Map<string | null, typeof rows>();
  const ids = new Set(rows.map((row) => row.id));
  for (const row of rows) {
    const key = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    children.set(key, [...(children.get(key) ?? []), row]);
  }
  const ordered: ((typeof rows)[number] & { depth: number; inUse: boolean })[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      const { _count: count } = row;
      ordered.push({ ...row, depth, inUse: count.children + count.serviceItems + count.staff + count.offices > 0 });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** Options for "department" selects: id, name and region of every department. */
export async function listDepartmentOptions(actor: Actor, { regionCode }: { regionCode?: string } = {}) {
  assertCan(actor, "admin.access");
  return db().department.findMany({
    where: regionCode ? { regionCode } : {},
    orderBy: [{ regionCode: "asc" }, { sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, nameEn: true, regionCode: true, parentId: true },
  });
}

export async function getDepartment(actor: Actor, id: string) {
  assertCan(actor, "admin.structure.view");
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return db().department.findUnique({ where: { id }, select: DEPARTMENT_FIELDS });
}

/**
 * Creates or edits a department. The credit code is checked (GB 32100) and unique; the parent must be in the
 * same region and must not be the department itself or one of its sub-units (no cycles). A department with
 * sub-units or items cannot change region (they would end up in another region than their parent).
 */
export async function saveDepartment({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.structure.manage");
  const data = parseInput(DepartmentInput, input);
  try {
    return await db().$transaction(async (tx) => {
      const before = data.id
        ? await tx.department.findUnique({ where: { id: data.id }, select: DEPARTMENT_FIELDS })
        : null;
      if (data.id && !before) throw new AppError("NOT_FOUND", "reference.errors.gone");
      if (!(await tx.region.findUnique({ where: { code: data.regionCode }, select: { code: true } })))
        throw fieldProblem("VALIDATION", "regionCode", "reference.errors.noSuchRegion");
      const taken = await tx.department.findUnique({ where: { code: data.code }, select: { id: true } });
      if (taken && taken.id !== data.id) throw fieldProblem("CONFLICT", "code", "reference.errors.codeTaken");
      if (before && before.regionCode !== data.regionCode) {
        const [children, items] = await Promise.all([
          tx.department.count({ where: { parentId: before.id } }),
          tx.serviceItem.count({ where: { departmentId: before.id } }),
        ]);
        if (children + items > 0) throw fieldProblem("CONFLICT", "regionCode", "reference.errors.regionLocked");
      }
      if (data.parentId) {
        const parent = await tx.department.findUnique({ where: { id: data.parentId }, select: { regionCode: true } });
        if (!parent) throw fieldProblem("VALIDATION", "parentId", "reference.errors.department");
        if (parent.regionCode !== data.regionCode)
          throw fieldProblem("VALIDATION", "parentId", "reference.errors.parentRegion");
        // Walk up from the new parent: meeting the department itself means the move would make a cycle.
        let cursor: string | null = data.parentId;
        for (let depth = 0; cursor && depth < 50; depth++) {
          if (cursor === data.id) throw fieldProblem("VALIDATION", "parentId", "reference.errors.cycle");
          const next: { parentId: string | null } | null = await tx.department.findUnique({
            where: { id: cursor },
            select: { parentId: true },
          });
          cursor = next?.parentId ?? null;
        }
      }
      const values = {
        code: data.code,
        name: data.name,
        nameEn: data.nameEn,
        kind: data.kind,
        regionCode: data.regionCode,
        parentId: data.parentId,
        address: data.address,
        phone: data.phone,
        officeHours: data.officeHours,
        sortOrder: data.sortOrder,
      };
      const saved = before
        ? await tx.department.update({ where: { id: before.id }, data: values, select: DEPARTMENT_FIELDS })
        : await tx.department.create({ data: values, select: DEPARTMENT_FIELDS });
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: before ? "reference.department.update" : "reference.department.create",
        objectType: "Department",
        objectId: saved.id,
        before,
        after: saved,
        ip,
      });
      return saved;
    });
  } catch (error) {
    // Two administrators creating the same code at once: the loser hears it like any taken code.
    if (isUniqueViolation(error)) throw fieldProblem("CONFLICT", "code", "reference.errors.codeTaken");
    throw error;
  }
}

/** Deletes a department nothing uses (no sub-units, items, staff or offices); otherwise a CONFLICT saying so. */
export async function deleteDepartment({ actor, id, ip }: { actor: Actor; id: string; ip: string | null }) {
  assertCan(actor, "admin.structure.manage");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("NOT_FOUND", "reference.errors.gone");
  await db().$transaction(async (tx) => {
    const before = await tx.department.findUnique({
      where: { id },
      select: {
        ...DEPARTMENT_FIELDS,
        _count: { select: { children: true, serviceItems: true, staff: true, offices: true } },
      },
    });
    if (!before) throw new AppError("NOT_FOUND", "reference.errors.gone");
    const { _count: count, ...fields } = before;
    if (count.children + count.serviceItems + count.staff + count.offices > 0)
      throw new AppError("CONFLICT", "reference.errors.inUse");
    await tx.department.delete({ where: { id } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "reference.department.delete",
      objectType: "Department",
      objectId: id,
      before: fields,
      ip,
    });
  });
}
