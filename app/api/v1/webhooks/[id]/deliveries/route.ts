import { apiRoute, json, preflight } from "@/lib/api/http";
import { listDeliveries } from "@/lib/api/webhooks";

export const dynamic = "force-dynamic";

/** GET /api/v1/webhooks/{id}/deliveries — the delivery log, newest first (status, attempts, last answer). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) =>
  json({ items: await listDeliveries(actor, params.id) }),
);
export const OPTIONS = preflight("GET");
