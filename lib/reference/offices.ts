import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { auditActor, fieldProblem, parseInput } from "./common";
import { OfficeInput } from "./schemas";

/**
 * Service halls and windows people visit (政务服务中心, 办事大厅): address, phone, opening hours, directions.
 * Run by one department of the same region, or by none (a joint hall). Deactivated, never deleted: guides and
 * appointments may still name them.
 */

const OFFICE_FIELDS = {
  id: true,
  code: true,
  name: true,
  nameEn: true,
  regionCode: true,
  departmentId: true,
  address: true,
  phone: true,
  openingHours: true,
  transport: true,
  active: true,
  sortOrder: true,
} satisfies Prisma.OfficeSelect;

export async function listOffices(actor: Actor) {
  assertCan(actor, "admin.structure.view");
  return db().office.findMany({
    orderBy: [{ regionCode: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: {
      ...OFFICE_FIELDS,
      region: { select: { name: true, nameEn: true } },
      department: { select: { name: true, nameEn: true } },
    },
  });
}

export async function getOffice(actor: Actor, id: string) {
  assertCan(actor, "admin.structure.view");
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return db().office.findUnique({ where: { id }, select: OFFICE_FIELDS });
}

export async function saveOffice({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.structure.manage");
  const data = parseInput(OfficeInput, input);
  try {
    return await db().$transaction(async (tx) => {
      const before = data.id ? await tx.office.findUnique({ where: { id: data.id }, select: OFFICE_FIELDS }) : null;
      if (data.id && !before) throw new AppError("NOT_FOUND", "reference.errors.gone");
      if (!(await tx.region.findUnique({ where: { code: data.regionCode }, select: { code: true } })))
        throw fieldProblem("VALIDATION", "regionCode", "reference.errors.noSuchRegion");
      if (data.departmentId) {
        const department = await tx.department.findUnique({
          where: { id: data.departmentId },
          select: { regionCode: true },
        });
        if (!department) throw fieldProblem("VALIDATION", "departmentId", "reference.errors.department");
        if (department.regionCode !== data.regionCode)
          throw fieldProblem("VALIDATION", "departmentId", "reference.errors.departmentRegion");
      }
      const taken = await tx.office.findUnique({ where: { code: data.code }, select: { id: true } });
      if (taken && taken.id !== data.id) throw fieldProblem("CONFLICT", "code", "reference.errors.codeTaken");
      const values = {
        code: data.code,
        name: data.name,
        nameEn: data.nameEn,
        regionCode: data.regionCode,
        departmentId: data.departmentId,
        address: data.address,
        phone: data.phone,
        openingHours: data.openingHours,
        transport: data.transport,
        sortOrder: data.sortOrder,
      };
      const saved = before
        ? await tx.office.update({ where: { id: before.id }, data: values, select: OFFICE_FIELDS })
        : await tx.office.create({ data: values, select: OFFICE_FIELDS });
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: before ? "reference.office.update" : "reference.office.create",
        objectType: "Office",
        objectId: saved.id,
        before,
        after: saved,
        ip,
      });
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldProblem("CONFLICT", "code", "reference.errors.codeTaken");
    throw error;
  }
}

/** Takes a hall out of use (closed, moved) or back; its record stays. */
export async function setOfficeActive({
  actor,
  id,
  active,
  ip,
}: {
  actor: Actor;
  id: string;
  active: boolean;
  ip: string | null;
}) {
  assertCan(actor, "admin.structure.manage");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("NOT_FOUND", "reference.errors.gone");
  await db().$transaction(async (tx) => {
    const before = await tx.office.findUnique({ where: { id }, select: { active: true } });
    if (!before) throw new AppError("NOT_FOUND", "reference.errors.gone");
    if (before.active === active) return;
    await tx.office.update({ where: { id }, data: { active } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: active ? "reference.office.reactivate" : "reference.office.deactivate",
      objectType: "Office",
      objectId: id,
      before,
      after: { active },
      ip,
    });
  });
}
