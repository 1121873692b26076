import { openApiDocument } from "@/lib/api/openapi";
import { apiRoute } from "@/lib/api/http";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the whole API (committed as docs/openapi.json). */
export const GET = apiRoute(async () => Response.json(openApiDocument()), { access: "public" });
