import { apiRoute, parseQuery } from "@/lib/api/http";
import { SuggestApiQuery } from "@/lib/api/schemas";
import { suggestItemNames } from "@/lib/search/query";

export const dynamic = "force-dynamic";

/** GET /api/v1/suggest?q= — item names for type-ahead (characters, pinyin or initials). */
export const GET = apiRoute(
  async ({ request, locale }) => {
    const { q } = parseQuery(SuggestApiQuery, { q: new URL(request.url).searchParams.get("q") ?? "" }, locale);
    return Response.json({ suggestions: await suggestItemNames(q) });
  },
  { access: "public" },
);
