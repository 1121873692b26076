import "server-only";
import { draftsDueForReminder, markRemindersSent } from "../applications/expiry";
import { db } from "../db/client";
import { env } from "../env";
import { createNotification } from "./notify";
import { isTemplateKey, type TemplateKey } from "./templates";

/**
 * The outbox: turns what happened elsewhere into notifications without touching the code that made it happen.
 * Case events visible to the applicant, draft-expiry reminders, and booking confirmations and cancellations are
 * read from their own tables; each becomes one Notification whose dedupeKey names its source (`case-event:{id}`,
 * `booking:{id}:confirmed` …), so running twice, on two instances, or after a restart creates nothing twice.
 *
 * Case events are found by "visible, recent, and no notification with its key yet" rather than by a cursor on
 * the event id: ids come from a sequence, and a transaction that took a smaller id can commit after one that took
 * a larger id, which a cursor would skip for ever. NOTIFY_LOOKBACK_HOURS bounds the search (and keeps a first
 * start on old data from announcing history).
 */

type EventRow = {
  id: bigint;
  case_id: string;
  action: string;
  to_status: string | null;
  reason: string | null;
  data: unknown;
  at: Date;
  applicant_user_id: string;
  case_number: string;
  status: string;
  due_date: Date | null;
  item: string;
  item_en: string;
  item_code: string;
  department: string;
  department_en: string;
};

function templateFor(action: string): TemplateKey {
  const key = `case.${action}`;
  return isTemplateKey(key) ? key : "case.statusChanged";
}

export async function collectCaseEvents({
  now = new Date(),
  limit = 500,
}: { now?: Date; limit?: number } = {}): Promise<number> {
  const since = new Date(now.getTime() - env().NOTIFY_LOOKBACK_HOURS * 3600_000);
  const rows = await db().$queryRaw<EventRow[]>`
    SELECT e.id, e.case_id::text AS case_id, e.action, e.to_status::text AS to_status, e.reason, e.data, e.at,
           c.applicant_user_id::text AS applicant_user_id, c.case_number, c.status::text AS status, c.due_date,
           s.name AS item, s.name_en AS item_en, s.implementation_code AS item_code, d.name AS department, d.name_en AS department_en
    FROM case_event e
    JOIN case_record c ON c.id = e.case_id
    JOIN service_item s ON s.id = c.service_item_id
    JOIN department d ON d.id = c.department_id
    WHERE e.visible_to_applicant AND e.at >= ${since} AND e.at <= ${now}
      AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.user_id = c.applicant_user_id AND n.dedupe_key = 'case-event:' || e.id::text)
    ORDER BY e.id
    LIMIT ${limit}`;
  let created = 0;
  for (const row of rows) {
    const data = (row.data ?? {}) as Record<string, unknown>;
    const id = await db().$transaction((tx) =>
      createNotification(
        tx,
        {
          userId: row.applicant_user_id,
          template: templateFor(row.action),
          params: {
            caseNumber: row.case_number,
            item: row.item,
            itemEn: row.item_en,
            department:
              (row.action === "transfer" || row.action === "forward") && typeof data.toDepartment === "string"
                ? data.toDepartment
                : row.department,
            departmentEn: row.action === "transfer" || row.action === "forward" ? null : row.department_en,
            toStatus: row.to_status ?? row.status,
            reason: row.reason?.slice(0, 300) ?? null,
            dueDate: row.due_date ? row.due_date.toISOString() : null,
          },
          subject: { kind: "case", caseNumber: row.case_number, itemCode: row.item_code },
          dedupeKey: `case-event:${row.id.toString()}`,
          occurredAt: row.at,
        },
        now,
      ),
    );
    if (id) created++;
  }
  return created;
}

/** Draft-expiry reminders (lib/applications/expiry.ts says which drafts are due); marks them reminded. */
export async function collectDraftReminders({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const drafts = await draftsDueForReminder(now);
  if (drafts.length === 0) return 0;
  const items = await db().serviceItem.findMany({
    where: { id: { in: [...new Set(drafts.map((draft) => draft.serviceItemId))] } },
    select: { id: true, name: true, nameEn: true, implementationCode: true },
  });
  const itemById = new Map(items.map((item) => [item.id, item]));
  let created = 0;
  for (const draft of drafts) {
    const item = itemById.get(draft.serviceItemId);
    const id = await db().$transaction((tx) =>
      createNotification(
        tx,
        {
          userId: draft.applicantUserId,
          template: "draft.expiring",
          params: { item: item?.name ?? "", itemEn: item?.nameEn ?? "", expiresAt: draft.expiresAt.toISOString() },
          subject: { kind: "draft", applicationId: draft.id, itemCode: item?.implementationCode ?? null },
          dedupeKey: `draft-expiry:${draft.id}:${draft.expiresAt.toISOString()}`,
        },
        now,
      ),
    );
    if (id) created++;
  }
  await markRemindersSent(
    drafts.map((draft) => draft.id),
    now,
  );
  return created;
}

export async function collectBookings({
  now = new Date(),
  limit = 500,
}: { now?: Date; limit?: number } = {}): Promise<number> {
  const since = new Date(now.getTime() - env().NOTIFY_LOOKBACK_HOURS * 3600_000);
  const rows = await db().$queryRaw<
    {
      id: string;
      user_id: string;
      code: string;
      kind: "confirmed" | "cancelled";
      starts_at: Date;
      office: string;
      office_en: string;
    }[]
  >`
    SELECT b.id::text AS id, b.user_id::text AS user_id, b.code, k.kind, s.starts_at, o.name AS office, o.name_en AS office_en
    FROM booking b
    JOIN office_slot s ON s.id = b.slot_id
    JOIN office o ON o.id = s.office_id
    CROSS JOIN LATERAL (VALUES ('confirmed', b.created_at), ('cancelled', b.cancelled_at)) AS k(kind, at)
    WHERE k.at IS NOT NULL AND k.at >= ${since} AND k.at <= ${now}
      AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.user_id = b.user_id AND n.dedupe_key = 'booking:' || b.id::text || ':' || k.kind)
    ORDER BY k.at
    LIMIT ${limit}`;
  let created = 0;
  for (const row of rows) {
    const id = await db().$transaction((tx) =>
      createNotification(
        tx,
        {
          userId: row.user_id,
          template: row.kind === "confirmed" ? "booking.confirmed" : "booking.cancelled",
          params: {
            code: row.code,
            office: row.office,
            officeEn: row.office_en,
            startsAt: row.starts_at.toISOString(),
          },
          subject: { kind: "booking", bookingId: row.id },
          dedupeKey: `booking:${row.id}:${row.kind}`,
        },
        now,
      ),
    );
    if (id) created++;
  }
  return created;
}

export type CollectResult = { caseEvents: number; drafts: number; bookings: number };

export async function collectNotifications({ now = new Date() }: { now?: Date } = {}): Promise<CollectResult> {
  return {
    caseEvents: await collectCaseEvents({ now }),
    drafts: await collectDraftReminders({ now }),
    bookings: await collectBookings({ now }),
  };
}
