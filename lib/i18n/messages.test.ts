import { describe, expect, it } from "vitest";
import { LOCALES } from "./config";
import { messagesFor } from "./messages";

function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

describe("message files", () => {
  it("give every locale exactly the same keys", () => {
    const first = new Set(keyPaths(messagesFor(LOCALES[0])));
    for (const locale of LOCALES.slice(1)) {
      const other = new Set(keyPaths(messagesFor(locale)));
      expect([...first].filter((key) => !other.has(key))).toEqual([]);
      expect([...other].filter((key) => !first.has(key))).toEqual([]);
    }
  });

  it("have no empty message", () => {
    for (const locale of LOCALES) {
      const empty = keyPaths(messagesFor(locale)).filter((path) => {
        const value = path
          .split(".")
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messagesFor(locale));
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });
});
