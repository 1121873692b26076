import "server-only";
import { env } from "../env";
import { startJobLoop } from "../jobs/loop";
import { logger } from "../logger";
import { countOutcomes } from "../metrics/signals";
import { type DeliveryChannels, processDeliveries } from "./delivery";
import { collectNotifications } from "./outbox";

/** One round: new events → notifications, then due e-mail and SMS deliveries. Tests call this directly. */
export async function runNotificationRound({
  now = new Date(),
  channels,
}: { now?: Date; channels?: DeliveryChannels } = {}) {
  const collected = await collectNotifications({ now });
  const delivered = await processDeliveries({ now, channels });
  return { collected, delivered };
}

/**
 * Runs a round now and then every NOTIFY_JOB_SECONDS (0: never) in this process; returns a stop function.
 * Started beside the server by scripts/jobs.ts; safe in every instance (see outbox.ts and delivery.ts).
 */
export function startNotificationWorker({
  intervalSeconds = env().NOTIFY_JOB_SECONDS,
}: { intervalSeconds?: number } = {}): () => void {
  return startJobLoop({
    name: "notifications",
    intervalSeconds,
    run: async () => {
      const result = await runNotificationRound();
      const { collected, delivered } = result;
      countOutcomes("notification_deliveries", {
        sent: delivered.sent,
        retried: delivered.retried,
        failed: delivered.failed,
        skipped: delivered.skipped,
      });
      if (collected.caseEvents + collected.drafts + collected.bookings + delivered.claimed > 0)
        logger.info({ component: "notifications", ...result }, "notification round");
    },
    onError: (error) => logger.error({ component: "notifications", err: error }, "notification round failed"),
  });
}
