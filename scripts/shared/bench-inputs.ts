// Inputs the benchmarks share, so their figures are about the same things.
import { randomBytes } from "node:crypto";
import { pinyin } from "pinyin-pro";
import { demoServiceNames } from "../../prisma/seed/seed";

/** 200 queries people type: whole names, fragments, pinyin, initials, and misspellings. */
export function benchmarkQueries(): string[] {
  const names = demoServiceNames();
  const queries: string[] = [];
  for (const name of names) {
    queries.push(name, name.slice(0, 4), pinyin(name.slice(0, 4), { toneType: "none", type: "array" }).join(""));
    queries.push(pinyin(name.slice(0, 5), { pattern: "first", toneType: "none", type: "array" }).join(""));
    queries.push(`${name.slice(0, 2)}${name.slice(3, 6)}`);
  }
  return Array.from({ length: 200 }, (_, index) => queries[(index * 7) % queries.length] ?? "社保");
}

/** A valid PDF of about `bytes` bytes (one uncompressed stream of random bytes), different every time, like a scan. */
export function onePdf(bytes: number): Buffer {
  const payload = randomBytes(bytes).toString("hex").slice(0, bytes);
  const objects = [
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj",
    `4 0 obj << /Length ${payload.length} >> stream\n${payload}\nendstream endobj`,
  ];
  return Buffer.from(`%PDF-1.4\n${objects.join("\n")}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, "latin1");
}
