import { toGuideDto } from "@/lib/catalogue/api-dto";
import { findItemGuide } from "@/lib/catalogue/queries";
import { apiError, publicApi } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/items/{code} — the whole published guide of one item. */
export const GET = publicApi<{ params: Promise<{ code: string }> }>(async (_request, { params }) => {
  const { code } = await params;
  // Letters, digits and . _ - only: a NUL or other control character would be refused by PostgreSQL as a 500.
  const guide = /^[\p{L}\p{N}._-]{1,64}$/u.test(code) ? await findItemGuide(code) : null;
  if (!guide) return apiError(404, "NOT_FOUND", `No published item with code ${code.slice(0, 64)}.`);
  return Response.json(toGuideDto(guide));
});
