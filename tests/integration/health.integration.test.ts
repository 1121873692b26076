import { describe, expect, it, vi } from "vitest";

describe("database health check", () => {
  it("answers true while the database is up", async () => {
    const { checkDatabase } = await import("../../lib/db/health");
    expect(await checkDatabase()).toBe(true);
  });

  it("answers false, without throwing, when the database is unreachable", async () => {
    vi.resetModules();
    const saved = process.env.DATABASE_URL;
    // A port nothing listens on: connection refused.
    process.env.DATABASE_URL = "postgresql://nobody:nothing@127.0.0.1:1/none";
    (globalThis as { onewindowDb?: unknown }).onewindowDb = undefined;
    try {
      const { checkDatabase } = await import("../../lib/db/health");
      expect(await checkDatabase()).toBe(false);
    } finally {
      const { db } = await import("../../lib/db/client");
      await db().$disconnect();
      (globalThis as { onewindowDb?: unknown }).onewindowDb = undefined;
      process.env.DATABASE_URL = saved;
      vi.resetModules();
    }
  });
});
