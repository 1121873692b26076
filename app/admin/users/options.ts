import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { localizedName } from "@/lib/i18n/localized";
import { listDepartmentOptions } from "@/lib/reference/departments";
import { listRegionTree } from "@/lib/reference/regions";
import { assignableRoles } from "@/lib/reference/staff";

/** Roles and departments the actor may choose: a department administrator only their own department. */
export async function staffOptions(actor: Actor, locale: string, t: (key: string) => string) {
  const roles = assignableRoles(actor).map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const departments =
    actor.role === "PLATFORM_ADMIN"
      ? await listDepartmentOptions(actor)
      : (await listDepartmentOptions(actor)).filter((department) => department.id === actor.departmentId);
  const regions = actor.role === "PLATFORM_ADMIN" ? await listRegionTree(actor) : [];
  const regionNames = new Map(regions.map((region) => [region.code, localizedName(locale, region)]));
  const departmentOptions = departments.map((department) => ({
    value: department.id,
    label: regionNames.size > 0 ? `${regionNames.get(department.regionCode) ?? department.regionCode} · ${localizedName(locale, department)}` : localizedName(locale, department),
  }));
  return {
    roles,
    departments: actor.role === "PLATFORM_ADMIN" ? [{ value: "", label: t("reference.users.noDepartment") }, ...departmentOptions] : departmentOptions,
  };
}
