import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, can } from "../auth/policy";
import { chinaDate, chinaDayEnd, chinaDayStart, chinaToday } from "../calendar/china-time";
import { db } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { IDENTITY_SELECT, masked } from "../accounts/identity-fields";
import { nextTicket, ticketLabel } from "./queue";
import { ArrivalsQuery, CheckInInput } from "./schemas";

/**
 * Visits at the counter (线下到访, issue 19): the day's arrivals of an office's bookings, check-in (ATTENDED, with the
 * time and the member of staff), and the sweep that marks a booking MISSED once its slot is over without one. Visit
 * ratings (lib/evaluation/evaluations.ts) and the statistics' booked-vs-attended figures read these states.
 */

/** How long after a slot ends a late visitor may still be checked in before the sweep marks the booking MISSED. */
export const MISSED_AFTER_MINUTES = 30;

function notFound() {
  return new AppError("NOT_FOUND", "bookings.errors.notFound");
}

/** A parsed input, or VALIDATION with one message key per field (the first), for the bookings forms. */
export function parse<T>(
  result:
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } },
): T {
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) fieldErrors[issue.path.map(String).join(".") || "_"] ??= issue.message;
  throw new AppError("VALIDATION", "bookings.errors.form", { fieldErrors });
}

export type Arrival = {
  id: string;
  code: string;
  status: "BOOKED" | "ATTENDED" | "MISSED" | "CANCELLED";
  startsAt: Date;
  endsAt: Date;
  officeName: string;
  personName: string;
  phone: string | null;
  itemName: string | null;
  attendedAt: Date | null;
  /** The priority queue number handed out at check-in ("C003"). */
  ticket: string | null;
  /** Whether this person may check the visitor in now (booked for today, their office or item, intake duty). */
  mayCheckIn: boolean;
};

type Row = {
  id: string;
  code: string;
  status: Arrival["status"];
  startsAt: Date;
  endsAt: Date;
  attendedAt: Date | null;
  userId: string;
  officeName: string;
  officeDepartmentId: string | null;
  itemName: string | null;
  itemDepartmentId: string | null;
  ticketLine: "GENERAL" | "BUSINESS" | "PRIORITY" | null;
  ticketNumber: number | null;
};

/**
 * The day's visits the actor's department receives: at its offices, or booked for its items at a joint hall.
 * Cancelled bookings are left out; a code narrows the list to that booking.
 */
export async function listArrivals(
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<{ date: string; today: boolean; rows: Arrival[] }> {
  assertCan(actor, "console.access");
  const query = parse(ArrivalsQuery.safeParse(input));
  const date = query.date ?? chinaToday(now);
  const departmentId = actor.departmentId;
  if (!departmentId) return { date, today: date === chinaToday(now), rows: [] };
  const rows = await db().$queryRaw<Row[]>`
    SELECT b.id::text AS id, b.code, b.status::text AS status, s.starts_at AS "startsAt", s.ends_at AS "endsAt", b.attended_at AS "attendedAt",
           b.user_id::text AS "userId", o.name AS "officeName", o.department_id::text AS "officeDepartmentId",
           i.name AS "itemName", i.department_id::text AS "itemDepartmentId",
           q.line::text AS "ticketLine", q.number AS "ticketNumber"
    FROM booking b
    JOIN office_slot s ON s.id = b.slot_id
    JOIN office o ON o.id = s.office_id
    LEFT JOIN service_item i ON i.id = b.service_item_id
    LEFT JOIN queue_ticket q ON q.booking_id = b.id
    WHERE s.starts_at >= ${chinaDayStart(date)} AND s.starts_at < ${chinaDayEnd(date)}
      AND b.status <> 'CANCELLED'
      AND (o.department_id = ${departmentId}::uuid OR i.department_id = ${departmentId}::uuid)
      ${query.code ? Prisma.sql`AND b.code = ${query.code}` : Prisma.empty}
    ORDER BY s.starts_at, b.code
    LIMIT 500`;
  const listed = rows;
  const people = await db().user.findMany({
    where: { id: { in: [...new Set(listed.map((row) => row.userId))] } },
    select: { id: true, realName: true, ...IDENTITY_SELECT },
  });
  const personOf = new Map(people.map((person) => [person.id, person]));
  const today = date === chinaToday(now);
  return {
    date,
    today,
    rows: listed.map((row) => {
      const person = personOf.get(row.userId);
      return {
        id: row.id,
        code: row.code,
        status: row.status,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        officeName: row.officeName,
        personName: person?.realName ?? "—",
        phone: masked(person).phone ?? null,
        itemName: row.itemName,
        attendedAt: row.attendedAt,
        ticket:
          row.ticketLine && row.ticketNumber !== null
            ? ticketLabel({ line: row.ticketLine, number: row.ticketNumber })
            : null,
        mayCheckIn:
          today &&
          row.status === "BOOKED" &&
          can(actor, "visit.checkIn", {
            kind: "visit",
            officeDepartmentId: row.officeDepartmentId,
            itemDepartmentId: row.itemDepartmentId,
          }),
      };
    }),
  };
}

/**
 * Checks a visitor in: the booking becomes ATTENDED with the time and who checked it in, and the visitor gets a
 * number on the hall's priority line (排队叫号, lib/bookings/queue.ts). Only on the day of the slot, only once, only
 * a booking still BOOKED; a booking the actor may not handle answers like a missing one.
 */
export async function checkInVisit(actor: Actor, input: unknown, ip: string | null, now: Date = new Date()) {
  assertCan(actor, "console.access");
  const { bookingId } = parse(CheckInInput.safeParse(input));
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM booking WHERE id = ${bookingId}::uuid FOR UPDATE`;
    if (!rows[0]) throw notFound();
    const booking = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { slot: true } });
    const [office, item] = await Promise.all([
      tx.office.findUnique({ where: { id: booking.slot.officeId }, select: { departmentId: true } }),
      booking.serviceItemId
        ? tx.serviceItem.findUnique({ where: { id: booking.serviceItemId }, select: { departmentId: true } })
        : null,
    ]);
    if (
      !can(actor, "visit.checkIn", {
        kind: "visit",
        officeDepartmentId: office?.departmentId ?? null,
        itemDepartmentId: item?.departmentId ?? null,
      })
    )
      throw notFound();
    if (booking.status !== "BOOKED")
      throw new AppError(
        "CONFLICT",
        booking.status === "ATTENDED" ? "bookings.errors.alreadyCheckedIn" : "bookings.errors.notActive",
      );
    if (chinaDate(booking.slot.startsAt) !== chinaToday(now))
      throw new AppError("UNPROCESSABLE", "bookings.errors.notToday");
    const updated = await tx.booking.update({
      where: { id: booking.id },
      data: { status: "ATTENDED", attendedAt: now, checkedInById: actor.userId },
    });
    const ticket = await nextTicket(tx, {
      officeId: booking.slot.officeId,
      line: "PRIORITY",
      bookingId: booking.id,
      issuedById: actor.userId,
      now,
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "booking.checkIn",
      objectType: "Booking",
      objectId: booking.id,
      before: { status: booking.status },
      after: { status: updated.status, attendedAt: now, ticket: ticketLabel(ticket) },
      ip,
    });
    return { ...updated, ticket: ticketLabel(ticket) };
  });
}

/** Marks every booking still BOOKED whose slot ended more than MISSED_AFTER_MINUTES ago as MISSED; returns how many. */
export async function sweepMissedBookings(now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - MISSED_AFTER_MINUTES * 60_000);
  return db().$executeRaw`
    UPDATE booking b SET status = 'MISSED', missed_at = ${now}
    FROM office_slot s
    WHERE s.id = b.slot_id AND b.status = 'BOOKED' AND s.ends_at < ${cutoff}`;
}
