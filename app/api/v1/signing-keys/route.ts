import { apiRoute } from "@/lib/api/http";
import { publishedKeys } from "@/lib/results/signing";

export const dynamic = "force-dynamic";

/** GET /api/v1/signing-keys — the public keys that verify certificates' signed QR payloads (lib/results/signing.ts). */
export const GET = apiRoute(
  async () => Response.json({ keys: await publishedKeys() }, { headers: { "Cache-Control": "public, max-age=300" } }),
  { access: "public" },
);
