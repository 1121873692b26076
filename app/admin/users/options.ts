import "server-only";
import { type Actor, reachesEveryDepartment } from "@/lib/auth/policy";
import { localizedName } from "@/lib/i18n/localized";
import { listDepartmentOptions } from "@/lib/reference/departments";
import { listRegionTree } from "@/lib/reference/regions";
import { assignableRoles } from "@/lib/reference/staff";
import { STAFF_DUTIES } from "@/lib/catalogue/guide-content";

/** Roles and departments the actor may choose: a department administrator only their own department. */
export async function staffOptions(actor: Actor, locale: string, t: (key: string) => string) {
  const roles = assignableRoles(actor).map((role) => ({ value: role, label: t(`roles.${role}`) }));
  // Platform administrators place accounts in any department or none (supervisors, platform administrators).
  const everyDepartment = reachesEveryDepartment(actor, "admin.users.view");
  const departments = (await listDepartmentOptions(actor)).filter(
    (department) => everyDepartment || department.id === actor.departmentId,
  );
  const regions = everyDepartment ? await listRegionTree(actor) : [];
  const regionNames = new Map(regions.map((region) => [region.code, localizedName(locale, region)]));
  const departmentOptions = departments.map((department) => ({
    value: department.id,
    label:
      regionNames.size > 0
        ? `${regionNames.get(department.regionCode) ?? department.regionCode} · ${localizedName(locale, department)}`
        : localizedName(locale, department),
  }));
  return {
    roles,
    duties: STAFF_DUTIES.map((duty) => ({ value: duty, label: t(`cases.duty.${duty}`) })),
    departments: everyDepartment
      ? [{ value: "", label: t("reference.users.noDepartment") }, ...departmentOptions]
      : departmentOptions,
  };
}
