import { afterEach, describe, expect, it, vi } from "vitest";
import { signals } from "../metrics/signals";
import { startJobLoop } from "./loop";

afterEach(() => {
  vi.useRealTimers();
  signals().jobs.clear();
});

describe("the job loop", () => {
  it("runs now and every interval, records successes and failures, and hands failures to the job", async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let round = 0;
    const stop = startJobLoop({
      name: "example",
      intervalSeconds: 10,
      run: async () => {
        round++;
        if (round === 2) throw new Error("round 2 failed");
      },
      onError: (error) => errors.push(error),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(signals().jobs.get("example")).toMatchObject({ runs: 1, failures: 0, running: false, intervalSeconds: 10 });
    const firstSuccess = signals().jobs.get("example")!.lastSucceededAt;
    expect(firstSuccess).not.toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(signals().jobs.get("example")).toMatchObject({ runs: 2, failures: 1, lastSucceededAt: firstSuccess });
    expect((errors[0] as Error).message).toBe("round 2 failed");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(signals().jobs.get("example")).toMatchObject({ runs: 3, failures: 1 });
    stop();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(round).toBe(3);
  });

  it("does not start a round while the last one is still going, and can wait for the first interval", async () => {
    vi.useFakeTimers();
    let started = 0;
    let finish = () => {};
    const stop = startJobLoop({
      name: "slow",
      intervalSeconds: 1,
      runAtStart: false,
      run: () => {
        started++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      onError: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toBe(0);
    expect(signals().jobs.get("slow")).toMatchObject({ runs: 0, lastStartedAt: null });
    await vi.advanceTimersByTimeAsync(3_500);
    expect(started).toBe(1);
    expect(signals().jobs.get("slow")?.running).toBe(true);
    finish();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(2);
    expect(signals().jobs.get("slow")?.runs).toBe(1);
    stop();
  });

  it("an interval of 0 switches the job off: no round, not listed", () => {
    const run = vi.fn(async () => undefined);
    startJobLoop({ name: "off", intervalSeconds: 0, run, onError: () => undefined })();
    expect(run).not.toHaveBeenCalled();
    expect(signals().jobs.has("off")).toBe(false);
  });
});
