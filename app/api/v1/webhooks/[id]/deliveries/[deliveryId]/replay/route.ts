import { apiRoute, json, preflight } from "@/lib/api/http";
import { replayDelivery } from "@/lib/api/webhooks";

export const dynamic = "force-dynamic";

/** POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay — send it again (same delivery id, new signature). */
export const POST = apiRoute<{ id: string; deliveryId: string }>(async ({ actor, params, ip }) =>
  json(await replayDelivery(actor, params.id, params.deliveryId, ip), 202),
);
export const OPTIONS = preflight("POST");
