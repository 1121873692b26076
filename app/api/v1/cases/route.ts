import { listMyApplications } from "@/lib/applications/drafts";
import { dateOnly, iso } from "@/lib/api/dto";
import { apiRoute, json, preflight } from "@/lib/api/http";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases — the caller's cases (a company agent: the company's), newest first. */
export const GET = apiRoute(async ({ actor }) => {
  const mine = await listMyApplications(actor);
  return json({
    items: mine.cases.map((row) => ({
      caseNumber: row.caseNumber,
      status: row.status,
      version: row.version,
      itemCode: row.item.implementationCode,
      itemName: row.item.name,
      submittedAt: iso(row.submittedAt),
      dueDate: dateOnly(row.dueDate),
    })),
  });
});
export const OPTIONS = preflight("GET");
