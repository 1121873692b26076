import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { auditActor, fieldProblem, parseInput } from "./common";
import { RegionCreateInput, RegionUpdateInput } from "./schemas";

/**
 * Administrative divisions (GB/T 2260, padded to 12 digits as platforms do: 2 province, 2 city, 2 county,
 * 3 township, 3 village digits). Platform administrators add regions and edit names and sort order; codes,
 * levels and parents never change (items, departments, holidays and case numbers refer to them), and regions
 * are never deleted here.
 */

type Level = "PROVINCE" | "CITY" | "COUNTY" | "TOWNSHIP";

/** Digits a code of each level uses; the rest are zeros. */
const SIGNIFICANT: Record<Level, number> = { PROVINCE: 2, CITY: 4, COUNTY: 6, TOWNSHIP: 9 };
/** Allowed parent levels: a county may sit directly under a province (省直辖县级行政区划). */
const PARENT_LEVELS: Record<Level, Level[]> = {
  PROVINCE: [],
  CITY: ["PROVINCE"],
  COUNTY: ["CITY", "PROVINCE"],
  TOWNSHIP: ["COUNTY"],
};

/**
 * Why a code does not fit its level and parent, or null. The level's own digits must not be all zero, the
 * digits after them must be, and the code must start with the parent's significant digits.
 */
export function regionCodeProblem(
  code: string,
  level: Level,
  parent: { code: string; level: Level } | null,
): string | null {
  const significant = SIGNIFICANT[level];
  if (!/^\d{12}$/.test(code) || !/^0*$/.test(code.slice(significant))) return "reference.errors.regionCodeLevel";
  const previous =
    level === "PROVINCE" ? 0 : SIGNIFICANT[level === "CITY" ? "PROVINCE" : level === "COUNTY" ? "CITY" : "COUNTY"];
  if (/^0+$/.test(code.slice(previous, significant))) return "reference.errors.regionCodeLevel";
  if (code.slice(0, 2) === "00") return "reference.errors.regionCodeLevel";
  if (parent && !code.startsWith(parent.code.slice(0, SIGNIFICANT[parent.level])))
    return "reference.errors.regionCodeParent";
  return null;
}

export async function listRegionTree(actor: Actor) {
  assertCan(actor, "admin.structure.view");
  const rows = await db().region.findMany({
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: {
      code: true,
      name: true,
      nameEn: true,
      level: true,
      parentCode: true,
      sortOrder: true,
      _count: { select: { departments: true, serviceItems: true, children: true } },
    },
  });
  const children = new Map<string | null, typeof rows>();
  const codes = new Set(rows.map((row) => row.code));
  for (const row of rows) {
    const key = row.parentCode && codes.has(row.parentCode) ? row.parentCode : null;
    children.set(key, [...(children.get(key) ?? []), row]);
  }
  const ordered: ((typeof rows)[number] & { depth: number })[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      ordered.push({ ...row, depth });
      visit(row.code, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

export async function createRegion({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.structure.manage");
  const data = parseInput(RegionCreateInput, input);
  const parent = data.parentCode
    ? await db().region.findUnique({ where: { code: data.parentCode }, select: { code: true, level: true } })
    : null;
  if (data.parentCode && !parent) throw fieldProblem("VALIDATION", "parentCode", "reference.errors.noSuchRegion");
  const allowed = PARENT_LEVELS[data.level];
  if (allowed.length === 0 && parent) throw fieldProblem("VALIDATION", "parentCode", "reference.errors.parentLevel");
  if (allowed.length > 0 && (!parent || !allowed.includes(parent.level)))
    throw fieldProblem("VALIDATION", "parentCode", "reference.errors.parentLevel");
  const problem = regionCodeProblem(data.code, data.level, parent);
  if (problem) throw fieldProblem("VALIDATION", "code", problem);
  try {
    return await db().$transaction(async (tx) => {
      if (await tx.region.findUnique({ where: { code: data.code }, select: { code: true } }))
        throw fieldProblem("CONFLICT", "code", "reference.errors.codeTaken");
      const saved = await tx.region.create({
        data,
        select: { code: true, name: true, nameEn: true, level: true, parentCode: true, sortOrder: true },
      });
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "reference.region.create",
        objectType: "Region",
        objectId: saved.code,
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

/** Renames a region or changes its place in lists. */
export async function updateRegion({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.structure.manage");
  const data = parseInput(RegionUpdateInput, input);
  return db().$transaction(async (tx) => {
    const before = await tx.region.findUnique({
      where: { code: data.code },
      select: { name: true, nameEn: true, sortOrder: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "reference.errors.gone");
    const after = await tx.region.update({
      where: { code: data.code },
      data: { name: data.name, nameEn: data.nameEn, sortOrder: data.sortOrder },
      select: { name: true, nameEn: true, sortOrder: true },
    });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "reference.region.update",
      objectType: "Region",
      objectId: data.code,
      before,
      after,
      ip,
    });
    return after;
  });
}
