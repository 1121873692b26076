import { dateOnly, iso } from "@/lib/api/dto";
import { apiRoute, json, parseBody, preflight } from "@/lib/api/http";
import { ConsoleCasesQuery } from "@/lib/api/schemas";
import { assertCan } from "@/lib/auth/policy";
import { listQueue } from "@/lib/console/queues";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/console/cases?status=&item=&due=soon|overdue&view=&q=&after=&pageSize= — the caller's department's
 * cases (lib/console/queues.ts: the console's own query), keyset paginated: pass `next` as `after`.
 */
export const GET = apiRoute(async ({ request, actor, locale }) => {
  assertCan(actor, "console.access");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseBody(ConsoleCasesQuery, params, locale);
  const view = query.due === "soon" ? "dueSoon" : query.due === "overdue" ? "overdue" : (query.view ?? "all");
  const page = await listQueue(actor, { ...query, due: undefined, view });
  return json({
    items: page.rows.map((row) => ({
      caseNumber: row.caseNumber,
      status: row.status,
      version: row.version,
      applicantName: row.applicantName,
      itemName: row.itemName,
      itemCode: row.itemCode,
      regionCode: row.regionCode,
      submittedAt: iso(row.submittedAt),
      dueDate: dateOnly(row.dueDate),
      warning: row.warning,
      assigneeName: row.assigneeName,
    })),
    next: page.next,
  });
});
export const OPTIONS = preflight("GET");
