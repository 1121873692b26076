import { caseDetailDto } from "@/lib/api/dto";
import { apiRoute, json, preflight } from "@/lib/api/http";
import { getMyCase } from "@/lib/applications/cases";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases/{caseNumber} — the caller's case with its timeline (applicant-visible events only); 404 for others'. */
export const GET = apiRoute<{ caseNumber: string }>(async ({ actor, params }) =>
  json(caseDetailDto(await getMyCase(actor, params.caseNumber))),
);
export const OPTIONS = preflight("GET");
