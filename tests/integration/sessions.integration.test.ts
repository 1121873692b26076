import { describe, expect, it } from "vitest";
import { signOutEverywhere } from "../../lib/accounts/sessions";
import { liveSessionUser } from "../../lib/auth/session-check";
import { revokeSession, STAFF_IDLE_MINUTES, STAFF_MAX_HOURS, startSession } from "../../lib/auth/user-sessions";
import { db } from "../../lib/db/client";
import { actorFor } from "./cases-fixtures";

/** Server-side sessions (lib/auth/user-sessions.ts): what a session cookie's claims still admit. */

async function claimsFor(actor: { userId: string }) {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { sessionVersion: true } });
  return { sub: actor.userId, sv: user.sessionVersion, sid: await startSession(actor.userId, "10.9.0.1") };
}

/** Moves a session's clock: the time that passes between requests. */
async function age(sid: string, { idleMinutes = 0, ageHours = 0 }: { idleMinutes?: number; ageHours?: number }) {
  const now = Date.now();
  await db().userSession.update({
    where: { id: sid },
    data: {
      lastSeenAt: new Date(now - idleMinutes * 60_000),
      createdAt: new Date(now - Math.max(ageHours * 3_600_000, idleMinutes * 60_000)),
    },
  });
}

describe("server-side sessions", () => {
  it("admit requests until signed out; the same claims then admit nothing", async () => {
    const citizen = await actorFor({ phone: "13800138000" });
    const claims = await claimsFor(citizen);
    expect(await liveSessionUser(claims)).toMatchObject({ id: citizen.userId, role: "CITIZEN" });
    await revokeSession(claims.sid);
    expect(await liveSessionUser(claims)).toBeNull();
  });

  it("refuse claims that do not match the session row", async () => {
    const citizen = await actorFor({ phone: "13800138000" });
    const clerk = await actorFor({ loginName: "clerk" });
    const claims = await claimsFor(citizen);
    for (const forged of [
      { ...claims, sub: clerk.userId },
      { ...claims, sv: claims.sv + 1 },
      { ...claims, sid: "00000000-0000-4000-8000-000000000000" },
      { ...claims, sid: "not-a-uuid" },
      { sub: claims.sub, sv: claims.sv },
    ]) {
      expect(await liveSessionUser(forged)).toBeNull();
    }
  });

  it("end staff sessions after 30 idle minutes or 12 hours; citizens' only with the cookie", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const idle = await claimsFor(clerk);
    await age(idle.sid, { idleMinutes: STAFF_IDLE_MINUTES - 2 });
    expect(await liveSessionUser(idle)).not.toBeNull();
    await age(idle.sid, { idleMinutes: STAFF_IDLE_MINUTES + 1 });
    expect(await liveSessionUser(idle)).toBeNull();
    const long = await claimsFor(clerk);
    await age(long.sid, { ageHours: STAFF_MAX_HOURS + 0.1 });
    expect(await liveSessionUser(long)).toBeNull();

    const citizen = await actorFor({ phone: "13800138000" });
    const resting = await claimsFor(citizen);
    await age(resting.sid, { idleMinutes: 120 });
    expect(await liveSessionUser(resting)).not.toBeNull();
  });

  it("are all ended by signing out everywhere", async () => {
    const citizen = await actorFor({ phone: "13800138001" });
    const first = await claimsFor(citizen);
    const second = await claimsFor(citizen);
    await signOutEverywhere({ actor: citizen, ip: null });
    expect(await liveSessionUser(first)).toBeNull();
    expect(await liveSessionUser({ ...second, sv: second.sv + 1 })).toBeNull();
    expect(await db().userSession.count({ where: { userId: citizen.userId, revokedAt: null } })).toBe(0);
  });

  it("refuse disabled accounts at once", async () => {
    const citizen = await actorFor({ phone: "13800138001" });
    const claims = await claimsFor(citizen);
    await db().user.update({ where: { id: citizen.userId }, data: { status: "DISABLED" } });
    expect(await liveSessionUser(claims)).toBeNull();
    await db().user.update({ where: { id: citizen.userId }, data: { status: "ACTIVE" } });
  });
});
