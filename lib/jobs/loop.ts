import { jobFinished, jobStarted, registerJob } from "../metrics/signals";

/**
 * The one loop every background job of the jobs process runs in (scripts/jobs.ts): a round now (unless
 * `runAtStart` is false) and then every `intervalSeconds`; a round still going when the next is due is not started
 * twice; a failed round is handed to `onError` (the job logs it in its own words) and the loop goes on. Every round
 * is recorded for the metrics and the operators' readiness detail (lib/metrics/signals.ts: runs, failures, duration,
 * lag), so all jobs are measured the same way at this one place. Returns a stop function; the timer is unref'd so
 * tests can start a loop without it keeping them alive.
 */
export function startJobLoop({
  name,
  intervalSeconds,
  run,
  onError,
  runAtStart = true,
}: {
  /** Fixed job name, the metrics' `job_name` label. */
  name: string;
  intervalSeconds: number;
  run: () => Promise<unknown>;
  onError: (error: unknown) => void;
  runAtStart?: boolean;
}): () => void {
  if (intervalSeconds <= 0) return () => {};
  registerJob(name, intervalSeconds);
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    const startedAt = Date.now();
    jobStarted(name, startedAt);
    let ok = false;
    try {
      await run();
      ok = true;
    } catch (error) {
      onError(error);
    } finally {
      jobFinished(name, { ok, startedAt });
      running = false;
    }
  };
  if (runAtStart) void round();
  const timer = setInterval(() => void round(), intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
