import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import readXlsxFile from "read-excel-file/node";
import { describe, expect, it } from "vitest";
import { type Cell, neutraliseCell, restoreCell, toCsv, toXlsx } from "./spreadsheet";

/** Values that must not reach a spreadsheet as a formula, and what the cell must hold instead. */
const DANGEROUS: [string, string][] = [
  ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
  ["+1+1", "'+1+1"],
  ["-2+3", "'-2+3"],
  ["-5", "'-5"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\t=1", "'\t=1"],
  ["\r=1", "'\r=1"],
  ["\n=1", "'\n=1"],
  ["＝1", "'＝1"],
  ["＋1", "'＋1"],
  ["－1", "'－1"],
  ["＠SUM(A1)", "'＠SUM(A1)"],
  ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  // The user's own quote before a formula character gets one more, so the importer can take ours off exactly.
  ["'=1", "''=1"],
  ["''-2", "'''-2"],
];

/** Values written unchanged. */
const HARMLESS = [
  "plain text",
  "",
  "营业执照核发（设立登记）",
  "申请人：张三 — =不是公式",
  'He said "hi", twice',
  "two\nlines",
  "a,b;c",
  "'quoted but harmless",
  "'",
  " =1",
  "1-2",
  "10.0.0.7",
  "2025-01-01T00:00:00.000Z",
  '{"status":"ACCEPTED"}',
];

describe("neutraliseCell / restoreCell", () => {
  it.each(DANGEROUS)("quotes %j", (value, written) => {
    expect(neutraliseCell(value)).toBe(written);
    expect(restoreCell(written)).toBe(value);
  });

  it.each(HARMLESS.map((value) => [value]))("leaves %j alone", (value) => {
    expect(neutraliseCell(value)).toBe(value);
    expect(restoreCell(value)).toBe(value);
  });

  it("round-trips every value exactly, whatever quotes it starts with", () => {
    const values = [...DANGEROUS.flat(), ...HARMLESS, "'''", "'a", "''a", "'''＝"];
    for (const value of values) expect(restoreCell(neutraliseCell(value))).toBe(value);
  });
});

const COLUMNS = ["text", "number"];
const ROWS: Cell[][] = [
  ...DANGEROUS.map(([value]) => [value, 1]),
  ...HARMLESS.map((value) => [value, 2]),
  ["negative number", -5],
  ["negative fraction", -0.25],
  ["null", null],
  ["undefined", undefined],
];

describe("toCsv", () => {
  const csv = toCsv(COLUMNS, ROWS);
  const [header, ...rows] = parseCsv(csv, { bom: true, relax_quotes: false }) as string[][];

  it("writes a UTF-8 byte-order mark and the header", () => {
    expect(csv.startsWith("\uFEFFtext,number\n")).toBe(true);
    expect(header).toEqual(COLUMNS);
    expect(rows).toHaveLength(ROWS.length);
  });

  it("neutralises every text cell that could start a formula and keeps the rest byte for byte", () => {
    for (const [index, [, written]] of DANGEROUS.entries()) expect(rows[index]?.[0]).toBe(written);
    for (const [index, value] of HARMLESS.entries()) expect(rows[DANGEROUS.length + index]?.[0]).toBe(value);
  });

  it("no text cell of the file starts with a formula character", () => {
    for (const row of rows) expect(row[0]).not.toMatch(/^[=+\-@\t\r\n＝＋－＠]/);
  });

  it("writes numbers as numbers (a negative figure is not quoted) and null/undefined as empty cells", () => {
    const tail = rows.slice(-4);
    expect(tail).toEqual([
      ["negative number", "-5"],
      ["negative fraction", "-0.25"],
      ["null", ""],
      ["undefined", ""],
    ]);
    expect(csv).toContain("\nnegative number,-5\n");
  });

  it("reads back to the original values after restoreCell", () => {
    const back = rows.map((row) => row[0] && restoreCell(row[0]));
    expect(back).toEqual(ROWS.map((row) => row[0]));
  });
});

describe("toXlsx", () => {
  it("writes the same neutralised text, numbers as numbers, and no formula", async () => {
    const buffer = await toXlsx("a sheet name that is far too long for Excel", COLUMNS, ROWS);
    // read-excel-file trims text by default; the cells as written are what matters here.
    const [sheet] = await readXlsxFile(buffer, { trim: false });
    expect(sheet?.sheet).toBe("a sheet name that is far too lo");
    const [header, ...rows] = sheet!.data;
    expect(header).toEqual(COLUMNS);
    for (const [index, [, written]] of DANGEROUS.entries()) expect(rows[index]?.[0]).toBe(written);
    for (const [index, value] of HARMLESS.entries()) expect(rows[DANGEROUS.length + index]?.[0] ?? "").toBe(value);
    expect(rows.slice(-4).map((row) => row[1])).toEqual([-5, -0.25, null, null]);
    expect(buffer.includes("<f>")).toBe(false);
  });
});

/**
 * The guard that makes this module the only way to write a table file: any other file in app/, components/,
 * lib/ or scripts/ that imports csv-stringify or write-excel-file (and could skip the neutralising) fails here.
 * Tests may build hand-made files for the importer.
 */
describe("every CSV/XLSX writer goes through lib/export/spreadsheet.ts", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const self = path.join("lib", "export", "spreadsheet.ts");
  const walk = (dir: string): string[] =>
    readdirSync(path.join(root, dir)).flatMap((name) => {
      const relative = path.join(dir, name);
      if (name === "node_modules" || name === "generated" || name.startsWith(".")) return [];
      if (statSync(path.join(root, relative)).isDirectory()) return walk(relative);
      return /\.(ts|tsx|mts|mjs|js)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [relative] : [];
    });

  it("no other source file imports a CSV or XLSX writer", () => {
    const files = ["app", "components", "lib", "scripts"].flatMap(walk);
    expect(files).toContain(self);
    const offenders = files.filter(
      (file) =>
        file !== self &&
        /from\s+["'](csv-stringify|write-excel-file)|import\(\s*["'](csv-stringify|write-excel-file)|require\(\s*["'](csv-stringify|write-excel-file)/.test(
          readFileSync(path.join(root, file), "utf8"),
        ),
    );
    expect(offenders).toEqual([]);
  });
});
