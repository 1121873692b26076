import "server-only";
import { runWebhookRound } from "../api/webhooks";
import { env } from "../env";
import { logger } from "../logger";
import { countOutcomes } from "../metrics/signals";
import { startJobLoop } from "./loop";

/** Runs a round now and every WEBHOOK_JOB_SECONDS (0: never); returns a stop function. Safe in every instance. */
export function startWebhookWorker({
  intervalSeconds = env().WEBHOOK_JOB_SECONDS,
}: { intervalSeconds?: number } = {}): () => void {
  return startJobLoop({
    name: "webhooks",
    intervalSeconds,
    run: async () => {
      const result = await runWebhookRound();
      const { delivered } = result;
      countOutcomes("webhook_deliveries", {
        sent: delivered.sent,
        retried: delivered.retried,
        failed: delivered.failed,
        skipped: delivered.skipped,
      });
      if (result.collected + delivered.claimed > 0) logger.info({ component: "webhooks", ...result }, "webhook round");
    },
    onError: (error) => logger.error({ component: "webhooks", err: error }, "webhook round failed"),
  });
}
