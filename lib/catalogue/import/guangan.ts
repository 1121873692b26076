import { createHash } from "node:crypto";
import { pinyin } from "pinyin-pro";
import { checkCreditCode, normaliseCreditCode } from "../../identity/credit-code";
import { ITEM_TYPE_CODES } from "../filters";
import { newItemContent } from "../guide-content";
import type { DepartmentSpec, ImportInput, ImportProblem, SourceRecord, ThemeSpec } from "./types";

/**
 * Reader for the real district catalogue (四川省广安市广安区, 1,135 items; docs/domain.md "Real data": kept beside
 * the repository in ../shared/data/guangan-items/, not in it): the source JSON (departments → main items → sub
 * items with a link) or its flattened CSV. Each item becomes a native record ready for guide details:
 *
 * - implementation code = `itemCode`; catalogue item = its first segment (`base_code`); the three rows whose code
 *   does not parse take the leading `X-000000-000` segment;
 * - type from `taskType` (1 → 01 许可 … 20 公共服务);
 * - department by its short local name (区公安分局 → 广安区公安分局). Its code is the most frequent valid GB 32100
 *   credit code among the item codes' org segment and the links' deptCode; bodies with none get the placeholder
 *   `LOCAL-{region 6}-{hash}` (never a valid credit code, stable for the name), and a code is never given to two
 *   bodies (the body with more items keeps it);
 * - theme from `main_item` (未分类 → none), code = pinyin slug of the name;
 * - guide fields the data lacks get honest defaults: consultation and complaint name the department and the
 *   12345 hotline; no materials, fees or conditions are invented. The content schema requires a promised time
 *   limit, so the editor's default stands with a note saying the data gave none.
 */

const E = "catalogueImport.errors";
export const UNCLASSIFIED = "未分类";
const HOTLINE = "政务服务便民热线 12345";
export const PROMISED_NOTE = "原始目录未提供承诺时限，待核实";

/** One item as the district data lists it, whichever file it came from. */
export type GuanganRow = {
  row: number;
  department: string;
  theme: string;
  name: string;
  itemCode: string;
  taskType: string;
  deptCode: string;
  areaCode: string;
};

export const GUANGAN_CSV_HEADER = [
  "department",
  "theme",
  "name",
  "item_code",
  "base_code",
  "area_code",
  "org_code",
  "code_seg4",
  "code_seg5",
  "task_type",
  "task_type_label",
  "dept_code",
  "url",
];

/** The field names problems use for this data (its CSV columns), by content field. */
export const GUANGAN_FIELD_NAMES: Record<string, string> = {
  implementationCode: "item_code",
  name: "name",
  itemType: "task_type",
  themeCodes: "theme",
  departmentCode: "department",
  regionCode: "area_code",
  catalogItemCode: "base_code",
};

export function looksLikeGuanganJson(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  const first = value[0] as Record<string, unknown> | null;
  return !!first && typeof first === "object" && typeof first.department === "string" && Array.isArray(first.items);
}

export function looksLikeGuanganCsv(header: string[]): boolean {
  return ["department", "theme", "name", "item_code", "task_type"].every((column) => header.includes(column));
}

/** Rows of the source JSON, in file order (row = the item's position, 1-based). */
export function guanganRowsFromJson(value: unknown, problems: ImportProblem[]): GuanganRow[] {
  const rows: GuanganRow[] = [];
  let position = 0;
  for (const department of value as { department?: unknown; items?: unknown }[]) {
    for (const group of Array.isArray(department?.items)
      ? (department.items as { main_item?: unknown; sub_items?: unknown }[])
      : []) {
      for (const item of Array.isArray(group?.sub_items)
        ? (group.sub_items as { name?: unknown; link?: unknown }[])
        : []) {
        position += 1;
        let params = new URLSearchParams();
        try {
          params = new URL(String(item?.link ?? "")).searchParams;
        } catch {
          problems.push({
            row: position,
            field: "link",
            message: `${E}.link`,
            value: String(item?.link ?? "").slice(0, 80),
          });
        }
        rows.push({
          row: position,
          department: String(department?.department ?? "").trim(),
          theme: String(group?.main_item ?? "").trim(),
          name: String(item?.name ?? "").trim(),
          itemCode: (params.get("itemCode") ?? "").trim(),
          taskType: (params.get("taskType") ?? "").trim(),
          deptCode: (params.get("deptCode") ?? "").trim(),
          areaCode: (params.get("areaCode") ?? "").trim(),
        });
      }
    }
  }
  return rows;
}

function areaCodeOfLink(link: string | undefined): string | null {
  if (!link) return null;
  try {
    return new URL(link).searchParams.get("areaCode");
  } catch {
    return null;
  }
}

/** Rows of the flattened CSV (row = spreadsheet row; the header is row 1). */
export function guanganRowsFromCsv(records: { row: number; cells: Record<string, string> }[]): GuanganRow[] {
  return records.map(({ row, cells }) => ({
    row,
    // The listing's region is the link's areaCode: one item's code carries the province (510000000000) although
    // the district lists it, and `area_code` was parsed from the code.
    areaCode: (areaCodeOfLink(cells.url) ?? cells.area_code ?? "").trim(),
    department: (cells.department ?? "").trim(),
    theme: (cells.theme ?? "").trim(),
    name: (cells.name ?? "").trim(),
    itemCode: (cells.item_code ?? "").trim(),
    taskType: (cells.task_type ?? "").trim(),
    deptCode: (cells.dept_code ?? "").trim(),
  }));
}

const CODE = /^(.+?)-(\d{12})-(\d{3})-(.+)-(\d)-(\d{2})$/;
const ODD_CODE = /^([A-Z]-\d{6}-\d{3})-(.+)$/;

/** `base-area-000-org-1-00`, or for the odd rows `X-000000-000-<org>`: the catalogue code and the org segment. */
export function parseItemCode(itemCode: string): { base: string; area: string | null; org: string } | null {
  const full = CODE.exec(itemCode);
  if (full) return { base: full[1]!, area: full[2]!, org: full[4]! };
  const odd = ODD_CODE.exec(itemCode);
  if (odd) return { base: odd[1]!, area: null, org: odd[2]! };
  return null;
}

export function itemTypeOf(taskType: string): string | null {
  if (!/^\d{1,2}$/.test(taskType)) return null;
  return (ITEM_TYPE_CODES as Record<string, string>)[taskType.padStart(2, "0")] ?? null;
}

/** A URL slug [a-z-] of at most 40 characters: the pinyin words, or their initials when the words are too long. */
export function themeSlug(name: string): string {
  const words = pinyin(name, { toneType: "none", type: "array", nonZh: "removed", v: true })
    .map((word) => word.toLowerCase().replace(/[^a-z]/g, ""))
    .filter(Boolean);
  const full = words.join("-");
  if (full.length >= 2 && full.length <= 40) return full;
  const initials = words
    .map((word) => word[0])
    .join("")
    .slice(0, 36);
  return initials.length >= 2 ? initials : "theme";
}

/** Letters only (theme codes allow no digits): a, b, … z, aa, ab … */
export function letterSuffix(index: number): string {
  let value = "";
  let rest = index;
  do {
    value = String.fromCharCode(97 + (rest % 26)) + value;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return value;
}

const CORPORATE =
  /企业|公司|经营|单位|工程|项目|生产|施工|营业|法人|机构|场所|建设|运输|出版|广告|药品|食品|特种设备|排污|道路|矿|商/;
const PERSONAL =
  /个人|居民|公民|学生|儿童|少年|老年|残疾|户籍|户口|身份证|婚|生育|退役军人|驾驶|就业|失业|退休|养老|医疗|救助|低保|殡葬|居住/;

/** Who an item is for, guessed from its name (the data does not say); both when the name gives no hint. */
export function audiencesOf(name: string): ("NATURAL_PERSON" | "ENTERPRISE")[] {
  const corporate = CORPORATE.test(name);
  const personal = PERSONAL.test(name);
  if (corporate && !personal) return ["ENTERPRISE"];
  if (personal && !corporate) return ["NATURAL_PERSON"];
  return ["NATURAL_PERSON", "ENTERPRISE"];
}

/** 区公安分局 in 广安区 → 广安区公安分局; names that already carry a place stay as they are. */
export function fullDepartmentName(shortName: string, regionName: string | undefined): string {
  if (!regionName) return shortName;
  const level = regionName.at(-1);
  if (level && shortName.startsWith(level) && !shortName.startsWith(regionName)) return regionName + shortName.slice(1);
  return shortName;
}

export function placeholderDepartmentCode(regionCode: string, name: string): string {
  return `LOCAL-${regionCode.slice(0, 6)}-${createHash("sha256").update(`${regionCode}|${name}`).digest("hex").slice(0, 8)}`;
}

export type RegionInfo = { name: string; level: "PROVINCE" | "CITY" | "COUNTY" | "TOWNSHIP" };
const EXERCISE_LEVEL = { PROVINCE: 2, CITY: 3, COUNTY: 4, TOWNSHIP: 5 } as const;

/** The district rows as importer input: departments and themes to create or match, and one record per item. */
export function adaptGuangan(
  format: "guangan-json" | "guangan-csv",
  rows: GuanganRow[],
  regions: Map<string, RegionInfo>,
  readProblems: ImportProblem[],
): ImportInput {
  const problems = [...readProblems];
  const parsed = rows.map((row) => ({ row, code: parseItemCode(row.itemCode) }));

  // Departments: group by short name; pick codes.
  type Group = { shortName: string; regionCode: string; count: number; codes: Map<string, number> };
  const groups = new Map<string, Group>();
  for (const { row, code } of parsed) {
    if (!row.department) continue;
    const regionCode = row.areaCode || code?.area || "";
    const group = groups.get(row.department) ?? { shortName: row.department, regionCode, count: 0, codes: new Map() };
    group.count += 1;
    for (const candidate of [code?.org, row.deptCode]) {
      if (!candidate) continue;
      const normalised = normaliseCreditCode(candidate);
      if (checkCreditCode(normalised) === null) group.codes.set(normalised, (group.codes.get(normalised) ?? 0) + 1);
    }
    groups.set(row.department, group);
  }
  const taken = new Set<string>();
  const departmentCodeOf = new Map<string, string>();
  const departments: DepartmentSpec[] = [];
  const ordered = [...groups.values()].sort(
    (a, b) => b.count - a.count || (a.shortName < b.shortName ? -1 : a.shortName > b.shortName ? 1 : 0),
  );
  for (const group of ordered) {
    const region = regions.get(group.regionCode);
    const name = fullDepartmentName(group.shortName, region?.name);
    const candidates = [...group.codes.entries()].sort(
      ([codeA, countA], [codeB, countB]) => countB - countA || (codeA < codeB ? -1 : 1),
    );
    const chosen = candidates.find(([code]) => !taken.has(code))?.[0];
    const code = chosen ?? placeholderDepartmentCode(group.regionCode, name);
    taken.add(code);
    departmentCodeOf.set(group.shortName, code);
    departments.push({
      code,
      placeholderCode: !chosen,
      name,
      aliases: name === group.shortName ? [] : [group.shortName],
      regionCode: group.regionCode,
    });
  }

  // Themes: by name, in order of first appearance; codes unique within the file.
  const themeCodeOf = new Map<string, string>();
  const themeAudience = new Map<string, { corporate: number; total: number }>();
  const themeCodes = new Set<string>();
  for (const { row } of parsed) {
    if (!row.theme || row.theme === UNCLASSIFIED) continue;
    const tally = themeAudience.get(row.theme) ?? { corporate: 0, total: 0 };
    tally.total += 1;
    if (audiencesOf(row.name).length === 1 && audiencesOf(row.name)[0] === "ENTERPRISE") tally.corporate += 1;
    themeAudience.set(row.theme, tally);
    if (themeCodeOf.has(row.theme)) continue;
    const base = themeSlug(row.theme);
    let code = base;
    for (let index = 0; themeCodes.has(code); index += 1) code = `${base.slice(0, 36)}-${letterSuffix(index)}`;
    themeCodes.add(code);
    themeCodeOf.set(row.theme, code);
  }
  const themes: ThemeSpec[] = [...themeCodeOf.entries()].map(([name, code]) => {
    const tally = themeAudience.get(name)!;
    return {
      code,
      name,
      audience: CORPORATE.test(name) || tally.corporate * 2 > tally.total ? "CORPORATE" : "PERSONAL",
    };
  });

  const records: SourceRecord[] = [];
  for (const { row, code } of parsed) {
    if (!code)
      problems.push({ row: row.row, field: "item_code", message: `${E}.itemCode`, value: row.itemCode.slice(0, 80) });
    if (!row.department) problems.push({ row: row.row, field: "department", message: `${E}.departmentMissing` });
    const regionCode = row.areaCode || code?.area || "";
    const region = regions.get(regionCode);
    if (!region) problems.push({ row: row.row, field: "area_code", message: `${E}.unknownRegion`, value: regionCode });
    const itemType = itemTypeOf(row.taskType);
    const departmentName = fullDepartmentName(row.department, region?.name);
    const template = newItemContent({
      implementationCode: "X",
      name: "X",
      itemType: (itemType ?? "T10_OTHER_POWER") as Parameters<typeof newItemContent>[0]["itemType"],
      audiences: audiencesOf(row.name),
      exerciseLevel: region ? EXERCISE_LEVEL[region.level] : 4,
    });
    const contact = row.department ? `${departmentName}；${HOTLINE}` : HOTLINE;
    records.push({
      row: row.row,
      departmentCode: departmentCodeOf.get(row.department) ?? "",
      regionCode: regionCode || null,
      catalogItemCode: code?.base ?? "",
      catalogItemName: row.name,
      catalogItemNameEn: "",
      status: "PUBLISHED",
      content: {
        ...template,
        implementationCode: row.itemCode,
        name: row.name,
        // An unknown type stays as given so the schema names it.
        itemType: itemType ?? `taskType ${row.taskType}`,
        themeCodes: themeCodeOf.has(row.theme) ? [themeCodeOf.get(row.theme)] : [],
        promised: { ...template.promised, note: PROMISED_NOTE },
        consultation: contact,
        complaint: contact,
      },
    });
  }
  return { format, records, departments, themes, listingOnly: true, problems, fieldNames: GUANGAN_FIELD_NAMES };
}
