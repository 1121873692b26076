import { apiRoute, json, preflight } from "@/lib/api/http";
import { notificationsForApi } from "@/lib/notifications/inbox";

export const dynamic = "force-dynamic";

/** GET /api/v1/notifications?page=&unread=1 — the caller's inbox, newest first, rendered in the asked language. */
export const GET = apiRoute(async ({ request, actor, locale }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return json(await notificationsForApi(actor, locale, query));
});
export const OPTIONS = preflight("GET");
