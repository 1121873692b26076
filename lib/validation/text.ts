import { z } from "zod";

/**
 * The one text primitive of every input schema (penetration test points 9 and 11). Whatever a person or a client
 * types — a name, a title, a note, a search, a code — passes through `text()` (or `nameText()`), so three kinds of
 * character never reach the database, a PDF, a CSV export or another person's screen:
 *
 * - **Control characters**: C0 (U+0000–U+001F) except tab, line feed and carriage return in multi-line text,
 *   DEL and C1 (U+007F–U+009F). PostgreSQL refuses NUL in text ("invalid byte sequence for encoding UTF8: 0x00"),
 *   which turned a hostile `q=%00` into a 500; the others corrupt terminals, logs and exports.
 * - **Invisible formatting**: the bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069
 *   isolates, U+200E/U+200F/U+061C marks) and U+FEFF. A U+202E in a company name makes "…公司\u202Egpj.exe" read
 *   backwards on the clerk's screen and in the certificate (the "Trojan Source" trick, CVE-2021-42574). Nothing
 *   this portal publishes needs them: Chinese and English run left to right.
 * - Lone surrogate halves and the noncharacters U+FFFE/U+FFFF, which no keyboard produces.
 *
 * Single-line text (the default) also refuses tabs and line breaks, with their own message, since a pasted line
 * break is a person's mistake rather than an attack. Names (`nameText`) further refuse the zero-width characters
 * (U+200B–U+200D, U+2060, soft hyphen U+00AD) that make two different names look identical.
 *
 * Messages are keys of the `errors.text` namespace of the core message files, so they read in either language and
 * reach the browser with the rest of `errors`.
 */

export const TEXT_ERRORS = {
  /** Control or invisible formatting characters. */
  control: "errors.text.control",
  /** A tab or line break in single-line text. */
  lineBreak: "errors.text.lineBreak",
} as const;

export type TextKind = "line" | "multiline" | "name";

const CONTROL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]|\p{Surrogate}/u;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/u;
const ZERO_WIDTH = /[\u00AD\u200B-\u200D\u2060]/u;

/** What is wrong with `value` as text of this kind (a message key of TEXT_ERRORS), or null when it is clean. */
export function unsafeTextProblem(
  value: string,
  kind: TextKind = "line",
): (typeof TEXT_ERRORS)[keyof typeof TEXT_ERRORS] | null {
  if (CONTROL.test(value)) return TEXT_ERRORS.control;
  if (kind === "name" && ZERO_WIDTH.test(value)) return TEXT_ERRORS.control;
  if (kind !== "multiline" && LINE_BREAK.test(value)) return TEXT_ERRORS.lineBreak;
  return null;
}

export function isSafeText(value: string, kind: TextKind = "line"): boolean {
  return unsafeTextProblem(value, kind) === null;
}

export type TextOptions = {
  /** Line breaks and tabs are allowed (descriptions, notes, reasons, answers). Default: one line. */
  multiline?: boolean;
  /** Leading and trailing whitespace is removed first (default). Off for values compared exactly (tokens). */
  trim?: boolean;
  /** Message key when the value is not a string at all (absent or another type); zod's own otherwise. */
  typeMessage?: string;
};

function build(kind: TextKind, { trim = true, typeMessage }: Omit<TextOptions, "multiline">) {
  const base = z.string(typeMessage ? { message: typeMessage } : undefined);
  return (trim ? base.trim() : base).superRefine((value, ctx) => {
    const problem = unsafeTextProblem(value, kind);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/**
 * A string of text as every schema accepts it: trimmed, then refused with a clear message when it holds control or
 * invisible formatting characters (see above). Chain the field's own rules: `text().min(1, "errors.required").max(100,
 * "errors.tooLong")`, `text({ multiline: true }).max(2000, …)`, `text().regex(…)`.
 */
export function text(options: TextOptions = {}) {
  return build(options.multiline ? "multiline" : "line", options);
}

/** The name of a person or a company: one line, and none of the zero-width characters either (see above). */
export function nameText(options: Omit<TextOptions, "multiline"> = {}) {
  return build("name", options);
}
