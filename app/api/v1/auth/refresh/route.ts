import { apiRoute, json, parseBody, preflight, readJson } from "@/lib/api/http";
import { RefreshBody } from "@/lib/api/schemas";
import { refreshTokens } from "@/lib/api/tokens";

export const dynamic = "force-dynamic";

/** POST /api/v1/auth/refresh {"refresh_token"} → a new token pair; the refresh token is used up (rotation). */
export const POST = apiRoute(
  async ({ request, ip, locale }) => {
    const body = parseBody(RefreshBody, await readJson(request, locale), locale);
    return json(await refreshTokens(body, { ip }));
  },
  { access: "open" },
);
export const OPTIONS = preflight("POST");
