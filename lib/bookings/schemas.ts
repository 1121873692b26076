import { z } from "zod";
import { text } from "../validation/text";

/** Inputs of visit booking (预约) and slot administration; messages in the `bookings` namespace. */

const E = "bookings.errors";
const uuid = z.uuid({ message: `${E}.notFound` });
const isoDate = text().regex(/^\d{4}-\d{2}-\d{2}$/, `${E}.date`);
const time = text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${E}.time`);

export const CreateSlotsInput = z
  .object({
    officeId: uuid,
    /** First day (Beijing time). */
    date: isoDate,
    /** Repeat on the following days (weekdays only when `weekdaysOnly`), 1 = just this day. */
    days: z.coerce
      .number({ message: `${E}.days` })
      .int(`${E}.days`)
      .min(1, `${E}.days`)
      .max(60, `${E}.days`)
      .default(1),
    weekdaysOnly: z.coerce.boolean().default(true),
    startTime: time,
    endTime: time,
    capacity: z.coerce
      .number({ message: `${E}.capacity` })
      .int(`${E}.capacity`)
      .min(1, `${E}.capacity`)
      .max(500, `${E}.capacity`),
  })
  .refine((value) => value.endTime > value.startTime, { path: ["endTime"], message: `${E}.endBeforeStart` });
export type CreateSlotsInput = z.input<typeof CreateSlotsInput>;

export const UpdateSlotInput = z.object({
  slotId: uuid,
  capacity: z.coerce
    .number({ message: `${E}.capacity` })
    .int(`${E}.capacity`)
    .min(0, `${E}.capacity`)
    .max(500, `${E}.capacity`),
});

export const BookInput = z.object({ slotId: uuid, itemCode: text().min(1).max(64).nullish() });
export type BookInput = z.input<typeof BookInput>;

export const CancelInput = z.object({ bookingId: uuid });
export const MoveInput = z.object({ bookingId: uuid, slotId: uuid });

/** The counter's arrivals list (到访): a day (Beijing time, default today) and an optional booking code to find. */
export const ArrivalsQuery = z.object({
  date: isoDate.optional().or(z.literal("").transform(() => undefined)),
  code: text()
    .max(12, `${E}.code`)
    .transform((value) => value.toUpperCase())
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type ArrivalsQuery = z.input<typeof ArrivalsQuery>;

export const CheckInInput = z.object({ bookingId: uuid });

/** 排队叫号 (lib/bookings/queue.ts): the hall's lines, each with its letter on the ticket. */
export const QUEUE_LINES = ["GENERAL", "BUSINESS", "PRIORITY"] as const;
export type QueueLine = (typeof QUEUE_LINES)[number];
export const QUEUE_LETTER: Record<QueueLine, string> = { GENERAL: "A", BUSINESS: "B", PRIORITY: "C" };

const officeCode = text()
  .min(1, `${E}.office`)
  .max(40, `${E}.office`)
  .regex(/^[A-Za-z0-9_-]+$/, `${E}.office`);
const line = z.enum(QUEUE_LINES, { message: `${E}.line` });

/** Hand out a number at the reception desk (导办台). */
export const IssueTicketInput = z.object({ officeCode, line });
/** Call the next number to a window: of one line, or (no line) the priority line first, then the longest wait. */
export const CallNextInput = z.object({
  officeCode,
  line: line.optional().or(z.literal("").transform(() => undefined)),
  window: text().min(1, `${E}.window`).max(20, `${E}.window`),
});
/** Close a called number: served, or did not come. */
export const CloseTicketInput = z.object({
  ticketId: uuid,
  outcome: z.enum(["SERVED", "NO_SHOW"], { message: `${E}.outcome` }),
});
