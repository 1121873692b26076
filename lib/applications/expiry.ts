import "server-only";
import { db } from "../db/client";
import { env } from "../env";

/**
 * Draft lifetime: a draft not saved for APPLICATION_DRAFT_DAYS expires; APPLICATION_DRAFT_REMINDER_DAYS before
 * that it is due for a reminder. Sending the reminder (inbox, e-mail, SMS) belongs to the notifications work
 * (issue 7): it asks `draftsDueForReminder`, sends, then calls `markRemindersSent`. Run `expireDrafts` from the
 * job runner (or any scheduler) once an hour or so; it is idempotent.
 */

const DAY = 24 * 3600_000;

/** Marks every draft whose lifetime ended as EXPIRED; returns how many. Their files stay in the owners' lockers. */
export async function expireDrafts(now: Date = new Date()): Promise<number> {
  const result = await db().application.updateMany({
    where: { status: "DRAFT", expiresAt: { lte: now } },
    data: { status: "EXPIRED" },
  });
  return result.count;
}

/** Drafts inside the reminder window that have not been reminded since their last save. */
export async function draftsDueForReminder(now: Date = new Date(), limit = 500) {
  const windowEnd = new Date(now.getTime() + env().APPLICATION_DRAFT_REMINDER_DAYS * DAY);
  return db().application.findMany({
    where: { status: "DRAFT", reminderSentAt: null, expiresAt: { gt: now, lte: windowEnd } },
    orderBy: { expiresAt: "asc" },
    take: limit,
    select: { id: true, applicantUserId: true, applicantCompanyId: true, serviceItemId: true, expiresAt: true },
  });
}

/** Records that reminders went out (a later save clears the mark, so the next expiry is reminded again). */
export async function markRemindersSent(ids: string[], now: Date = new Date()): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db().application.updateMany({
    where: { id: { in: ids }, status: "DRAFT", reminderSentAt: null },
    data: { reminderSentAt: now },
  });
  return result.count;
}
