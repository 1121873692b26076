/** Answers the queue page shows after an action, by message key (anything else is not echoed). */
export const QUEUE_NOTICES = [
  "issued",
  "called",
  "noneWaiting",
  "served",
  "noShow",
  "bookings.queue.errors.office",
  "bookings.queue.errors.ticket",
  "bookings.queue.errors.notCalled",
  "bookings.errors.line",
  "bookings.errors.window",
  "bookings.errors.office",
  "bookings.errors.outcome",
  "bookings.errors.notFound",
  "errors.unexpected",
] as const;
export type QueueNotice = (typeof QUEUE_NOTICES)[number];
