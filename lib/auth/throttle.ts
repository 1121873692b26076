import type { Db } from "../db/client";

/**
 * Sign-in throttling. An account is blocked after `maxPerAccount` failures since its last success inside the
 * window; an IP after `maxPerIp` failures inside the window. Attempts are rows in login_attempt, so every app
 * instance sees the same counts.
 */
export type ThrottleLimits = { maxPerAccount: number; maxPerIp: number; windowMinutes: number };

export type ThrottleVerdict = { blocked: false } | { blocked: true; scope: "account" | "ip"; retryAfterSeconds: number };

type AttemptStore = Pick<Db, "loginAttempt">;

export async function checkThrottle(
  store: AttemptStore,
  { accountKey, ip, limits, now = new Date() }: { accountKey: string; ip: string; limits: ThrottleLimits; now?: Date },
): Promise<ThrottleVerdict> {
  const windowStart = new Date(now.getTime() - limits.windowMinutes * 60_000);
  const lastSuccess = await store.loginAttempt.findFirst({
    where: { accountKey, success: true, at: { gte: windowStart } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const accountFailures = await store.loginAttempt.findMany({
    where: { accountKey, success: false, at: { gte: lastSuccess?.at ?? windowStart } },
    orderBy: { at: "asc" },
    select: { at: true },
  });
  if (accountFailures.length >= limits.maxPerAccount) {
    return { blocked: true, scope: "account", retryAfterSeconds: retryAfter(accountFailures, limits.maxPerAccount, limits.windowMinutes, now) };
  }
  const ipFailures = await store.loginAttempt.findMany({
    where: { ip, success: false, at: { gte: windowStart } },
    orderBy: { at: "asc" },
    select: { at: true },
  });
  if (ipFailures.length >= limits.maxPerIp) {
    return { blocked: true, scope: "ip", retryAfterSeconds: retryAfter(ipFailures, limits.maxPerIp, limits.windowMinutes, now) };
  }
  return { blocked: false };
}

/** Seconds until enough failures age out of the window to allow one more attempt. */
function retryAfter(failures: { at: Date }[], max: number, windowMinutes: number, now: Date): number {
  const oldestCounted = failures[failures.length - max] ?? failures[0];
  const freeAt = (oldestCounted?.at.getTime() ?? now.getTime()) + windowMinutes * 60_000;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}

export async function recordAttempt(
  store: AttemptStore,
  { accountKey, ip, success }: { accountKey: string; ip: string; success: boolean },
): Promise<void> {
  await store.loginAttempt.create({ data: { accountKey, ip, success } });
}
