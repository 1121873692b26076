import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { contentCsv, collectItems } from "../../lib/catalogue/import/export-content";
import { importCatalogueFile } from "../../lib/catalogue/import/importer";
import { PROMISED_NOTE } from "../../lib/catalogue/import/guangan";
import { db } from "../../lib/db/client";
import { searchCatalogue } from "../../lib/search/query";

/**
 * The real district catalogue (1,135 items, 34 departments; docs/domain.md "Real data": read from
 * ../shared/data/guangan-items beside the repository, not in it) through the importer against a real database,
 * and a native file with broken rows. Tests run in order: they build on each other.
 */

const DATA = path.resolve(import.meta.dirname, "../../../shared/data/guangan-items");
const CSV = "sichuan-guangan-items.csv";
const JSON_FILE = "sichuan-guangan-items.json";
const REGION = "511602000000";

async function run(file: string, options: { publish?: boolean; dryRun?: boolean } = {}) {
  const bytes = await readFile(path.join(DATA, file));
  return importCatalogueFile(db(), bytes, {
    fileName: file,
    dryRun: options.dryRun ?? false,
    publish: options.publish ?? false,
    actor: null,
    operator: "tester",
    via: "cli",
  });
}

/** Everything an import could touch, counted. */
async function snapshot() {
  const [items, versions, departments, themes, catalogItems, audit, documents, drafts] = await Promise.all([
    db().serviceItem.count(),
    db().itemVersion.count(),
    db().department.count(),
    db().theme.count(),
    db().catalogItem.count(),
    db().auditLog.count(),
    db().searchDocument.count(),
    db().itemVersion.aggregate({ _sum: { revision: true } }),
  ]);
  return { items, versions, departments, themes, catalogItems, audit, documents, revisions: drafts._sum.revision };
}

describe("importing the Guang'an district catalogue", () => {
  it("dry run reports what would happen and writes nothing", async () => {
    const before = await snapshot();
    const report = await run(CSV, { dryRun: true });
    expect(report.problems).toEqual([]);
    expect(report.committed).toBe(false);
    expect(report.summary).toMatchObject({
      total: 1135,
      created: 1135,
      errors: 0,
      themesCreated: 131,
      catalogItemsCreated: 1135,
    });
    expect(await snapshot()).toEqual(before);
  });

  it("imports the CSV: 1,135 hidden drafts of 34 departments with their real names, codes and types", async () => {
    const before = await snapshot();
    const started = performance.now();
    const report = await run(CSV);
    const seconds = (performance.now() - started) / 1000;
    expect(report.problems).toEqual([]);
    expect(report.committed).toBe(true);
    expect(report.summary).toMatchObject({
      total: 1135,
      created: 1135,
      updated: 0,
      unchanged: 0,
      published: 0,
      themesCreated: 131,
    });
    expect(seconds).toBeLessThan(45);

    const after = await snapshot();
    expect(after.items - before.items).toBe(1135);
    expect(after.versions - before.versions).toBe(1135);
    expect(after.departments - before.departments).toBe(report.summary.departmentsCreated);
    expect(after.documents).toBe(before.documents); // drafts are not searchable

    const items = await db().serviceItem.findMany({
      where: {
        implementationCode: {
          in: [
            "E-000021-001-1111111111111111",
            "511A0138000000-511602000000-000-115113010833722043-1-00",
            "G-000007-001-511602000000-000-115113010833722043-1-00",
          ],
        },
      },
      include: { department: true, catalogItem: true, versions: true },
      orderBy: { implementationCode: "asc" },
    });
    expect(
      items.map((item) => [
        item.implementationCode.slice(0, 12),
        item.name,
        item.itemType,
        item.catalogItem.code,
        item.status,
        item.department.name,
      ]),
    ).toEqual([
      [
        "511A01380000",
        "适龄儿童、少年因身体状况需要延缓入学或者休学审批",
        "T01_LICENSING",
        "511A0138000000",
        "DRAFT",
        "广安区教科体局",
      ],
      ["E-000021-001", "企业名称争议裁决", "T09_ADJUDICATION", "E-000021-001", "DRAFT", "广安区市监局"],
      ["G-000007-001", "中职和本专科建档立卡特别资助项目", "T05_BENEFIT", "G-000007-001", "DRAFT", "广安区教科体局"],
    ]);
    for (const item of items) {
      expect(item.versions.map((version) => [version.number, version.status])).toEqual([[1, "DRAFT"]]);
      const content = item.versions[0]!.content as Record<string, unknown>;
      // Honest defaults: contacts are the department and the hotline; nothing invented.
      expect(content.consultation).toBe(`${item.department.name}；政务服务便民热线 12345`);
      expect(content.materials).toEqual([]);
      expect(content.fees).toEqual([]);
      expect((content.promised as { note: string }).note).toBe(PROMISED_NOTE);
    }
    // The department code is the body's unified social credit code from the data.
    expect(items[0]!.department.code).toBe("115113010833722043");

    const departments = await db().department.findMany({
      where: { serviceItems: { some: { implementationCode: { contains: "-511602000000-" } } } },
      select: { code: true },
    });
    expect(departments).toHaveLength(34);
    const tobacco = await db().department.findFirstOrThrow({ where: { name: "广安区烟草专卖局" } });
    expect(tobacco.code).toMatch(/^LOCAL-511602-[0-9a-f]{8}$/);
    const theme = await db().theme.findFirstOrThrow({ where: { name: "户口登记（包括注销、恢复、变更）" } });
    expect(theme.code).toMatch(/^[a-z-]{2,40}$/);

    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "catalogue.import" },
      orderBy: { id: "desc" },
    });
    expect(audit.actorId).toBeNull();
    expect(audit.after).toMatchObject({ created: 1135, format: "guangan-csv", operator: "tester", via: "cli" });
  });

  it("importing it again (as JSON this time) changes nothing", async () => {
    const before = await snapshot();
    const report = await run(JSON_FILE);
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({
      total: 1135,
      created: 0,
      updated: 0,
      unchanged: 1135,
      departmentsCreated: 0,
      themesCreated: 0,
      catalogItemsCreated: 0,
    });
    expect(await snapshot()).toEqual(before);
  });

  it("--publish makes the drafts live, searchable and audited; a second --publish changes nothing", async () => {
    const before = await snapshot();
    const report = await run(JSON_FILE, { publish: true });
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({ published: 1135, created: 0, unchanged: 0 });
    const item = await db().serviceItem.findUniqueOrThrow({
      where: { implementationCode: "E-000021-001-1111111111111111" },
      include: { versions: true },
    });
    expect(item.status).toBe("ACTIVE");
    expect(item.version).toBe(1);
    expect(item.versions.map((version) => version.status)).toEqual(["PUBLISHED"]);
    expect((await snapshot()).documents - before.documents).toBe(1135);

    const found = await searchCatalogue(db(), { q: "企业名称争议裁决", region: REGION, pageSize: 50, record: false });
    expect(found.items.map((hit) => hit.implementationCode)).toContain("E-000021-001-1111111111111111");
    const themed = await db().serviceItem.findUniqueOrThrow({
      where: {
        implementationCode: (
          await db().serviceItem.findFirstOrThrow({
            where: { themes: { some: { name: "户口登记（包括注销、恢复、变更）" } } },
          })
        ).implementationCode,
      },
      include: { themes: true },
    });
    expect(themed.themes.map((theme) => theme.name)).toEqual(["户口登记（包括注销、恢复、变更）"]);

    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "catalogue.import" },
      orderBy: { id: "desc" },
    });
    expect(audit.after).toMatchObject({ published: 1135, publish: true });
    expect((audit.after as { publishedItems: { code: string }[] }).publishedItems.map((entry) => entry.code)).toContain(
      "E-000021-001-1111111111111111",
    );

    const again = await snapshot();
    const second = await run(CSV, { publish: true });
    expect(second.summary).toMatchObject({ unchanged: 1135, published: 0 });
    expect(await snapshot()).toEqual(again);
  });
});

describe("a file with broken rows", () => {
  it("reports every bad row and field and writes nothing", async () => {
    const items = (await collectItems(db())).filter((item) => item.placement.status === "PUBLISHED").slice(0, 6);
    const csv = contentCsv(
      items.map((item) => ({
        ...item,
        content: { ...item.content, implementationCode: `${item.content.implementationCode}-NEW` },
      })),
    );
    const [header, ...rows] = parseCsv(csv, { bom: true }) as string[][];
    const column = (name: string) => header!.indexOf(name);
    const set = (row: string[], name: string, value: string) =>
      row.map((cell, index) => (index === column(name) ? value : cell));
    const broken = [
      set(rows[0]!, "itemType", "T99_UNKNOWN"), // row 2: bad type
      set(rows[1]!, "name", ""), // row 3: missing name
      set(rows[2]!, "implementationCode", rows[3]![column("implementationCode")]!), // row 4: the same code as row 5
      rows[3]!,
      set(rows[4]!, "materials", "[{not json"), // row 6: bad JSON cell
      set(rows[5]!, "departmentCode", "91510000MA00000000"), // row 7: no such department
    ];
    const file = Buffer.from(stringify([header!, ...broken]));
    const before = await snapshot();
    for (const dryRun of [true, false]) {
      const report = await importCatalogueFile(db(), file, {
        fileName: "broken.csv",
        dryRun,
        publish: false,
        actor: null,
        via: "cli",
      });
      expect(report.committed).toBe(false);
      const problems = report.problems.map(({ row, field, message }) => [row, field, message]);
      expect(problems).toEqual(
        expect.arrayContaining([
          [2, "itemType", "catalogueAdmin.errors.choice"],
          [3, "name", "catalogueAdmin.errors.required"],
          [5, "implementationCode", "catalogueImport.errors.duplicateCode"],
          [6, "materials", "catalogueImport.errors.json"],
          [7, "departmentCode", "catalogueImport.errors.unknownDepartment"],
        ]),
      );
      expect(report.problems.find((problem) => problem.row === 5)?.value).toContain("(4)");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses files it cannot read with a message, not an exception", async () => {
    const notJson = await importCatalogueFile(db(), Buffer.from("{ nope"), {
      fileName: "x.json",
      dryRun: false,
      publish: false,
      actor: null,
      via: "cli",
    });
    expect(notJson.problems).toEqual([{ row: 0, field: "_file", message: "catalogueImport.errors.notJson" }]);
    const unknownColumn = await importCatalogueFile(
      db(),
      Buffer.from("departmentCode,catalogItemCode,implementationCode,name,itemType,materals\n"),
      { fileName: "x.csv", dryRun: true, publish: false, actor: null, via: "cli" },
    );
    expect(unknownColumn.problems).toEqual([
      { row: 1, field: "materals", message: "catalogueImport.errors.unknownColumn" },
    ]);
    const notXlsx = await importCatalogueFile(db(), Buffer.from("PK\u0003\u0004garbage"), {
      fileName: "x.xlsx",
      dryRun: true,
      publish: false,
      actor: null,
      via: "cli",
    });
    expect(notXlsx.problems[0]?.message).toBe("catalogueImport.errors.notXlsx");
  });
});

describe("a standard guide with its implementations", () => {
  it("imports one item per implementation, reports an implementation's problems by its number, levels the catalogue item", async () => {
    const [city, county] = await Promise.all([
      db().department.findFirstOrThrow({ where: { regionCode: "511600000000", kind: "civil-affairs" } }),
      db().department.findFirstOrThrow({ where: { regionCode: "511602000000", kind: "civil-affairs" } }),
    ]);
    const [source] = (await collectItems(db())).filter((item) => item.placement.status === "PUBLISHED");
    // The shared guide: everything but what each implementation gives itself.
    const shared: Partial<NonNullable<typeof source>["content"]> = { ...source!.content };
    delete shared.implementationCode;
    delete shared.exerciseLevel;
    delete shared.windows;
    const window = (name: string) => ({
      name,
      address: "某路 1 号",
      phone: "0826-12345",
      hours: "工作日",
      transport: null,
    });
    const guide = (countyWindows: unknown[]) => ({
      ...shared,
      catalogItemCode: "SHARED-GUIDE-1",
      catalogItemName: "标准指南测试",
      status: "PUBLISHED",
      implementations: [
        {
          departmentCode: city.code,
          implementationCode: "SHARED-GUIDE-1-CITY",
          exerciseLevel: 3,
          windows: [window("市级窗口")],
        },
        {
          departmentCode: county.code,
          implementationCode: "SHARED-GUIDE-1-COUNTY",
          exerciseLevel: 4,
          windows: countyWindows,
        },
      ],
    });
    const importOf = (value: unknown) =>
      importCatalogueFile(db(), Buffer.from(JSON.stringify({ items: [value] })), {
        fileName: "shared.json",
        dryRun: false,
        publish: true,
        actor: null,
        via: "cli",
      });

    const before = await snapshot();
    const broken = await importOf(guide([{ name: "", address: "某路" }]));
    expect(broken.committed).toBe(false);
    expect(broken.problems.map(({ row, field }) => [row, field])).toEqual(
      expect.arrayContaining([[1, "implementations.2.windows.0.name"]]),
    );
    expect(broken.problems.every((problem) => problem.field.startsWith("implementations.2."))).toBe(true);
    expect(await snapshot()).toEqual(before);

    const report = await importOf(guide([window("区级窗口")]));
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({ total: 2, created: 2, published: 2, catalogItemsCreated: 1 });
    const items = await db().serviceItem.findMany({
      where: { catalogItem: { code: "SHARED-GUIDE-1" } },
      include: { windows: true, catalogItem: true },
      orderBy: { implementationCode: "asc" },
    });
    expect(items.map((item) => [item.implementationCode, item.regionCode, item.status, item.windows[0]?.name])).toEqual(
      [
        ["SHARED-GUIDE-1-CITY", "511600000000", "ACTIVE", "市级窗口"],
        ["SHARED-GUIDE-1-COUNTY", "511602000000", "ACTIVE", "区级窗口"],
      ],
    );
    expect(items[0]?.acceptanceConditions).toBe(source!.content.acceptanceConditions);
    expect(items[0]?.catalogItem.exerciseLevels).toEqual([3, 4]);
  });
});
