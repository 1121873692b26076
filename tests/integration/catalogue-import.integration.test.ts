import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { importCatalogueFile } from "../../lib/catalogue/import/importer";

const DATA = path.resolve(import.meta.dirname, "../../../shared/data/guangan-items");

describe("importing the Guang'an district catalogue", () => {
  it("imports 1,135 items as drafts", async () => {
    const bytes = await readFile(path.join(DATA, "sichuan-guangan-items.csv"));
    const started = performance.now();
    const report = await importCatalogueFile(db(), bytes, { fileName: "sichuan-guangan-items.csv", dryRun: false, publish: true, actor: null, operator: "test", via: "cli", onProgress: (phase, done, total) => { if (done === total || done === 0) console.log(phase, done, total, Math.round(performance.now() - started)); } });
    console.log(report.summary, report.problems.slice(0, 5), Math.round(performance.now() - started));
    expect(report.committed).toBe(true);
  });
});
