import { apiRoute, json, preflight, readJson } from "@/lib/api/http";
import { createWebhook, listWebhooks } from "@/lib/api/webhooks";

export const dynamic = "force-dynamic";

/** GET /api/v1/webhooks — the department's subscriptions (department and platform administrators). */
export const GET = apiRoute(async ({ actor }) => json({ items: await listWebhooks(actor) }));

/** POST /api/v1/webhooks {"url", "events"?, "departmentCode"?} → 201 the subscription with its secret (shown once). */
export const POST = apiRoute(async ({ request, actor, ip, locale }) =>
  json(await createWebhook(actor, await readJson(request, locale), ip), 201),
);
export const OPTIONS = preflight("GET, POST");
