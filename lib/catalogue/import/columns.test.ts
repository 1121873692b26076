import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../audit/audit";
import { GuideDraftContent, newItemContent } from "../guide-content";
import {
  CONTENT_COLUMNS,
  MAX_IMPLEMENTATIONS,
  NATIVE_COLUMNS,
  recordFromJson,
  recordFromRow,
  recordsFromJson,
  rowOf,
  TIME_LIMIT_FIELDS,
} from "./columns";
import type { ImportProblem } from "./types";

const placement = {
  departmentCode: "11511602000000001X",
  departmentName: "广安区市场监督管理局",
  regionCode: "511602000000",
  catalogItemCode: "511A0000000001",
  catalogItemName: "测试事项",
  catalogItemNameEn: "Test item",
  status: "PUBLISHED" as const,
};

const rich = GuideDraftContent.parse({
  ...newItemContent({
    implementationCode: "TEST-0001",
    name: "测试事项",
    itemType: "T01_LICENSING",
    audiences: ["NATURAL_PERSON", "ENTERPRISE"],
    exerciseLevel: 4,
  }),
  statutory: { limit: 20, unit: "WORKING_DAY", note: '法定, 含"引号"\n与换行' },
  promised: { limit: 5, unit: "WORKING_DAY", note: null },
  powerSource: 1,
  themeCodes: ["licences", "start-business"],
  feeCharged: true,
  feeBasis: "收费依据",
  fees: [{ name: "工本费", standard: "10 元", basis: null, waivable: true, waiverBasis: "减免依据" }],
  materials: [
    {
      code: "id-card",
      name: "身份证",
      necessity: "REQUIRED",
      condition: null,
      form: "ORIGINAL",
      originalCopies: 1,
      copyCopies: 0,
      paperSize: "A4",
      source: "LICENCE",
      sourceNote: null,
      licenceTypeCode: "11100000000",
      fillingNotes: null,
      acceptanceStandard: null,
      legalBasis: null,
      signRequirement: null,
      remarks: null,
    },
  ],
  situations: [{ name: "首次申请", description: null, materialCodes: ["id-card"] }],
  form: { title: "x" },
});

describe("native table columns", () => {
  it("give every content field a column, so nothing is dropped on export", () => {
    const covered = new Set<string>([...CONTENT_COLUMNS.map(([key]) => key), ...TIME_LIMIT_FIELDS]);
    expect(Object.keys(GuideDraftContent.shape).filter((key) => !covered.has(key))).toEqual([]);
    expect(new Set(NATIVE_COLUMNS).size).toBe(NATIVE_COLUMNS.length);
  });

  it("round-trip a rich item through a row of cells", () => {
    const cells = Object.fromEntries(NATIVE_COLUMNS.map((column, index) => [column, rowOf(placement, rich)[index]!]));
    const problems: ImportProblem[] = [];
    const record = recordFromRow(2, cells, problems);
    expect(problems).toEqual([]);
    expect(record).toMatchObject({
      row: 2,
      departmentCode: placement.departmentCode,
      catalogItemCode: placement.catalogItemCode,
      status: "PUBLISHED",
    });
    expect(canonicalJson(GuideDraftContent.parse(record.content))).toBe(canonicalJson(rich));
  });

  it("read empty optional cells as none and report bad cells by column", () => {
    const cells = Object.fromEntries(NATIVE_COLUMNS.map((column, index) => [column, rowOf(placement, rich)[index]!]));
    const problems: ImportProblem[] = [];
    const record = recordFromRow(
      7,
      {
        ...cells,
        statutoryLimit: "",
        statutoryUnit: "",
        statutoryNote: "",
        powerSource: "",
        feeCharged: "maybe",
        fees: "[oops",
        status: "LIVE",
      },
      problems,
    );
    expect(problems.map(({ row, field, message }) => [row, field, message])).toEqual([
      [7, "feeCharged", "catalogueImport.errors.boolean"],
      [7, "fees", "catalogueImport.errors.json"],
      [7, "status", "catalogueImport.errors.status"],
    ]);
    expect(record.content.statutory).toBeNull();
    expect(record.content.powerSource).toBeUndefined();
  });

  it("read a JSON record with the placement beside the content", () => {
    const problems: ImportProblem[] = [];
    const record = recordFromJson(1, { ...placement, ...rich }, problems);
    expect(problems).toEqual([]);
    expect(canonicalJson(GuideDraftContent.parse(record?.content))).toBe(canonicalJson(rich));
    expect(recordFromJson(2, "text", problems)).toBeNull();
    expect(problems).toEqual([{ row: 2, field: "_record", message: "catalogueImport.errors.recordShape" }]);
  });

  it("read a standard guide with its implementations as one record per implementation", () => {
    const problems: ImportProblem[] = [];
    const { departmentCode, departmentName, regionCode, ...shared } = { ...placement, ...rich };
    const records = recordsFromJson(
      3,
      {
        ...shared,
        implementations: [
          { departmentCode, departmentName, regionCode, implementationCode: "TEST-0001" },
          {
            departmentCode: "11511600000000001Y",
            regionCode: "511600000000",
            implementationCode: "TEST-0002",
            exerciseLevel: 3,
            windows: [
              { name: "市政务服务中心", address: "金安大道", phone: "0826-12345", hours: "工作日", transport: null },
            ],
          },
        ],
      },
      problems,
    );
    expect(problems).toEqual([]);
    expect(records.map((record) => [record.row, record.fieldPrefix, record.departmentCode, record.regionCode])).toEqual(
      [
        [3, "implementations.1.", departmentCode, regionCode],
        [3, "implementations.2.", "11511600000000001Y", "511600000000"],
      ],
    );
    // The first is the shared guide as it is; the second has its own code, level and windows, the rest shared.
    expect(canonicalJson(GuideDraftContent.parse(records[0]?.content))).toBe(canonicalJson(rich));
    const second = GuideDraftContent.parse(records[1]?.content);
    expect(canonicalJson({ ...second, implementationCode: "TEST-0001", exerciseLevel: 4, windows: rich.windows })).toBe(
      canonicalJson(rich),
    );
    expect([second.implementationCode, second.exerciseLevel, second.windows.map((window) => window.name)]).toEqual([
      "TEST-0002",
      3,
      ["市政务服务中心"],
    ]);
    expect(records.every((record) => record.catalogItemCode === placement.catalogItemCode)).toBe(true);
  });

  it("report a bad implementations list, and an implementation's problems under its number", () => {
    const problems: ImportProblem[] = [];
    const shared = { ...placement, ...rich };
    expect(recordsFromJson(1, { ...shared, implementations: [] }, problems)).toEqual([]);
    expect(recordsFromJson(2, { ...shared, implementations: "all" }, problems)).toEqual([]);
    expect(
      recordsFromJson(
        3,
        { ...shared, implementations: Array.from({ length: MAX_IMPLEMENTATIONS + 1 }, () => ({})) },
        problems,
      ),
    ).toEqual([]);
    const read = recordsFromJson(
      4,
      {
        ...shared,
        implementations: [{ status: "LIVE" }, "text", { implementations: [] }, { implementationCode: "X" }],
      },
      problems,
    );
    expect(read.map((record) => record.fieldPrefix)).toEqual(["implementations.1.", "implementations.4."]);
    expect(problems.map(({ row, field, message }) => [row, field, message])).toEqual([
      [1, "implementations", "catalogueImport.errors.implementations"],
      [2, "implementations", "catalogueImport.errors.implementations"],
      [3, "implementations", "catalogueImport.errors.tooManyImplementations"],
      [4, "implementations.1.status", "catalogueImport.errors.status"],
      [4, "implementations.2._record", "catalogueImport.errors.implementationShape"],
      [4, "implementations.3._record", "catalogueImport.errors.implementationShape"],
    ]);
  });
});
