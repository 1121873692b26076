import { db } from "@/lib/db/client";
import { apiError, publicApi } from "@/lib/http/api";
import { isSafeText } from "@/lib/validation/text";
import { suggest } from "@/lib/search/query";

export const dynamic = "force-dynamic";

/** GET /api/v1/suggest?q= — item names for type-ahead (characters, pinyin or initials). */
export const GET = publicApi(async (request) => {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 60);
  if (!isSafeText(q))
    return apiError(400, "VALIDATION", "Invalid query parameters.", {
      q: "Control or invisible formatting characters are not allowed.",
    });
  const suggestions = q.trim() ? await suggest(db(), q, 8) : [];
  return Response.json({ suggestions: suggestions.map((suggestion) => suggestion.text) });
});
