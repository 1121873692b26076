import { apiRoute, json, parseBody, preflight, readJson } from "@/lib/api/http";
import { WebhookPatchBody } from "@/lib/api/schemas";
import { getWebhook, setWebhookActive } from "@/lib/api/webhooks";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** GET /api/v1/webhooks/{id} — one subscription (404 for another department's). */
export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getWebhook(actor, params.id)));

/** PATCH /api/v1/webhooks/{id} {"active"} — pause or resume. */
export const PATCH = apiRoute<Params>(async ({ request, actor, params, ip, locale }) => {
  const body = parseBody(WebhookPatchBody, await readJson(request, locale), locale);
  return json(await setWebhookActive(actor, params.id, body.active, ip));
});
export const OPTIONS = preflight("GET, PATCH");
