import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { localizedName } from "@/lib/i18n/localized";
import { listDepartments } from "@/lib/reference/departments";
import { listRegionTree } from "@/lib/reference/regions";

/** Region and department options for selects, indented by depth. */
export async function referenceOptions(actor: Actor, locale: string) {
  const [regions, departments] = await Promise.all([listRegionTree(actor), listDepartments(actor)]);
  const regionNames = new Map(regions.map((region) => [region.code, localizedName(locale, region)]));
  return {
    regions: regions.map((region) => ({
      value: region.code,
      label: `${"　".repeat(region.depth)}${localizedName(locale, region)}`,
    })),
    departments: departments.map((department) => ({
      value: department.id,
      label: `${regionNames.get(department.regionCode) ?? department.regionCode} · ${"　".repeat(department.depth)}${localizedName(locale, department)}`,
    })),
  };
}
