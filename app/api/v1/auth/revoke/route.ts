import { apiRoute, json, parseBody, preflight, readJson } from "@/lib/api/http";
import { RevokeBody } from "@/lib/api/schemas";
import { revokeToken } from "@/lib/api/tokens";

export const dynamic = "force-dynamic";

/** POST /api/v1/auth/revoke {"token"} → {"revoked": true}; the token's whole family ends (unknown tokens alike). */
export const POST = apiRoute(
  async ({ request, ip, locale }) => {
    const body = parseBody(RevokeBody, await readJson(request, locale), locale);
    await revokeToken(body, { ip });
    return json({ revoked: true });
  },
  { access: "open" },
);
export const OPTIONS = preflight("POST");
