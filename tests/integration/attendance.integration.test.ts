import { describe, expect, it } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import { checkInVisit, listArrivals, sweepMissedBookings } from "../../lib/bookings/attendance";
import { bookSlot, cancelBooking } from "../../lib/bookings/bookings";
import { chinaTime } from "../../lib/calendar/china-time";
import { db } from "../../lib/db/client";
import { actorOf } from "../../lib/auth/actor";
import type { Actor } from "../../lib/auth/policy";
import { expectAppError } from "../support/errors";
import { randomIdNumber, randomPhone } from "../support/identities";
import { actorFor, colleagueOf, otherDepartmentClerk } from "./cases-fixtures";

/**
 * Visits at the counter (issue 19): the arrivals list, check-in (ATTENDED, once, on the day, by intake staff of the
 * office's or the item's department) and the sweep that marks no-shows MISSED after their slot.
 */

async function newCitizen(): Promise<Actor> {
  const user = await db().user.create({
    data: {
      role: "CITIZEN",
      realName: "到访人",
      ...toStored({ phone: randomPhone(), idNumber: randomIdNumber() }),
      passwordHash: "unused",
    },
  });
  return actorOf({ ...user, role: "CITIZEN" });
}

/** A slot of the clerk's department's own office on a fixed future day, 10:00–11:00 Beijing time. */
async function setUp(day: string) {
  const clerk = await actorFor({ loginName: "clerk" });
  const office = await db().office.create({
    data: {
      code: `VIS-${randomPhone()}`,
      name: "市场监管窗口",
      nameEn: "Market regulation window",
      regionCode: "511600000000",
      departmentId: clerk.departmentId,
      address: "x",
      phone: "1",
      openingHours: "x",
    },
  });
  const slot = await db().officeSlot.create({
    data: { officeId: office.id, startsAt: chinaTime(day, "10:00"), endsAt: chinaTime(day, "11:00"), capacity: 5 },
  });
  return { clerk, office, slot };
}

describe("visits at the counter", () => {
  it("lists the day's arrivals for the department and checks a visitor in once, on the day, by intake staff only", async () => {
    const day = "2031-03-04";
    const { clerk, slot } = await setUp(day);
    const citizen = await newCitizen();
    const booking = await bookSlot(citizen, { slotId: slot.id }, null, chinaTime(day, "08:00"));
    const during = chinaTime(day, "10:05");

    const arrivals = await listArrivals(clerk, { date: day }, during);
    const row = arrivals.rows.find((entry) => entry.id === booking.id);
    expect(row).toMatchObject({ code: booking.code, status: "BOOKED", personName: "到访人", mayCheckIn: true });
    expect(row?.phone).toMatch(/\*/);
    expect(
      (await listArrivals(clerk, { date: day, code: booking.code.toLowerCase() }, during)).rows.map(
        (entry) => entry.id,
      ),
    ).toEqual([booking.id]);
    expect((await expectAppError(listArrivals(clerk, { date: "2031-02-30x" }, during))).code).toBe("VALIDATION");

    // A reviewer without the intake duty sees the list but may not check in; another department sees nothing.
    const reviewer = await colleagueOf(clerk, "孙审核", ["REVIEW"]);
    expect(
      (await listArrivals(reviewer, { date: day }, during)).rows.find((entry) => entry.id === booking.id)?.mayCheckIn,
    ).toBe(false);
    expect((await expectAppError(checkInVisit(reviewer, { bookingId: booking.id }, null, during))).code).toBe(
      "NOT_FOUND",
    );
    const stranger = await otherDepartmentClerk();
    expect(
      (await listArrivals(stranger, { date: day }, during)).rows.find((entry) => entry.id === booking.id),
    ).toBeUndefined();
    expect((await expectAppError(checkInVisit(stranger, { bookingId: booking.id }, null, during))).code).toBe(
      "NOT_FOUND",
    );
    expect((await expectAppError(checkInVisit(clerk, { bookingId: "not-a-uuid" }, null, during))).code).toBe(
      "VALIDATION",
    );

    // Not the day before.
    expect(
      (await expectAppError(checkInVisit(clerk, { bookingId: booking.id }, null, chinaTime("2031-03-03", "16:00"))))
        .messageKey,
    ).toBe("bookings.errors.notToday");
    expect(await db().booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
      status: "BOOKED",
      attendedAt: null,
    });

    await checkInVisit(clerk, { bookingId: booking.id }, "10.8.0.1", during);
    expect(await db().booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
      status: "ATTENDED",
      attendedAt: during,
      checkedInById: clerk.userId,
    });
    expect((await expectAppError(checkInVisit(clerk, { bookingId: booking.id }, null, during))).messageKey).toBe(
      "bookings.errors.alreadyCheckedIn",
    );
    expect(await db().auditLog.count({ where: { objectId: booking.id, action: "booking.checkIn" } })).toBe(1);
    expect(
      (await listArrivals(clerk, { date: day }, during)).rows.find((entry) => entry.id === booking.id),
    ).toMatchObject({ status: "ATTENDED", mayCheckIn: false });
  });

  it("marks bookings not checked in MISSED 30 minutes after the slot, and leaves attended and cancelled ones alone", async () => {
    const day = "2031-03-05";
    const { clerk, slot } = await setUp(day);
    const [absent, present, cancelling] = await Promise.all([newCitizen(), newCitizen(), newCitizen()]);
    const booked = chinaTime(day, "08:00");
    const missed = await bookSlot(absent, { slotId: slot.id }, null, booked);
    const attended = await bookSlot(present, { slotId: slot.id }, null, booked);
    const cancelled = await bookSlot(cancelling, { slotId: slot.id }, null, booked);
    await cancelBooking(cancelling, { bookingId: cancelled.id }, null, booked);
    await checkInVisit(clerk, { bookingId: attended.id }, null, chinaTime(day, "10:20"));

    await sweepMissedBookings(chinaTime(day, "11:29"));
    expect((await db().booking.findUniqueOrThrow({ where: { id: missed.id } })).status).toBe("BOOKED");
    await sweepMissedBookings(chinaTime(day, "11:31"));
    const statuses = await db().booking.findMany({
      where: { id: { in: [missed.id, attended.id, cancelled.id] } },
      select: { id: true, status: true, missedAt: true },
    });
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
      [missed.id]: "MISSED",
      [attended.id]: "ATTENDED",
      [cancelled.id]: "CANCELLED",
    });
    // A no-show cannot be checked in afterwards.
    expect(
      (await expectAppError(checkInVisit(clerk, { bookingId: missed.id }, null, chinaTime(day, "12:00")))).messageKey,
    ).toBe("bookings.errors.notActive");
    expect(await sweepMissedBookings(chinaTime(day, "12:00"))).toBe(0);
  });
});
