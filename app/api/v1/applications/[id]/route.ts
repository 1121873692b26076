import { patchDraft } from "@/lib/api/applicant";
import { draftDto } from "@/lib/api/dto";
import { apiRoute, json, parseBody, preflight, readJson } from "@/lib/api/http";
import { PatchApplicationBody } from "@/lib/api/schemas";
import { getApplication } from "@/lib/applications/drafts";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** GET /api/v1/applications/{id} — the caller's draft; 404 for anyone else's. */
export const GET = apiRoute<Params>(async ({ actor, params }) =>
  json(draftDto(await getApplication(actor, params.id))),
);

/**
 * PATCH /api/v1/applications/{id} {"answers", "revision"?, "step"?, "validateStep"?, "validateAll"?} → the saved
 * draft. Answers that break the form's rules: 422 with per-field errors, and nothing is saved (the draft keeps its
 * last saved values). A stale revision: 409 with the fresh draft in `current`.
 */
export const PATCH = apiRoute<Params>(async ({ request, actor, params, locale }) => {
  const body = parseBody(PatchApplicationBody, await readJson(request, locale), locale);
  return json(draftDto(await patchDraft(actor, params.id, body)));
});
export const OPTIONS = preflight("GET, PATCH");
