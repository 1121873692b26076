import "server-only";
import { fromStored, IDENTITY_SELECT } from "../accounts/identity-fields";
import { db } from "../db/client";
import { env } from "../env";
import type { Locale } from "../i18n/config";
import { logger } from "../logger";
import { createSmtpSender, type MailSender, smtpSettingsFromEnv } from "./email";
import { type SmsProvider, smsProviderFromEnv } from "./sms";
import { type NotificationParams, renderNotification, renderSms } from "./templates";

/**
 * The delivery loop: a PostgreSQL-backed job queue over the `delivery` table.
 *
 * - Claim: `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)` takes due PENDING rows and pushes their
 *   `next_attempt_at` one lease ahead in one short statement, so several app instances never take the same row
 *   and no transaction stays open while a mail server answers.
 * - Send outside the transaction; then SENT, or back to PENDING with exponential backoff (30 s, 1 min, 2 min …
 *   at most 1 h) and the error, or FAILED after NOTIFY_MAX_ATTEMPTS attempts (admins see FAILED rows).
 * - A process that dies between claim and result leaves the row PENDING: it is taken again when the lease ends
 *   (at-least-once; a crash in that window is the only way a message can go out twice).
 * - Nothing is in memory: a restart continues from the table.
 */

export type DeliveryChannels = {
  /** null: no SMTP server configured → e-mail deliveries are SKIPPED. */
  mail: MailSender | null;
  sms: SmsProvider;
};

let fromEnv: DeliveryChannels | undefined;
export function channelsFromEnv(): DeliveryChannels {
  if (!fromEnv) {
    const smtp = smtpSettingsFromEnv();
    fromEnv = { mail: smtp ? createSmtpSender(smtp) : null, sms: smsProviderFromEnv() };
  }
  return fromEnv;
}

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3600_000;
const LEASE_MS = 5 * 60_000;

/** Wait before the next attempt after `attempts` failed ones: 30 s doubling, at most 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** Messages that leave the app are written in the portal's default language (there is no per-user language). */
const OUTGOING_LOCALE: Locale = "zh-CN";

export type DeliveryRunResult = { claimed: number; sent: number; retried: number; failed: number; skipped: number };

type Claimed = { id: string; channel: "EMAIL" | "SMS"; attempts: number };

export async function processDeliveries({
  now = new Date(),
  channels = channelsFromEnv(),
  batchSize = 50,
  maxAttempts = env().NOTIFY_MAX_ATTEMPTS,
}: {
  now?: Date;
  channels?: DeliveryChannels;
  batchSize?: number;
  maxAttempts?: number;
} = {}): Promise<DeliveryRunResult> {
  const result: DeliveryRunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const claimed = await db().$queryRaw<Claimed[]>`
    UPDATE delivery SET next_attempt_at = ${leaseUntil}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM delivery
      WHERE status = 'PENDING' AND channel IN ('EMAIL', 'SMS') AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED)
    RETURNING id::text AS id, channel::text AS channel, attempts`;
  result.claimed = claimed.length;
  for (const row of claimed) {
    const delivery = await db().delivery.findUniqueOrThrow({
      where: { id: row.id },
      include: { notification: { select: { template: true, params: true, userId: true } } },
    });
    const account = await db().user.findUnique({
      where: { id: delivery.notification.userId },
      select: { email: true, ...IDENTITY_SELECT },
    });
    // The SMS channel needs the real number: decrypted here, masked again by the log provider (lib/notifications/sms.ts).
    const user = account && { email: account.email, phone: fromStored(account).phone };
    const params = (delivery.notification.params ?? {}) as NotificationParams;
    const template = delivery.notification.template;
    const finish = (data: {
      status: "SENT" | "SKIPPED" | "FAILED" | "PENDING";
      lastError?: string | null;
      nextAttemptAt?: Date;
      sentAt?: Date;
    }) =>
      // Only the claim we hold: a row changed by someone else meanwhile (lease ended, another instance) is left alone.
      db().delivery.updateMany({ where: { id: row.id, status: "PENDING", attempts: row.attempts }, data });
    try {
      if (row.channel === "EMAIL") {
        if (!channels.mail) {
          await finish({ status: "SKIPPED", lastError: "no SMTP server configured" });
          result.skipped++;
          continue;
        }
        if (!user?.email) {
          await finish({ status: "SKIPPED", lastError: "no e-mail address" });
          result.skipped++;
          continue;
        }
        const rendered = renderNotification(OUTGOING_LOCALE, template, params);
        await channels.mail.send({ to: user.email, subject: rendered.subject, text: rendered.body });
      } else {
        if (!user?.phone) {
          await finish({ status: "SKIPPED", lastError: "no mobile number" });
          result.skipped++;
          continue;
        }
        const text = renderSms(OUTGOING_LOCALE, template, params);
        const smsParams = Object.fromEntries(
          Object.entries(params)
            .filter(([, value]) => value !== null && value !== undefined)
            .map(([key, value]) => [key, String(value)]),
        );
        const outcome = await channels.sms.send({ phone: user.phone, template, params: smsParams, text });
        if (!outcome.sent) {
          await finish({ status: "SKIPPED", lastError: outcome.skipped });
          result.skipped++;
          continue;
        }
      }
      await finish({ status: "SENT", sentAt: new Date(), lastError: null });
      result.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (row.attempts >= maxAttempts) {
        await finish({ status: "FAILED", lastError: message.slice(0, 500) });
        result.failed++;
        logger.warn(
          {
            component: "notifications",
            deliveryId: row.id,
            channel: row.channel,
            attempts: row.attempts,
            err: message,
          },
          "delivery failed for good",
        );
      } else {
        await finish({
          status: "PENDING",
          lastError: message.slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
        });
        result.retried++;
      }
    }
  }
  return result;
}
