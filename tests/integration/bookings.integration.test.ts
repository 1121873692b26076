import { describe, expect, it } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import type { Actor } from "../../lib/auth/policy";
import { actorOf } from "../../lib/auth/actor";
import {
  bookableSlotsForItem,
  bookSlot,
  cancelBooking,
  createSlots,
  deleteSlot,
  hasBookableSlots,
  listMyBookings,
  listOfficeSlots,
  moveBooking,
  updateSlotCapacity,
} from "../../lib/bookings/bookings";
import { db } from "../../lib/db/client";
import { expectAppError } from "../support/errors";
import { randomIdNumber, randomPhone } from "../support/identities";

/** The actor of an account, as a signed-in request gets it (lib/auth/actor.ts). */
function toActor(user: {
  id: string;
  role: string;
  realName: string;
  departmentId: string | null;
  assuranceLevel: number;
}): Promise<Actor> {
  return actorOf({ ...user, role: user.role as Actor["role"] });
}

async function newCitizen(): Promise<Actor> {
  return toActor(
    await db().user.create({
      data: {
        role: "CITIZEN",
        realName: "预约人",
        ...toStored({ phone: randomPhone(), idNumber: randomIdNumber() }),
        passwordHash: "unused",
      },
    }),
  );
}

async function staff(loginName: string): Promise<Actor> {
  return toActor(await db().user.findUniqueOrThrow({ where: { loginName } }));
}

async function hall() {
  return db().office.findUniqueOrThrow({ where: { code: "GA-511602-HALL" } });
}

/** A fresh slot far enough ahead, with the given capacity. */
async function newSlot(capacity: number, dayOffset: number) {
  const office = await hall();
  const startsAt = new Date(Date.now() + dayOffset * 24 * 3600_000);
  startsAt.setUTCMinutes(Math.floor(Math.random() * 60), 0, 0);
  return db().officeSlot.create({
    data: { officeId: office.id, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), capacity },
  });
}

describe("booking a visit", () => {
  it("never overbooks: 20 concurrent bookings for 5 seats give exactly 5 bookings", async () => {
    const slot = await newSlot(5, 40);
    const people = await Promise.all(Array.from({ length: 20 }, () => newCitizen()));
    const results = await Promise.allSettled(people.map((person) => bookSlot(person, { slotId: slot.id }, null)));
    const booked = results.filter((result) => result.status === "fulfilled");
    expect(booked).toHaveLength(5);
    for (const result of results)
      if (result.status === "rejected")
        expect((result.reason as { messageKey: string }).messageKey).toBe("bookings.errors.full");
    expect((await db().officeSlot.findUniqueOrThrow({ where: { id: slot.id } })).booked).toBe(5);
    expect(await db().booking.count({ where: { slotId: slot.id, status: "BOOKED" } })).toBe(5);
  });

  it("books with a confirmation code, cancels (freeing the seat) and moves atomically", async () => {
    const citizen = await newCitizen();
    const item = await db().serviceItem.findFirstOrThrow({
      where: { regionCode: "511602000000", catalogItem: { code: "000105003000" } },
      select: { implementationCode: true },
    });
    const first = await newSlot(1, 41);
    const second = await newSlot(1, 42);
    const booking = await bookSlot(citizen, { slotId: first.id, itemCode: item.implementationCode }, null);
    expect(booking.code).toMatch(/^YY[2-9A-HJKMNP-Z]{8}$/);
    expect((await expectAppError(bookSlot(citizen, { slotId: first.id }, null))).code).toBe("CONFLICT");

    // Move to a full slot: refused, the original booking stays.
    const other = await newCitizen();
    await bookSlot(other, { slotId: second.id }, null);
    expect(
      (await expectAppError(moveBooking(citizen, { bookingId: booking.id, slotId: second.id }, null))).messageKey,
    ).toBe("bookings.errors.full");
    expect((await db().booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("BOOKED");
    expect((await db().officeSlot.findUniqueOrThrow({ where: { id: first.id } })).booked).toBe(1);

    const third = await newSlot(2, 43);
    const moved = await moveBooking(citizen, { bookingId: booking.id, slotId: third.id }, null);
    expect(moved.slotId).toBe(third.id);
    expect((await db().booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CANCELLED");
    expect((await db().officeSlot.findUniqueOrThrow({ where: { id: first.id } })).booked).toBe(0);
    expect((await db().officeSlot.findUniqueOrThrow({ where: { id: third.id } })).booked).toBe(1);

    await cancelBooking(citizen, { bookingId: moved.id }, null);
    expect((await db().officeSlot.findUniqueOrThrow({ where: { id: third.id } })).booked).toBe(0);
    expect((await expectAppError(cancelBooking(citizen, { bookingId: moved.id }, null))).code).toBe("CONFLICT");
    const mine = await listMyBookings(citizen);
    expect(mine.map((entry) => entry.status).sort()).toEqual(["CANCELLED", "CANCELLED"]);
    expect(mine.find((entry) => entry.id === booking.id)!.item!.implementationCode).toBe(item.implementationCode);
    expect(
      await db().auditLog.count({
        where: { action: { in: ["booking.create", "booking.move", "booking.cancel"] }, actorId: citizen.userId },
      }),
    ).toBe(3);
  });

  it("lets nobody else cancel or move a booking, and staff not book", async () => {
    const a = await newCitizen();
    const b = await newCitizen();
    const slot = await newSlot(3, 44);
    const spare = await newSlot(3, 45);
    const booking = await bookSlot(a, { slotId: slot.id }, null);
    expect((await expectAppError(cancelBooking(b, { bookingId: booking.id }, null))).code).toBe("NOT_FOUND");
    expect((await expectAppError(moveBooking(b, { bookingId: booking.id, slotId: spare.id }, null))).code).toBe(
      "NOT_FOUND",
    );
    expect((await expectAppError(cancelBooking(b, { bookingId: "not-a-uuid" }, null))).code).toBe("NOT_FOUND");
    expect(await listMyBookings(b)).toEqual([]);
    expect((await expectAppError(bookSlot(await staff("clerk"), { slotId: slot.id }, null))).code).toBe("FORBIDDEN");
    expect((await db().booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("BOOKED");
  });

  it("offers the item's offices and slots, and refuses past slots", async () => {
    const item = await db().serviceItem.findFirstOrThrow({
      where: { regionCode: "511602000000", catalogItem: { code: "000105003000" } },
      select: { implementationCode: true },
    });
    const found = await bookableSlotsForItem(item.implementationCode);
    expect(found!.offices.map((office) => office.name)).toContain("广安区政务服务中心");
    expect(await hasBookableSlots(item.implementationCode)).toBe(true);
    const office = await hall();
    const past = await db().officeSlot.create({
      data: { officeId: office.id, startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(), capacity: 5 },
    });
    expect((await expectAppError(bookSlot(await newCitizen(), { slotId: past.id }, null))).messageKey).toBe(
      "bookings.errors.past",
    );
  });
});

describe("slot administration", () => {
  it("platform admins open, resize and delete slots of joint halls; department admins may not", async () => {
    const admin = await staff("admin");
    const deptAdmin = await staff("deptadmin");
    const office = await hall();
    // A Monday about two months ahead, whatever day the suite runs: the five weekdays from it are then the five
    // days the duplicate check below meets (a weekend start would make "the same day again" a new day).
    let day = new Date(Date.now() + 60 * 24 * 3600_000);
    while (new Date(`${day.toISOString().slice(0, 10)}T12:00:00+08:00`).getUTCDay() !== 1)
      day = new Date(day.getTime() + 24 * 3600_000);
    const date = day.toISOString().slice(0, 10);
    const created = await createSlots(
      admin,
      { officeId: office.id, date, days: 5, weekdaysOnly: true, startTime: "10:00", endTime: "11:00", capacity: 3 },
      null,
    );
    expect(created.created).toBe(5);
    expect(
      (
        await createSlots(
          admin,
          {
            officeId: office.id,
            date,
            days: 1,
            weekdaysOnly: false,
            startTime: "10:00",
            endTime: "11:00",
            capacity: 3,
          },
          null,
        ).catch(() => ({ created: -1 }))
      ).created,
    ).toBeLessThanOrEqual(0);
    expect(
      (
        await expectAppError(
          createSlots(
            deptAdmin,
            { officeId: office.id, date, startTime: "10:00", endTime: "11:00", capacity: 3 },
            null,
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const bad = await expectAppError(
      createSlots(admin, { officeId: office.id, date, startTime: "11:00", endTime: "10:00", capacity: 0 }, null),
    );
    expect(bad.details.fieldErrors).toMatchObject({
      endTime: "bookings.errors.endBeforeStart",
      capacity: "bookings.errors.capacity",
    });

    const { slots } = await listOfficeSlots(admin, office.id, new Date(`${date}T00:00:00+08:00`));
    const slot = slots.find((candidate) => candidate.capacity === 3)!;
    await bookSlot(await newCitizen(), { slotId: slot.id }, null);
    const below = await expectAppError(updateSlotCapacity(admin, { slotId: slot.id, capacity: 0 }, null));
    expect(below.details.fieldErrors).toEqual({ capacity: "bookings.errors.belowBooked" });
    await updateSlotCapacity(admin, { slotId: slot.id, capacity: 8 }, null);
    expect((await expectAppError(deleteSlot(admin, slot.id, null))).code).toBe("CONFLICT");
    const empty = slots.find((candidate) => candidate.id !== slot.id)!;
    await deleteSlot(admin, empty.id, null);
    expect(await db().officeSlot.findUnique({ where: { id: empty.id } })).toBeNull();
  });

  it("department admins manage their own department's offices only", async () => {
    const deptAdmin = await staff("deptadmin");
    const own = await db().office.create({
      data: {
        code: `OWN-${randomPhone()}`,
        name: "部门窗口",
        nameEn: "Dept window",
        regionCode: "511600000000",
        departmentId: deptAdmin.departmentId,
        address: "x",
        phone: "1",
        openingHours: "x",
      },
    });
    const date = new Date(Date.now() + 70 * 24 * 3600_000).toISOString().slice(0, 10);
    expect(
      (
        await createSlots(
          deptAdmin,
          { officeId: own.id, date, weekdaysOnly: false, startTime: "09:00", endTime: "10:00", capacity: 2 },
          null,
        )
      ).created,
    ).toBe(1);
    const otherDepartment = await db().department.findFirstOrThrow({ where: { NOT: { id: deptAdmin.departmentId! } } });
    const foreign = await db().office.create({
      data: {
        code: `FOR-${randomPhone()}`,
        name: "他部门窗口",
        nameEn: "Other",
        regionCode: "511600000000",
        departmentId: otherDepartment.id,
        address: "x",
        phone: "1",
        openingHours: "x",
      },
    });
    expect(
      (
        await expectAppError(
          createSlots(
            deptAdmin,
            { officeId: foreign.id, date, startTime: "09:00", endTime: "10:00", capacity: 2 },
            null,
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});
