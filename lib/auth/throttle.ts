import type { Db } from "../db/client";
import { countRateLimitRefusal } from "../metrics/signals";

/**
 * Sign-in throttling, counted in login_throttle (shared by every instance).
 *
 * - Per account: every identifier of one account (phone, ID number, login name) shares one budget, keyed by the
 *   account's id; an identifier that names no account has a budget of its own, so the answer is the same.
 * - Atomic: a guess is counted by the same statement that checks the budget (INSERT … ON CONFLICT DO UPDATE …
 *   WHERE, which locks the row), before the password is compared; a right password gives it back. Checking first
 *   and recording afterwards let concurrent guesses all pass the check.
 * - Progressive, never a hard lock: `maxPerAccount` failures are free; after that each further try must wait
 *   twice as long as the one before (1, 2, 4 … minutes, at most the window), and failures are forgotten after a
 *   whole window without one. Someone guessing at another's account can only slow it, and an address that signed in
 *   to the account before keeps a budget of its own (`knownAddress`), so the owner is not shut out by a stranger.
 * - Per address: `maxPerIp` free failures, then the same progressive delay.
 */
export type ThrottleLimits = { maxPerAccount: number; maxPerIp: number; windowMinutes: number };

export type ThrottleVerdict =
  | { blocked: false; release: (success: boolean) => Promise<void>; refund: () => Promise<void> }
  | { blocked: true; scope: "account" | "ip"; retryAfterSeconds: number };

type Store = Pick<Db, "$queryRaw" | "$executeRaw">;

/** The first delay once the free failures are used up, in seconds; it doubles with each further failure. */
export const FIRST_DELAY_SECONDS = 60;

/**
 * Takes one guess from the budgets of `accountKey` and `ip`, or says how long to wait. When allowed, call
 * `release(success)` once the password was checked: a success clears the account's failures and gives the
 * address its guess back; a failure leaves both counted. `refund()` gives this one guess back to both without
 * clearing anything (a step that was no guess: a right password whose second-factor code is still to come).
 */
export async function reserveSignInAttempt(
  store: Store,
  { accountKey, ip, limits }: { accountKey: string; ip: string; limits: ThrottleLimits },
): Promise<ThrottleVerdict> {
  const ipKey = `ip:${ip}`;
  const ipWait = await reserve(store, ipKey, limits.maxPerIp, limits.windowMinutes);
  if (ipWait !== null) return refused("ip", ipWait);
  const accountWait = await reserve(store, accountKey, limits.maxPerAccount, limits.windowMinutes);
  if (accountWait !== null) {
    await giveBack(store, ipKey);
    return refused("account", accountWait);
  }
  return {
    blocked: false,
    async release(success) {
      if (!success) return;
      await store.$executeRaw`DELETE FROM login_throttle WHERE key = ${accountKey}`;
      await giveBack(store, ipKey);
    },
    async refund() {
      await giveBack(store, accountKey);
      await giveBack(store, ipKey);
    },
  };
}

/** A refusal, counted for the metrics under the scope's fixed name (lib/metrics/signals.ts). */
function refused(scope: "account" | "ip", retryAfterSeconds: number): ThrottleVerdict {
  countRateLimitRefusal(`sign-in-${scope}`);
  return { blocked: true, scope, retryAfterSeconds };
}

/** The throttle key of an account: its own budget for an address it signed in from before, else the shared one. */
export function accountThrottleKey(account: string, knownAddress: string | null): string {
  return knownAddress ? `${account}@${knownAddress}` : account;
}

/** Counts one failure in advance for `key`: null when allowed, else the seconds to wait. */
async function reserve(store: Store, key: string, free: number, windowMinutes: number): Promise<number | null> {
  // The delay before the next try once `failures` ≥ free: FIRST_DELAY · 2^(failures − free), at most the window
  // (the exponent is capped so the arithmetic stays small).
  const counted = await store.$queryRaw<{ failures: number }[]>`
    INSERT INTO login_throttle AS t (key, failures, last_failure_at)
    VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.last_failure_at <= now() - make_interval(mins => ${windowMinutes}::int) THEN 1 ELSE t.failures + 1 END,
      last_failure_at = now()
    WHERE t.last_failure_at <= now() - make_interval(mins => ${windowMinutes}::int)
       OR t.failures < ${free}::int
       OR now() >= t.last_failure_at + least(
            make_interval(secs => ${FIRST_DELAY_SECONDS}::int * power(2, least(t.failures - ${free}::int, 20))),
            make_interval(mins => ${windowMinutes}::int))
    RETURNING failures`;
  if (counted.length > 0) return null;
  const [waiting] = await store.$queryRaw<{ seconds: number }[]>`
    SELECT ceil(extract(epoch FROM (t.last_failure_at + least(
             make_interval(secs => ${FIRST_DELAY_SECONDS}::int * power(2, least(t.failures - ${free}::int, 20))),
             make_interval(mins => ${windowMinutes}::int))) - now()))::int AS seconds
    FROM login_throttle t WHERE t.key = ${key}`;
  return Math.max(1, waiting?.seconds ?? 1);
}

async function giveBack(store: Store, key: string): Promise<void> {
  await store.$executeRaw`UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ${key}`;
}
