import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { jobStatuses, migrationFolders, migrationStatus } from "./readiness";
import { jobFinished, jobStarted, registerJob, signals } from "./signals";

const at = new Date("2026-12-07T00:00:00Z");
const applied = (name: string, finished: Date | null = at, rolledBack: Date | null = null) => ({
  migration_name: name,
  finished_at: finished,
  rolled_back_at: rolledBack,
});

describe("migrations current", () => {
  it("when every folder is applied and nothing failed", () => {
    expect(migrationStatus([applied("1_init"), applied("2_more")], ["1_init", "2_more"])).toEqual({
      current: true,
      pending: [],
      unknown: [],
      failed: [],
      applied: 2,
      expected: 2,
    });
  });

  it("not when a folder is not applied, or an applied one failed; a rolled-back attempt does not count", () => {
    const status = migrationStatus(
      [applied("1_init"), applied("2_more", null, at), applied("3_broken", null)],
      ["1_init", "2_more", "3_broken"],
    );
    expect(status).toMatchObject({ current: false, pending: ["2_more", "3_broken"], failed: ["3_broken"], applied: 1 });
  });

  it("reports applied migrations the code does not know (a newer database) without calling the code behind", () => {
    expect(migrationStatus([applied("1_init"), applied("9_future")], ["1_init"])).toMatchObject({
      current: true,
      unknown: ["9_future"],
    });
  });

  const dir = mkdtempSync(path.join(tmpdir(), "ow-migrations-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("folders are those holding a migration.sql, as prisma migrate deploy reads them", () => {
    for (const name of ["20260101000000_init", "20260201000000_next"]) {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, "migration.sql"), "SELECT 1;");
    }
    mkdirSync(path.join(dir, "20260301000000_unfinished"));
    writeFileSync(path.join(dir, "migration_lock.toml"), "");
    expect(migrationFolders(dir)).toEqual(["20260101000000_init", "20260201000000_next"]);
    expect(migrationFolders(path.join(import.meta.dirname, "..", "..", "prisma", "migrations")).length).toBeGreaterThan(
      5,
    );
  });
});

describe("jobs on time", () => {
  afterEach(() => signals().jobs.clear());

  it("a job is on time until its last success began two intervals (or one interval and a minute) ago", () => {
    const start = at.getTime();
    registerJob("deadlines", 300, start);
    registerJob("webhooks", 10, start);
    jobStarted("deadlines", start);
    jobFinished("deadlines", { ok: true, startedAt: start, now: start + 2000 });
    jobStarted("webhooks", start);
    jobFinished("webhooks", { ok: false, startedAt: start, now: start + 1000 });

    const soon = Object.fromEntries(jobStatuses(start + 60_000).map((job) => [job.name, job]));
    expect(soon.deadlines).toMatchObject({
      onTime: true,
      lagSeconds: 0,
      runs: 1,
      failures: 0,
      lastSucceededAt: at.toISOString(),
      running: false,
    });
    // Never succeeded: measured from when its loop started; 60 s past its 10 s interval is still within the minute.
    expect(soon.webhooks).toMatchObject({
      onTime: true,
      lagSeconds: 50,
      runs: 1,
      failures: 1,
      lastSucceededAt: null,
      lastFailedAt: new Date(start + 1000).toISOString(),
    });

    const later = Object.fromEntries(jobStatuses(start + 601_000).map((job) => [job.name, job]));
    expect(later.deadlines).toMatchObject({ onTime: false, lagSeconds: 301 });
    expect(later.webhooks).toMatchObject({ onTime: false, lagSeconds: 591 });
  });
});
