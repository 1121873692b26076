import "server-only";
import { env } from "../env";
import { logger } from "../logger";
import { countOutcomes } from "../metrics/signals";
import { runNotificationRound } from "../notifications/worker";
import { startJobLoop } from "./loop";

/**
 * Runs a round now and then every NOTIFY_JOB_SECONDS (0: never) in this process; returns a stop function.
 * Started beside the server by scripts/jobs.ts; safe in every instance (see lib/notifications/outbox.ts and
 * delivery.ts).
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
