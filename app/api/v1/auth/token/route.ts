import { apiRoute, json, preflight, readJson } from "@/lib/api/http";
import { issueTokens } from "@/lib/api/tokens";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/auth/token {"username", "password"} → {"access_token", "token_type": "Bearer", "expires_in",
 * "refresh_token"}. Same usernames, same throttling and the same answer for an unknown account or a wrong
 * password as the web sign-in (lib/auth/authenticate.ts).
 */
export const POST = apiRoute(
  async ({ request, ip, locale }) => json(await issueTokens(await readJson(request, locale), { ip })),
  { access: "open" },
);
export const OPTIONS = preflight("POST");
