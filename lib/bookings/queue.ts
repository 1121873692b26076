import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, can } from "../auth/policy";
import { chinaToday, isoToDateColumn } from "../calendar/china-time";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { parse } from "./attendance";
import {
  CallNextInput,
  CloseTicketInput,
  IssueTicketInput,
  QUEUE_LETTER,
  QUEUE_LINES,
  type QueueLine,
} from "./schemas";

/**
 * 排队叫号 (issue 19): numbers taken at a service hall, per hall, day and line (综合 A, 企业 B, 预约/优先 C), called to
 * a window and closed as served or no-show. A visitor with a booking gets a priority number when checked in
 * (lib/bookings/attendance.ts). The hall's public screen shows who is called and how many wait; the console shows
 * the same with the forms to hand out and call numbers. Staff of the departments that serve at the hall run it.
 */

type Tx = Prisma.TransactionClient;

/** "A007": the line's letter and the day's number, as printed on the ticket and shown on the screen. */
export function ticketLabel(ticket: { line: QueueLine; number: number }): string {
  return `${QUEUE_LETTER[ticket.line]}${String(ticket.number).padStart(3, "0")}`;
}

type Hall = { id: string; code: string; name: string; nameEn: string; regionCode: string; departmentId: string | null };

/** The departments whose staff serve at the hall: its own department, or every department of a joint hall's region. */
async function servingDepartmentIds(client: Tx | ReturnType<typeof db>, hall: Hall): Promise<string[]> {
  if (hall.departmentId) return [hall.departmentId];
  const departments = await client.department.findMany({
    where: { regionCode: hall.regionCode },
    select: { id: true },
  });
  return departments.map((department) => department.id);
}

async function hallByCode(client: Tx | ReturnType<typeof db>, code: string): Promise<Hall | null> {
  return client.office.findFirst({
    where: { code, active: true },
    select: { id: true, code: true, name: true, nameEn: true, regionCode: true, departmentId: true },
  });
}

/** The hall, if the actor may run its queue; otherwise the same answer as an unknown hall. */
async function operatedHall(client: Tx | ReturnType<typeof db>, actor: Actor, code: string): Promise<Hall> {
  const hall = await hallByCode(client, code);
  if (
    !hall ||
    !can(actor, "queue.operate", { kind: "hallQueue", servingDepartmentIds: await servingDepartmentIds(client, hall) })
  )
    throw new AppError("NOT_FOUND", "bookings.queue.errors.office");
  return hall;
}

/** The halls whose queue the actor runs (the console's choice of hall). */
export async function operatedHalls(actor: Actor): Promise<Hall[]> {
  assertCan(actor, "console.access");
  const halls = await db().office.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, nameEn: true, regionCode: true, departmentId: true },
  });
  // The departments of every joint hall's region at once (servingDepartmentIds, without a query per hall).
  const regions = [...new Set(halls.filter((hall) => !hall.departmentId).map((hall) => hall.regionCode))];
  const departments = regions.length
    ? await db().department.findMany({ where: { regionCode: { in: regions } }, select: { id: true, regionCode: true } })
    : [];
  const serving = (hall: Hall) =>
    hall.departmentId
      ? [hall.departmentId]
      : departments
          .filter((department) => department.regionCode === hall.regionCode)
          .map((department) => department.id);
  return halls.filter((hall) =>
    can(actor, "queue.operate", { kind: "hallQueue", servingDepartmentIds: serving(hall) }),
  );
}

/**
 * Gives the next number of the hall's line today. Numbers are serialised per hall, day and line by an advisory lock
 * held to the end of the transaction, so two desks never hand out the same one (the unique index would refuse it).
 */
export async function nextTicket(
  tx: Tx,
  {
    officeId,
    line,
    bookingId = null,
    issuedById,
    now,
  }: { officeId: string; line: QueueLine; bookingId?: string | null; issuedById: string; now: Date },
) {
  const day = chinaToday(now);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`queue:${officeId}:${day}:${line}`}))`;
  const last = await tx.queueTicket.aggregate({
    where: { officeId, serviceDay: isoToDateColumn(day), line },
    _max: { number: true },
  });
  return tx.queueTicket.create({
    data: {
      officeId,
      serviceDay: isoToDateColumn(day),
      line,
      number: (last._max.number ?? 0) + 1,
      bookingId,
      issuedAt: now,
      issuedById,
    },
  });
}

/** Hands out a number at the reception desk. */
export async function issueTicket(
  actor: Actor,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const { officeCode, line } = parse(IssueTicketInput.safeParse(input));
  return db().$transaction(async (tx) => {
    const hall = await operatedHall(tx, actor, officeCode);
    const ticket = await nextTicket(tx, { officeId: hall.id, line, issuedById: actor.userId, now });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "queue.issue",
      objectType: "QueueTicket",
      objectId: ticket.id,
      after: { office: hall.code, ticket: ticketLabel(ticket) },
      ip,
    });
    return {
      id: ticket.id,
      label: ticketLabel(ticket),
      waitingBefore: await tx.queueTicket.count({
        where: {
          officeId: hall.id,
          serviceDay: ticket.serviceDay,
          line,
          status: "WAITING",
          number: { lt: ticket.number },
        },
      }),
    };
  });
}

/**
 * Calls the next waiting number to a window: of the given line, or the priority line first and then whoever has
 * waited longest. Two windows calling at once get different numbers (SKIP LOCKED). None waiting: null.
 */
export async function callNext(
  actor: Actor,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const { officeCode, line, window } = parse(CallNextInput.safeParse(input));
  return db().$transaction(async (tx) => {
    const hall = await operatedHall(tx, actor, officeCode);
    const day = isoToDateColumn(chinaToday(now));
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM queue_ticket
      WHERE office_id = ${hall.id}::uuid AND service_day = ${day} AND status = 'WAITING'
        AND (${line ?? null}::text IS NULL OR line::text = ${line ?? null}::text)
      ORDER BY (line = 'PRIORITY') DESC, issued_at, number
      LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    const id = rows[0]?.id;
    if (!id) return null;
    const ticket = await tx.queueTicket.update({
      where: { id },
      data: { status: "CALLED", calledAt: now, calledById: actor.userId, window },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "queue.call",
      objectType: "QueueTicket",
      objectId: ticket.id,
      after: { office: hall.code, ticket: ticketLabel(ticket), window },
      ip,
    });
    return { id: ticket.id, label: ticketLabel(ticket), window };
  });
}

/** Closes a called number: served, or no-show. Only a called number of a hall the actor runs, once. */
export async function closeTicket(
  actor: Actor,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const { ticketId, outcome } = parse(CloseTicketInput.safeParse(input));
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM queue_ticket WHERE id = ${ticketId}::uuid FOR UPDATE`;
    const ticket = locked[0]
      ? await tx.queueTicket.findUnique({ where: { id: ticketId }, include: { office: { select: { code: true } } } })
      : null;
    if (!ticket) throw new AppError("NOT_FOUND", "bookings.queue.errors.ticket");
    const hall = await hallByCode(tx, ticket.office.code);
    // A number of a hall the actor does not run looks like a missing one.
    if (
      !hall ||
      !can(actor, "queue.operate", { kind: "hallQueue", servingDepartmentIds: await servingDepartmentIds(tx, hall) })
    )
      throw new AppError("NOT_FOUND", "bookings.queue.errors.ticket");
    if (ticket.status !== "CALLED") throw new AppError("CONFLICT", "bookings.queue.errors.notCalled");
    const closed = await tx.queueTicket.update({ where: { id: ticket.id }, data: { status: outcome, closedAt: now } });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "queue.close",
      objectType: "QueueTicket",
      objectId: ticket.id,
      before: { status: ticket.status },
      after: { status: outcome },
      ip,
    });
    return closed;
  });
}

export type QueueBoard = {
  hall: { code: string; name: string; nameEn: string };
  date: string;
  /** Waiting numbers per line. */
  waiting: Record<QueueLine, number>;
  /** Numbers now at a window (called, not yet closed), latest first. */
  called: { id: string; label: string; window: string | null; calledAt: Date | null }[];
  /** Today's numbers handed out, served, no-shows; and the average wait (issued → called) in minutes. */
  issued: number;
  served: number;
  noShow: number;
  averageWaitMinutes: number | null;
};

/** What the hall's screen shows today: who is called to which window, how many wait on each line. No personal data. */
export async function queueBoard(officeCode: string, now: Date = new Date()): Promise<QueueBoard | null> {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(officeCode)) return null;
  const hall = await hallByCode(db(), officeCode);
  if (!hall) return null;
  const date = chinaToday(now);
  const day = isoToDateColumn(date);
  const [counts, called, waits] = await Promise.all([
    db().queueTicket.groupBy({
      by: ["line", "status"],
      where: { officeId: hall.id, serviceDay: day },
      _count: { _all: true },
    }),
    db().queueTicket.findMany({
      where: { officeId: hall.id, serviceDay: day, status: "CALLED" },
      orderBy: { calledAt: "desc" },
      take: 12,
    }),
    db().$queryRaw<{ minutes: number | null }[]>`
      SELECT avg(extract(epoch FROM called_at - issued_at) / 60)::float8 AS minutes
      FROM queue_ticket WHERE office_id = ${hall.id}::uuid AND service_day = ${day} AND called_at IS NOT NULL`,
  ]);
  const waiting = Object.fromEntries(QUEUE_LINES.map((line) => [line, 0])) as Record<QueueLine, number>;
  let issued = 0;
  let served = 0;
  let noShow = 0;
  for (const row of counts) {
    issued += row._count._all;
    if (row.status === "WAITING") waiting[row.line] += row._count._all;
    if (row.status === "SERVED") served += row._count._all;
    if (row.status === "NO_SHOW") noShow += row._count._all;
  }
  const minutes = waits[0]?.minutes;
  return {
    hall: { code: hall.code, name: hall.name, nameEn: hall.nameEn },
    date,
    waiting,
    called: called.map((ticket) => ({
      id: ticket.id,
      label: ticketLabel(ticket),
      window: ticket.window,
      calledAt: ticket.calledAt,
    })),
    issued,
    served,
    noShow,
    averageWaitMinutes: minutes === null || minutes === undefined ? null : Math.round(minutes),
  };
}

/** The console's view of a hall it runs: the board (with the called numbers it may close). */
export async function operatedBoard(actor: Actor, officeCode: string, now: Date = new Date()): Promise<QueueBoard> {
  const hall = await operatedHall(db(), actor, officeCode);
  const board = await queueBoard(hall.code, now);
  if (!board) throw new AppError("NOT_FOUND", "bookings.queue.errors.office");
  return board;
}
