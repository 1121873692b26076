import { getApplication, listMyApplications, startApplication } from "@/lib/applications/drafts";
import { draftDto, iso } from "@/lib/api/dto";
import { apiRoute, json, parseBody, preflight, readJson } from "@/lib/api/http";
import { StartApplicationBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/applications — the caller's open drafts (the same list as "my applications" on the web). */
export const GET = apiRoute(async ({ actor }) => {
  const mine = await listMyApplications(actor);
  return json({
    items: mine.drafts.map((draft) => ({
      id: draft.id,
      itemCode: draft.item.implementationCode,
      itemName: draft.item.name,
      updatedAt: iso(draft.updatedAt),
      expiresAt: iso(draft.expiresAt),
    })),
  });
});

/**
 * POST /api/v1/applications {"itemCode"} → 201 the new draft, or 200 the open draft for that item (one per
 * applicant and item, shared with the web: a draft started here can be finished there).
 */
export const POST = apiRoute(async ({ request, actor, ip, locale }) => {
  const body = parseBody(StartApplicationBody, await readJson(request, locale), locale);
  const started = await startApplication(actor, body.itemCode, ip);
  return json(draftDto(await getApplication(actor, started.applicationId)), started.resumed ? 200 : 201);
});
export const OPTIONS = preflight("GET, POST");
