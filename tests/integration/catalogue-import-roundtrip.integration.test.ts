import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../lib/audit/audit";
import {
  collectItems,
  contentCsv,
  contentJson,
  contentXlsx,
  type ExportedItem,
} from "../../lib/catalogue/import/export-content";
import { importCatalogueFile } from "../../lib/catalogue/import/importer";
import { contentFromLive } from "../../lib/catalogue/projection";
import { db } from "../../lib/db/client";

/**
 * Export → import without loss: the seeded catalogue (every guide field, materials, situations, fees, windows …)
 * exported in each format, imported into a database whose catalogue is empty (regions, departments and themes
 * are reference data and stay), and compared field by field with what was exported.
 */

async function emptyCatalogue() {
  await db().$executeRawUnsafe("TRUNCATE catalog_item, service_item CASCADE");
}

async function importedContents() {
  const versions = await db().itemVersion.findMany({
    select: { content: true, status: true, serviceItem: { select: { implementationCode: true } } },
  });
  return new Map(versions.map((version) => [version.serviceItem.implementationCode, version]));
}

function expectSame(
  exported: ExportedItem[],
  imported: Map<string, { content: unknown; status: string }>,
  status: string,
) {
  expect(imported.size).toBe(exported.length);
  for (const item of exported) {
    const version = imported.get(item.content.implementationCode);
    expect(version?.status).toBe(status);
    expect(canonicalJson(version?.content)).toBe(canonicalJson(item.content));
  }
}

describe("catalogue export → import round trip", () => {
  let exported: ExportedItem[] = [];
  let files: Record<"json" | "csv" | "xlsx", Buffer>;

  beforeAll(async () => {
    exported = await collectItems(db());
    files = {
      json: Buffer.from(contentJson(exported)),
      csv: Buffer.from(contentCsv(exported)),
      xlsx: await contentXlsx(exported),
    };
  }, 300_000);

  it("exports the rich seeded guides", () => {
    expect(exported.length).toBeGreaterThan(200);
    // The round trip covers materials, situations, fees, windows and FAQs.
    expect(
      exported.some(
        (item) => item.content.situations.length > 0 && item.content.fees.length > 0 && item.content.windows.length > 0,
      ),
    ).toBe(true);
  });

  for (const format of ["json", "csv", "xlsx"] as const) {
    it(`loses nothing in ${format.toUpperCase()}`, async () => {
      await emptyCatalogue();
      const report = await importCatalogueFile(db(), files[format], {
        fileName: `catalogue.${format}`,
        dryRun: false,
        publish: false,
        actor: null,
        via: "cli",
      });
      expect(report.problems).toEqual([]);
      expect(report.summary.created).toBe(exported.length);
      expectSame(exported, await importedContents(), "DRAFT");
      // The re-export reads back the same content, so a second round trip is identical too.
      expect(canonicalJson((await collectItems(db())).map((item) => item.content))).toBe(
        canonicalJson(exported.map((item) => item.content)),
      );
    }, 300_000);
  }

  it("takes the export's formula quote off again: text starting with = + - @ ＝ － or a quote comes back unchanged", async () => {
    // Every export quotes text that could start a spreadsheet formula (lib/export/spreadsheet.ts); the importer
    // removes exactly that quote, and a quote the author typed themselves survives.
    const FORMULAS = {
      name: '=HYPERLINK("http://x.example/","办理")',
      nameEn: "@SUM(A1)",
      acceptanceConditions: "-2+3 申请人须年满十八周岁",
      consultation: "＝1 咨询电话 12345",
      windowProcess: "'=the author's own quote",
      feeBasis: "+1+1",
    };
    const items = exported.slice(0, 3).map((item) => ({
      ...item,
      content: { ...item.content, ...FORMULAS, promised: { ...item.content.promised, note: "－见办理须知" } },
    }));
    const written = { csv: Buffer.from(contentCsv(items)), xlsx: await contentXlsx(items) };
    expect(written.csv.toString("utf8")).toContain(`"'=HYPERLINK(""http://x.example/"",""办理"")"`);
    expect(written.csv.toString("utf8")).toContain("''=the author's own quote");
    for (const format of ["csv", "xlsx"] as const) {
      await emptyCatalogue();
      const report = await importCatalogueFile(db(), written[format], {
        fileName: `formulas.${format}`,
        dryRun: false,
        publish: false,
        actor: null,
        via: "cli",
      });
      expect(report.problems).toEqual([]);
      expectSame(items, await importedContents(), "DRAFT");
    }
  }, 300_000);

  it("with --publish, the records marked PUBLISHED go live and the live guide is exactly the content", async () => {
    await emptyCatalogue();
    const report = await importCatalogueFile(db(), files.json, {
      fileName: "catalogue.json",
      dryRun: false,
      publish: true,
      actor: null,
      via: "cli",
    });
    expect(report.problems).toEqual([]);
    expect(report.summary.published).toBe(exported.length);
    expectSame(exported, await importedContents(), "PUBLISHED");
    const rich = exported.find((item) => item.content.situations.length > 0 && item.content.themeCodes.length > 0)!;
    const live = await db().serviceItem.findUniqueOrThrow({
      where: { implementationCode: rich.content.implementationCode },
    });
    expect(live.status).toBe("ACTIVE");
    const projected = await db().$transaction((tx) => contentFromLive(tx, live.id));
    expect(canonicalJson({ ...projected, form: null, workflow: null })).toBe(
      canonicalJson({ ...rich.content, form: null, workflow: null }),
    );
    expect(await db().searchDocument.count()).toBe(exported.length);
  }, 300_000);
});
