import "server-only";
import { randomInt } from "node:crypto";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, can } from "../auth/policy";
import { chinaTime } from "../calendar/china-time";
import { addDays, isIsoDate, isoWeekday } from "../calendar/working-days";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { isId } from "../http/params";
import { BookInput, CancelInput, CreateSlotsInput, MoveInput, UpdateSlotInput } from "./schemas";

/**
 * Visit bookings (线上预约, 线下办理): administrators open time slots with a capacity at an office; applicants
 * book a slot (for an item), get a confirmation code, cancel or move it. Never overbooked: a booking takes a seat
 * with one conditional UPDATE (`booked = booked + 1 WHERE booked < capacity`), which PostgreSQL applies row by
 * row under the row lock, so of 20 concurrent requests for 5 seats exactly 5 succeed. A move takes the new seat
 * and gives back the old one in one transaction.
 */

type Tx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.map(String).join(".") || "_"] ??= issue.message;
  return errors;
}

function notFound() {
  return new AppError("NOT_FOUND", "bookings.errors.notFound");
}

export function newBookingCode(): string {
  return `YY${Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("")}`;
}

function audit(
  tx: Tx,
  actor: Actor,
  action: string,
  objectType: string,
  objectId: string,
  after: unknown,
  ip: string | null,
  before?: unknown,
) {
  return recordAudit(tx, {
    actor: { userId: actor.userId, role: actor.role },
    action,
    objectType,
    objectId,
    before,
    after,
    ip,
  });
}

// ───────────────────────── Slots (administration) ─────────────────────────

async function officeFor(actor: Actor, officeId: string) {
  if (!UUID.test(officeId)) throw notFound();
  const office = await db().office.findUnique({
    where: { id: officeId },
    select: { id: true, name: true, nameEn: true, departmentId: true, regionCode: true, active: true },
  });
  if (!office) throw notFound();
  assertCan(actor, "office.slots.manage", { kind: "office", departmentId: office.departmentId });
  return office;
}

/** Offices whose slots the actor manages. */
export async function listManagedOffices(actor: Actor) {
  assertCan(actor, "office.slots.manage");
  const offices = await db().office.findMany({
    orderBy: [{ regionCode: "asc" }, { sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, nameEn: true, departmentId: true, regionCode: true, active: true },
  });
  return offices.filter((office) =>
    can(actor, "office.slots.manage", { kind: "office", departmentId: office.departmentId }),
  );
}

/** An office's slots from `from` on (default today), for administrators. */
export async function listOfficeSlots(
  actor: Actor,
  officeId: string,
  from: Date = new Date(Date.now() - 24 * 3600_000),
) {
  const office = await officeFor(actor, officeId);
  const slots = await db().officeSlot.findMany({
    where: { officeId, startsAt: { gte: from } },
    orderBy: { startsAt: "asc" },
    take: 500,
  });
  return { office, slots };
}

/** Opens slots on one or more days; days that already have a slot at that start are left alone. */
export async function createSlots(actor: Actor, input: unknown, ip: string | null, now: Date = new Date()) {
  const parsed = CreateSlotsInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "bookings.errors.form", { fieldErrors: fieldErrors(parsed.error.issues) });
  const request = parsed.data;
  const office = await officeFor(actor, request.officeId);
  const rows: Prisma.OfficeSlotCreateManyInput[] = [];
  if (!isIsoDate(request.date))
    throw new AppError("VALIDATION", "bookings.errors.form", { fieldErrors: { date: "bookings.errors.date" } });
  for (let offset = 0, made = 0; made < request.days && offset < request.days * 3; offset++) {
    const day = addDays(request.date, offset);
    if (request.weekdaysOnly && isoWeekday(day) >= 6) continue;
    made++;
    const startsAt = chinaTime(day, request.startTime);
    if (startsAt <= now) continue;
    rows.push({ officeId: office.id, startsAt, endsAt: chinaTime(day, request.endTime), capacity: request.capacity });
  }
  if (rows.length === 0)
    throw new AppError("VALIDATION", "bookings.errors.form", { fieldErrors: { date: "bookings.errors.past" } });
  return db().$transaction(async (tx) => {
    const created = await tx.officeSlot.createMany({ data: rows, skipDuplicates: true });
    await audit(tx, actor, "booking.slots.create", "Office", office.id, { ...request, created: created.count }, ip);
    return { created: created.count, skipped: rows.length - created.count };
  });
}

/** Changes a slot's capacity; never below the seats already booked. Capacity 0 closes the slot. */
export async function updateSlotCapacity(actor: Actor, input: unknown, ip: string | null) {
  const parsed = UpdateSlotInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "bookings.errors.form", { fieldErrors: fieldErrors(parsed.error.issues) });
  const slot = await db().officeSlot.findUnique({ where: { id: parsed.data.slotId } });
  if (!slot) throw notFound();
  await officeFor(actor, slot.officeId);
  return db().$transaction(async (tx) => {
    const updated =
      await tx.$executeRaw`UPDATE office_slot SET capacity = ${parsed.data.capacity} WHERE id = ${slot.id}::uuid AND booked <= ${parsed.data.capacity}`;
    if (updated === 0)
      throw new AppError("VALIDATION", "bookings.errors.form", {
        fieldErrors: { capacity: "bookings.errors.belowBooked" },
      });
    await audit(tx, actor, "booking.slot.update", "OfficeSlot", slot.id, { capacity: parsed.data.capacity }, ip, {
      capacity: slot.capacity,
    });
    return { capacity: parsed.data.capacity };
  });
}

/** Deletes a slot nobody has booked. */
export async function deleteSlot(actor: Actor, slotId: string, ip: string | null) {
  if (!UUID.test(slotId)) throw notFound();
  const slot = await db().officeSlot.findUnique({ where: { id: slotId } });
  if (!slot) throw notFound();
  await officeFor(actor, slot.officeId);
  await db().$transaction(async (tx) => {
    const bookings = await tx.booking.count({ where: { slotId } });
    if (bookings > 0) throw new AppError("CONFLICT", "bookings.errors.slotInUse");
    await tx.officeSlot.delete({ where: { id: slotId } });
    await audit(tx, actor, "booking.slot.delete", "OfficeSlot", slotId, null, ip, {
      startsAt: slot.startsAt,
      capacity: slot.capacity,
    });
  });
}

// ───────────────────────── Booking (applicants) ─────────────────────────

/** The item a visit is for, and the offices that receive it: its department's, and joint halls of its region. */
export async function bookableSlotsForItem(itemCode: string, now: Date = new Date(), days = 21) {
  if (!isId("itemCode", itemCode)) return null;
  const item = await db().serviceItem.findFirst({
    where: { implementationCode: itemCode, status: "ACTIVE" },
    select: {
      id: true,
      implementationCode: true,
      name: true,
      nameEn: true,
      bookingSupported: true,
      departmentId: true,
      regionCode: true,
    },
  });
  if (!item) return null;
  const offices = await db().office.findMany({
    where: {
      active: true,
      OR: [{ departmentId: item.departmentId }, { departmentId: null, regionCode: item.regionCode }],
    },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, nameEn: true, address: true, openingHours: true },
  });
  const slots = await db().officeSlot.findMany({
    where: {
      officeId: { in: offices.map((office) => office.id) },
      startsAt: { gt: now, lte: new Date(now.getTime() + days * 24 * 3600_000) },
    },
    orderBy: { startsAt: "asc" },
    select: { id: true, officeId: true, startsAt: true, endsAt: true, capacity: true, booked: true },
  });
  return {
    item,
    offices: offices.map((office) => ({
      ...office,
      slots: slots.filter((slot) => slot.officeId === office.id && slot.capacity > 0),
    })),
  };
}

/** True when the item page should offer "预约办理": the item supports booking and a future slot has room. */
export async function hasBookableSlots(itemCode: string, now: Date = new Date()): Promise<boolean> {
  const found = await bookableSlotsForItem(itemCode, now);
  return Boolean(
    found?.item.bookingSupported &&
    found.offices.some((office) => office.slots.some((slot) => slot.booked < slot.capacity)),
  );
}

/** Takes one seat of a future slot, or throws CONFLICT (full). The conditional UPDATE is the whole guard. */
async function takeSeat(tx: Tx, slotId: string, now: Date) {
  const taken =
    await tx.$executeRaw`UPDATE office_slot SET booked = booked + 1 WHERE id = ${slotId}::uuid AND booked < capacity AND starts_at > ${now}`;
  if (taken === 0) {
    const exists = await tx.officeSlot.findUnique({ where: { id: slotId }, select: { startsAt: true } });
    if (!exists) throw notFound();
    if (exists.startsAt <= now) throw new AppError("UNPROCESSABLE", "bookings.errors.past");
    throw new AppError("CONFLICT", "bookings.errors.full");
  }
}

async function createBooking(tx: Tx, actor: Actor, slotId: string, serviceItemId: string | null) {
  const duplicate = await tx.booking.findFirst({
    where: { slotId, userId: actor.userId, status: "BOOKED" },
    select: { id: true },
  });
  if (duplicate) throw new AppError("CONFLICT", "bookings.errors.alreadyBooked");
  for (let attempt = 0; ; attempt++) {
    try {
      return await tx.booking.create({ data: { slotId, userId: actor.userId, serviceItemId, code: newBookingCode() } });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/** Books a seat in a slot for the actor (optionally for an item); returns the booking with its code. */
export async function bookSlot(actor: Actor, input: unknown, ip: string | null, now: Date = new Date()) {
  assertCan(actor, "booking.create");
  const parsed = BookInput.safeParse(input);
  if (!parsed.success) throw notFound();
  const item = parsed.data.itemCode
    ? await db().serviceItem.findFirst({
        where: { implementationCode: parsed.data.itemCode, status: "ACTIVE" },
        select: { id: true },
      })
    : null;
  if (parsed.data.itemCode && !item) throw notFound();
  return db().$transaction(async (tx) => {
    await takeSeat(tx, parsed.data.slotId, now);
    const booking = await createBooking(tx, actor, parsed.data.slotId, item?.id ?? null);
    await audit(
      tx,
      actor,
      "booking.create",
      "Booking",
      booking.id,
      { slotId: booking.slotId, code: booking.code, serviceItemId: booking.serviceItemId },
      ip,
    );
    return booking;
  });
}

async function lockOwnBooking(tx: Tx, actor: Actor, bookingId: string) {
  if (!UUID.test(bookingId)) throw notFound();
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM booking WHERE id = ${bookingId}::uuid FOR UPDATE`;
  if (!rows[0]) throw notFound();
  const booking = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { slot: true } });
  if (!can(actor, "booking.own", { kind: "booking", userId: booking.userId })) throw notFound();
  return booking;
}

async function releaseSeat(
  tx: Tx,
  actor: Actor,
  booking: { id: string; slotId: string; status: string; slot: { startsAt: Date } },
  now: Date,
) {
  if (booking.status !== "BOOKED") throw new AppError("CONFLICT", "bookings.errors.notActive");
  if (booking.slot.startsAt <= now) throw new AppError("UNPROCESSABLE", "bookings.errors.past");
  await tx.booking.update({ where: { id: booking.id }, data: { status: "CANCELLED", cancelledAt: now } });
  await tx.$executeRaw`UPDATE office_slot SET booked = booked - 1 WHERE id = ${booking.slotId}::uuid AND booked > 0`;
}

/** Cancels the actor's booking before its slot starts; the seat is free again at once. */
export async function cancelBooking(actor: Actor, input: unknown, ip: string | null, now: Date = new Date()) {
  const parsed = CancelInput.safeParse(input);
  if (!parsed.success) throw notFound();
  return db().$transaction(async (tx) => {
    const booking = await lockOwnBooking(tx, actor, parsed.data.bookingId);
    await releaseSeat(tx, actor, booking, now);
    await audit(tx, actor, "booking.cancel", "Booking", booking.id, { status: "CANCELLED" }, ip, {
      status: booking.status,
    });
  });
}

/** Moves the actor's booking to another slot: the new seat is taken and the old one released atomically. */
export async function moveBooking(actor: Actor, input: unknown, ip: string | null, now: Date = new Date()) {
  const parsed = MoveInput.safeParse(input);
  if (!parsed.success) throw notFound();
  return db().$transaction(async (tx) => {
    const booking = await lockOwnBooking(tx, actor, parsed.data.bookingId);
    if (booking.slotId === parsed.data.slotId) throw new AppError("CONFLICT", "bookings.errors.sameSlot");
    await releaseSeat(tx, actor, booking, now);
    await takeSeat(tx, parsed.data.slotId, now);
    const moved = await createBooking(tx, actor, parsed.data.slotId, booking.serviceItemId);
    await audit(
      tx,
      actor,
      "booking.move",
      "Booking",
      moved.id,
      { slotId: moved.slotId, code: moved.code, from: booking.id },
      ip,
    );
    return moved;
  });
}

/** The actor's bookings, newest first, with office and item names. */
export async function listMyBookings(actor: Actor) {
  assertCan(actor, "booking.create");
  const bookings = await db().booking.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { slot: { select: { startsAt: true, endsAt: true, officeId: true } } },
  });
  const [offices, items] = await Promise.all([
    db().office.findMany({
      where: { id: { in: [...new Set(bookings.map((booking) => booking.slot.officeId))] } },
      select: { id: true, code: true, name: true, nameEn: true, address: true },
    }),
    db().serviceItem.findMany({
      where: { id: { in: bookings.map((booking) => booking.serviceItemId).filter((id): id is string => Boolean(id)) } },
      select: { id: true, implementationCode: true, name: true, nameEn: true },
    }),
  ]);
  return bookings.map((booking) => ({
    id: booking.id,
    code: booking.code,
    status: booking.status,
    createdAt: booking.createdAt,
    startsAt: booking.slot.startsAt,
    endsAt: booking.slot.endsAt,
    office: offices.find((office) => office.id === booking.slot.officeId) ?? null,
    item: items.find((item) => item.id === booking.serviceItemId) ?? null,
  }));
}

/** One of the actor's bookings (for the confirmation page); NOT_FOUND for anyone else's. */
export async function getMyBooking(actor: Actor, bookingId: string) {
  const found = (await listMyBookings(actor)).find((booking) => booking.id === bookingId);
  if (!found) throw notFound();
  return found;
}
