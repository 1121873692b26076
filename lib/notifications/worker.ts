import "server-only";
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
