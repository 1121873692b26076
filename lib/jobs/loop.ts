import { jobFinished, jobStarted, registerJob } from "../metrics/signals";

/** One finished round, as the loop reports it to the recorder (lib/jobs/job-state.ts in the jobs process). */
export type JobRound = {
  name: string;
  intervalSeconds: number;
  ok: boolean;
  startedAt: number;
  finishedAt: number;
  error?: unknown;
};

let recorder: ((round: JobRound) => Promise<void>) | null = null;

/**
 * Where every loop reports its rounds: the jobs process sets lib/jobs/job-state.ts's recordJobRound at start, so the
 * administration sees every job's state (/admin/jobs); tests that start a loop without it record nothing.
 */
export function reportJobRoundsTo(record: ((round: JobRound) => Promise<void>) | null): void {
  recorder = record;
}

/**
 * The one loop every background job of the jobs process runs in (scripts/jobs.ts): a round now (unless
 * `runAtStart` is false) and then every `intervalSeconds`; a round still going when the next is due is not started
 * twice; a failed round is handed to `onError` (the job logs it in its own words) and the loop goes on. Every round
 * is recorded for the metrics and the operators' readiness detail (lib/metrics/signals.ts: runs, failures, duration,
 * lag), so all jobs are measured the same way at this one place, and reported to the recorder (reportJobRoundsTo)
 * for the administration's view. Returns a stop function; the timer is unref'd so
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
    let failure: unknown;
    try {
      await run();
      ok = true;
    } catch (error) {
      failure = error;
      onError(error);
    } finally {
      jobFinished(name, { ok, startedAt });
      running = false;
      void recorder?.({ name, intervalSeconds, ok, startedAt, finishedAt: Date.now(), error: failure });
    }
  };
  if (runAtStart) void round();
  const timer = setInterval(() => void round(), intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
