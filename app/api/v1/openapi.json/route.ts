import { openApiDocument } from "@/lib/api/openapi";
import { publicApi } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the whole API (committed as docs/openapi.json). */
export const GET = publicApi(async () => Response.json(openApiDocument()));
