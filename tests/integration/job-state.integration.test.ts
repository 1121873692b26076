import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { jobHealth, listJobStates, recordJobRound } from "../../lib/jobs/job-state";
import { reportJobRoundsTo, startJobLoop } from "../../lib/jobs/loop";
import { actorFor } from "./cases-fixtures";

/** The administration's view of the background jobs (/admin/jobs): every loop's rounds reach job_state. */

afterEach(() => reportJobRoundsTo(null));

async function rowOf(name: string, instance: string) {
  return db().jobState.findUniqueOrThrow({ where: { name_instance: { name, instance } } });
}

describe("background job state", () => {
  it("a loop's failures are recorded with their message and count, and the next success clears them", async () => {
    const name = `test-job-${randomUUID().slice(0, 8)}`;
    const instance = "test-host:1";
    reportJobRoundsTo((round) => recordJobRound(round, { instance }));
    let attempt = 0;
    const rounds: Promise<void>[] = [];
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const stop = startJobLoop({
      name,
      intervalSeconds: 1,
      run: async () => {
        attempt++;
        if (attempt <= 2) throw new Error(`store unreachable (attempt ${attempt})`);
        if (attempt === 3) release();
      },
      onError: () => {},
    });
    await done;
    stop();
    await Promise.all(rounds);
    // The third round's record is written after the round; give it a moment.
    await expect.poll(async () => (await rowOf(name, instance)).consecutiveFailures, { timeout: 5000 }).toBe(0);
    const row = await rowOf(name, instance);
    expect(row.failures).toBe(2);
    expect(row.runs).toBe(3);
    expect(row.lastError).toBe("store unreachable (attempt 2)");
    expect(row.lastSucceededAt).not.toBeNull();
    expect(row.lastFailedAt).not.toBeNull();
  });

  it("writes successes at most once a minute but keeps their count", async () => {
    const name = `test-job-${randomUUID().slice(0, 8)}`;
    const instance = "test-host:2";
    const start = Date.parse("2026-12-07T02:00:00Z");
    const round = (at: number, ok = true) => ({ name, intervalSeconds: 10, ok, startedAt: at, finishedAt: at + 5 });
    await recordJobRound(round(start), { instance, now: start });
    await recordJobRound(round(start + 10_000), { instance, now: start + 10_000 });
    expect((await rowOf(name, instance)).runs).toBe(1);
    await recordJobRound(round(start + 61_000), { instance, now: start + 61_000 });
    expect((await rowOf(name, instance)).runs).toBe(3);
    await recordJobRound(round(start + 70_000, false), { instance, now: start + 70_000 });
    const failed = await rowOf(name, instance);
    expect([failed.runs, failed.failures, failed.consecutiveFailures]).toEqual([4, 1, 1]);
  });

  it("shows every known job to platform administrators only, with its health", async () => {
    const admin = await actorFor({ loginName: "admin" });
    const states = await listJobStates(admin);
    const names = new Set(states.map((state) => state.name));
    for (const job of ["deadlines", "notifications", "webhooks", "statistics", "audit-seal", "licence-expiry"])
      expect(names.has(job)).toBe(true);
    for (const loginName of ["clerk", "deptadmin", "supervisor"])
      await expect(listJobStates(await actorFor({ loginName }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listJobStates(null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("calls a job late after two intervals (short ones: the interval plus two minutes), failing while it fails", () => {
    const now = new Date("2026-12-07T02:00:00Z");
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    expect(jobHealth({ intervalSeconds: 3600, consecutiveFailures: 0, lastStartedAt: ago(7000) }, now)).toBe("ok");
    expect(jobHealth({ intervalSeconds: 3600, consecutiveFailures: 0, lastStartedAt: ago(7300) }, now)).toBe("late");
    expect(jobHealth({ intervalSeconds: 1, consecutiveFailures: 0, lastStartedAt: ago(100) }, now)).toBe("ok");
    expect(jobHealth({ intervalSeconds: 1, consecutiveFailures: 0, lastStartedAt: ago(200) }, now)).toBe("late");
    expect(jobHealth({ intervalSeconds: 1, consecutiveFailures: 2, lastStartedAt: ago(1) }, now)).toBe("failing");
    expect(jobHealth({ intervalSeconds: 1, consecutiveFailures: 0, lastStartedAt: null }, now)).toBe("neverRan");
  });
});
