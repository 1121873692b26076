import { catalogueOpenApi } from "@/lib/catalogue/openapi";
import { publicApi } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the public API. */
export const GET = publicApi(async (request) => Response.json(catalogueOpenApi(new URL(request.url).origin)));
