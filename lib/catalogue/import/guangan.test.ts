import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkCreditCode } from "../../identity/credit-code";
import { GuideDraftContent } from "../guide-content";
import { fullDepartmentName, itemTypeOf, parseItemCode, themeSlug } from "./guangan";
import { readImportFile } from "./read";

const DATA = path.resolve(import.meta.dirname, "../../../../shared/data/guangan-items");
const regions = new Map([["511602000000", { name: "广安区", level: "COUNTY" as const }]]);

describe("the Guang'an district data", () => {
  it("reads the CSV and the JSON into the same 1,135 records, 34 departments and 131 themes", async () => {
    const csv = await readImportFile(await readFile(path.join(DATA, "sichuan-guangan-items.csv")), {
      fileName: "a.csv",
      regions,
    });
    const json = await readImportFile(await readFile(path.join(DATA, "sichuan-guangan-items.json")), {
      fileName: "a.json",
      regions,
    });
    expect([csv.format, json.format]).toEqual(["guangan-csv", "guangan-json"]);
    for (const input of [csv, json]) {
      expect(input.problems).toEqual([]);
      expect(input.records).toHaveLength(1135);
      expect(input.departments).toHaveLength(34);
      expect(input.themes).toHaveLength(131);
      expect(input.listingOnly).toBe(true);
    }
    const strip = (records: typeof csv.records) => records.map((record) => ({ ...record, row: 0 }));
    expect(strip(json.records)).toEqual(strip(csv.records));
    expect(json.departments).toEqual(csv.departments);

    // Every record is a valid draft; types as the README counts them.
    const types = new Map<string, number>();
    for (const record of csv.records) {
      const content = GuideDraftContent.parse(record.content);
      types.set(content.itemType, (types.get(content.itemType) ?? 0) + 1);
    }
    expect(Object.fromEntries(types)).toEqual({
      T01_LICENSING: 536,
      T20_PUBLIC_SERVICE: 348,
      T10_OTHER_POWER: 182,
      T07_CONFIRMATION: 50,
      T05_BENEFIT: 9,
      T09_ADJUDICATION: 8,
      T08_REWARD: 2,
    });
    expect(new Set(csv.records.map((record) => record.content.implementationCode)).size).toBe(1135);

    // Department codes: valid credit codes, one per body; the body without one gets a placeholder.
    expect(new Set(csv.departments.map((department) => department.code)).size).toBe(34);
    for (const department of csv.departments) {
      if (department.placeholderCode) expect(department.code).toMatch(/^LOCAL-511602-[0-9a-f]{8}$/);
      else expect(checkCreditCode(department.code)).toBeNull();
    }
    expect(
      csv.departments.filter((department) => department.placeholderCode).map((department) => department.name),
    ).toEqual(["广安区烟草专卖局"]);
    for (const theme of csv.themes) expect(theme.code).toMatch(/^[a-z-]{2,40}$/);
    expect(new Set(csv.themes.map((theme) => theme.code)).size).toBe(131);
  });

  it("parses implementation codes, including the three odd rows", () => {
    expect(parseItemCode("511A0138000000-511602000000-000-115113010833722043-1-00")).toEqual({
      base: "511A0138000000",
      area: "511602000000",
      org: "115113010833722043",
    });
    expect(parseItemCode("G-000007-001-511602000000-000-115113010833722043-1-00")?.base).toBe("G-000007-001");
    expect(parseItemCode("E-000021-001-1111111111111111")).toEqual({
      base: "E-000021-001",
      area: null,
      org: "1111111111111111",
    });
    expect(parseItemCode("nonsense")).toBeNull();
  });

  it("maps task types, names and theme slugs", () => {
    expect(["1", "5", "7", "8", "9", "10", "20", "99", "x"].map(itemTypeOf)).toEqual([
      "T01_LICENSING",
      "T05_BENEFIT",
      "T07_CONFIRMATION",
      "T08_REWARD",
      "T09_ADJUDICATION",
      "T10_OTHER_POWER",
      "T20_PUBLIC_SERVICE",
      null,
      null,
    ]);
    expect(fullDepartmentName("区公安分局", "广安区")).toBe("广安区公安分局");
    expect(fullDepartmentName("广安区税务局", "广安区")).toBe("广安区税务局");
    expect(themeSlug("公证业务预约办理")).toBe("gong-zheng-ye-wu-yu-yue-ban-li");
    expect(themeSlug("企业设立、变更、注销登记")).toMatch(/^[a-z-]{2,40}$/);
  });
});
