import { me } from "@/lib/api/applicant";
import { apiRoute, json, preflight } from "@/lib/api/http";

export const dynamic = "force-dynamic";

/** GET /api/v1/me — the caller's own account (ID and phone numbers masked). */
export const GET = apiRoute(async ({ actor }) => json(await me(actor)));
export const OPTIONS = preflight("GET");
