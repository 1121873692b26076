import "server-only";
import { z } from "zod";
import { type Actor, assertCan, can } from "../auth/policy";
import { db } from "../db/client";
import type { Locale } from "../i18n/config";
import { type Channel, CHANNELS, OPTIONAL_CHANNELS } from "./notify";
import { type NotificationParams, notificationLink, renderNotification } from "./templates";

/** The signed-in person's inbox: their own notifications only (the user id comes from the session). */

export const InboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  unread: z.enum(["1"]).optional().catch(undefined),
});

const PAGE_SIZE = 20;

export type InboxEntry = {
  id: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: Date;
  read: boolean;
  template: string;
};

export async function listInbox(actor: Actor | null, locale: Locale, query: unknown = {}) {
  assertCan(actor, "notifications.own");
  const { page, unread } = InboxQuery.parse(query);
  const where = { userId: actor.userId, ...(unread ? { readAt: null } : {}) };
  const [rows, total, unreadCount] = await Promise.all([
    db().notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    db().notification.count({ where }),
    db().notification.count({ where: { userId: actor.userId, readAt: null } }),
  ]);
  const entries: InboxEntry[] = rows.map((row) => {
    const rendered = renderNotification(locale, row.template, (row.params ?? {}) as NotificationParams);
    return {
      id: row.id,
      ...rendered,
      link: notificationLink(row.subject),
      createdAt: row.createdAt,
      read: row.readAt !== null,
      template: row.template,
    };
  });
  return { entries, total, unreadCount, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** For the portal header: how many notifications the person has not read (0 for anyone else). */
export async function unreadCount(actor: Actor | null): Promise<number> {
  if (!actor || !can(actor, "notifications.own")) return 0;
  return db().notification.count({ where: { userId: actor.userId, readAt: null } });
}

export const MarkReadInput = z.object({ id: z.uuid().optional(), all: z.literal(true).optional() });

/** Marks one notification (or all) read; someone else's id changes nothing, exactly like an unknown one. */
export async function markRead(actor: Actor | null, input: unknown, now: Date = new Date()): Promise<number> {
  assertCan(actor, "notifications.own");
  const parsed = MarkReadInput.safeParse(input);
  if (!parsed.success || (!parsed.data.id && !parsed.data.all)) return 0;
  const result = await db().notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(parsed.data.all ? {} : { id: parsed.data.id }) },
    data: { readAt: now },
  });
  return result.count;
}

/** Preferences per channel: e-mail and SMS can be switched off; the inbox is always on. Checkbox values "on". */
export const PreferencesInput = z.object({
  EMAIL: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
  SMS: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
});
export type PreferencesInput = z.infer<typeof PreferencesInput>;

export async function getPreferences(actor: Actor | null): Promise<Record<Channel, boolean>> {
  assertCan(actor, "notifications.own");
  const rows = await db().notificationPreference.findMany({ where: { userId: actor.userId } });
  const off = new Set(rows.filter((row) => !row.enabled).map((row) => row.channel));
  return Object.fromEntries(CHANNELS.map((channel) => [channel, channel === "INBOX" || !off.has(channel)])) as Record<
    Channel,
    boolean
  >;
}

export async function savePreferences(actor: Actor | null, input: unknown): Promise<Record<Channel, boolean>> {
  assertCan(actor, "notifications.own");
  const parsed = PreferencesInput.parse(input);
  await db().$transaction(
    OPTIONAL_CHANNELS.map((channel) =>
      db().notificationPreference.upsert({
        where: { userId_channel: { userId: actor.userId, channel } },
        create: { userId: actor.userId, channel, enabled: parsed[channel] },
        update: { enabled: parsed[channel] },
      }),
    ),
  );
  return getPreferences(actor);
}

/** GET /api/v1/notifications (issue 10) calls this: the newest page, rendered in the asked language. */
export async function notificationsForApi(actor: Actor | null, locale: Locale, query: unknown = {}) {
  const inbox = await listInbox(actor, locale, query);
  return {
    unreadCount: inbox.unreadCount,
    page: inbox.page,
    pageCount: inbox.pageCount,
    items: inbox.entries.map((entry) => ({
      id: entry.id,
      template: entry.template,
      subject: entry.subject,
      body: entry.body,
      link: entry.link,
      createdAt: entry.createdAt.toISOString(),
      read: entry.read,
    })),
  };
}
