import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import type { NotificationParams, TemplateKey } from "./templates";

type Tx = Prisma.TransactionClient;

export const CHANNELS = ["INBOX", "EMAIL", "SMS"] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels a person may switch off; the inbox is always on. */
export const OPTIONAL_CHANNELS = ["EMAIL", "SMS"] as const;

export type NewNotification = {
  userId: string;
  template: TemplateKey;
  params: NotificationParams;
  /** What it is about, for the link: { kind: "case", caseNumber } … */
  subject?: Record<string, unknown> | null;
  /** Unique per user: the same key twice creates one notification (events may be seen twice). */
  dedupeKey: string;
  /** When it happened (the case event's time), so the inbox reads in event order; default now. */
  occurredAt?: Date;
};

/** Which channels a person receives: the inbox always; e-mail and SMS unless switched off (on by default). */
export async function enabledChannels(tx: Tx, userId: string): Promise<Channel[]> {
  const preferences = await tx.notificationPreference.findMany({ where: { userId } });
  const off = new Set(preferences.filter((row) => !row.enabled).map((row) => row.channel));
  return CHANNELS.filter((channel) => channel === "INBOX" || !off.has(channel));
}

/**
 * Creates a notification and one Delivery per enabled channel, in the caller's transaction. Idempotent on
 * (userId, dedupeKey): `INSERT … ON CONFLICT DO NOTHING` (a caught unique violation would abort the transaction),
 * so a repeated call returns null and creates nothing. The inbox delivery is SENT at once (the row is the inbox);
 * e-mail and SMS wait for the delivery loop (lib/notifications/delivery.ts).
 */
export async function createNotification(
  tx: Tx,
  input: NewNotification,
  now: Date = new Date(),
): Promise<string | null> {
  const id = randomUUID();
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO notification (id, user_id, template, params, subject, dedupe_key, created_at)
    VALUES (${id}::uuid, ${input.userId}::uuid, ${input.template}, ${JSON.stringify(input.params)}::jsonb,
            ${input.subject ? JSON.stringify(input.subject) : null}::jsonb, ${input.dedupeKey}, ${input.occurredAt ?? now})
    ON CONFLICT (user_id, dedupe_key) DO NOTHING
    RETURNING id::text AS id`;
  if (inserted.length === 0) return null;
  const channels = await enabledChannels(tx, input.userId);
  await tx.delivery.createMany({
    data: channels.map((channel) =>
      channel === "INBOX"
        ? { notificationId: id, channel, status: "SENT" as const, attempts: 1, sentAt: now, nextAttemptAt: now }
        : { notificationId: id, channel, status: "PENDING" as const, nextAttemptAt: now },
    ),
  });
  return id;
}
