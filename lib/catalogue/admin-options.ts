import "server-only";
import { type Actor, departmentScope } from "../auth/policy";
import { db } from "../db/client";
import { localizedName } from "../i18n/localized";

/** Choice lists for the catalogue editor and the new-item form (small tables, read whole). */

export async function listThemeOptions(locale: string) {
  const themes = await db().theme.findMany({
    orderBy: [{ audience: "asc" }, { sortOrder: "asc" }],
    select: { code: true, name: true, nameEn: true },
  });
  return themes.map((theme) => ({ code: theme.code, label: localizedName(locale, theme) }));
}

/** Regions for address fields of application forms (province → city → county). */
export async function listRegionOptions() {
  const regions = await db().region.findMany({
    where: { level: { in: ["PROVINCE", "CITY", "COUNTY"] } },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { code: true, name: true, nameEn: true, parentCode: true, level: true },
  });
  return regions.map((region) => ({ ...region, level: region.level as "PROVINCE" | "CITY" | "COUNTY" }));
}

/** Departments an administrator may create items for: their own, or every department for platform admins. */
export async function listCreatableDepartments(actor: Actor, locale: string) {
  const departments = await db().department.findMany({
    where: { id: departmentScope(actor, "catalogue.item.create").departmentId },
    orderBy: [{ regionCode: "asc" }, { sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, nameEn: true, region: { select: { name: true, nameEn: true } } },
  });
  return departments.map((department) => ({
    value: department.id,
    label: `${localizedName(locale, department.region)} · ${localizedName(locale, department)}`,
  }));
}

/** The basic catalogue (基本目录) entries an implementation can derive from. */
export async function listCatalogItemOptions(locale: string) {
  const items = await db().catalogItem.findMany({
    orderBy: { code: "asc" },
    select: { code: true, name: true, nameEn: true },
  });
  return items.map((item) => ({ value: item.code, label: `${item.code} · ${localizedName(locale, item)}` }));
}
