import "server-only";
import { stringify } from "csv-stringify/sync";
import writeXlsxFile from "write-excel-file/node";

/**
 * The one place the app writes CSV and XLSX files (audit trail, statistics and supervision tables, the open-data
 * catalogue, the catalogue content export). Every writer goes through toCsv / toXlsx, so every text cell is
 * neutralised against formula injection (pen test, point 4: a forged client address `=HYPERLINK(…)` in the audit
 * export became a live link). Only this module may import csv-stringify or write-excel-file; spreadsheet.test.ts
 * fails when another file does, so a new export cannot forget.
 *
 * Neutralising follows OWASP (CSV Injection): a text cell that starts with a character a spreadsheet program
 * reads as the start of a formula gets a single quote `'` in front, which makes the program treat it as text.
 *   - `=` `+` `-` `@`, tab (0x09) and CR (0x0D): the OWASP list.
 *   - LF (0x0A): not on the OWASP list; it is the other line break a cell can start with, and we did not verify
 *     how every program treats a cell that starts with one, so it is treated like CR (cheap to include).
 *   - Full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20): spreadsheet programs used with a Chinese or Japanese
 *     input method are reported to take a typed ＝ as `=`, and we cannot rule out that one (Excel or WPS in a
 *     Chinese locale) does the same when it reads a file. Our users are in China, the cost is only a quote before
 *     the rare value that starts with one of them, and the catalogue import removes it again (restoreCell), so
 *     we include them.
 *   - A value that already starts with quotes followed by one of these (`'=1`) gets one more quote, so that
 *     restoreCell can tell our quote from the user's and the catalogue round trip stays lossless.
 * Only strings are neutralised: numbers (a negative figure written as a number stays -5, a number cell), null and
 * undefined (empty cells) pass through; the string "-5" (from user input) is neutralised like any other text.
 *
 * XLSX: write-excel-file writes strings as typed text cells (t="s", shared strings), which a spreadsheet program
 * opens as text, not as a formula; but a user who edits such a cell (F2, Enter) turns it into a live formula. The same quote is added there too, so both table formats hold the same text and the importer
 * undoes it the same way. No cell is ever written as a formula.
 */

/** A cell as the writers hand it over: text (neutralised), a number (kept a number), or empty. */
export type Cell = string | number | null | undefined;

// The characters that make a spreadsheet program read a cell as a formula (see above): = + - @ tab CR LF ＝ ＋ － ＠.
/** Text that needs a quote: any number of quotes (possibly none), then a formula character. */
const NEEDS_QUOTE = /^'*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Text that got one from neutraliseCell: at least one quote, then a formula character. */
const QUOTED = /^'+[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The text as it may be written into a CSV or XLSX cell: with a leading `'` if it could start a formula. */
export function neutraliseCell(value: string): string {
  return NEEDS_QUOTE.test(value) ? `'${value}` : value;
}

/**
 * Undoes neutraliseCell: restoreCell(neutraliseCell(value)) === value for every string. Only for reading back
 * files this app wrote (the catalogue import of its own CSV/XLSX export), never for displaying a cell.
 */
export function restoreCell(value: string): string {
  return QUOTED.test(value) ? value.slice(1) : value;
}

/**
 * A CSV file: a header row, then the rows. UTF-8 with a byte-order mark so spreadsheet programs open the Chinese
 * text correctly; strings neutralised, numbers written as numbers, null/undefined as empty cells.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify([columns, ...rows] as Cell[][], { bom: true, cast: { string: neutraliseCell } });
}

/** An XLSX workbook with one sheet: a bold header row, then the rows (strings neutralised, numbers as numbers). */
export async function toXlsx(
  sheet: string,
  columns: readonly string[],
  rows: readonly (readonly Cell[])[],
): Promise<Buffer> {
  const header = columns.map((value) => ({ value: neutraliseCell(value), type: String, fontWeight: "bold" as const }));
  const body = rows.map((row) =>
    row.map((cell) =>
      cell === null || cell === undefined
        ? null
        : typeof cell === "number"
          ? { value: cell, type: Number }
          : { value: neutraliseCell(cell), type: String },
    ),
  );
  // Excel refuses sheet names longer than 31 characters.
  return writeXlsxFile([{ sheet: sheet.slice(0, 31), data: [header, ...body] }]).toBuffer();
}
