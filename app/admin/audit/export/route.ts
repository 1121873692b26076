import { exportHandler } from "@/app/admin/supervision/_components/export-route";
import { auditTable } from "@/lib/supervision/audit-search";

export const dynamic = "force-dynamic";

/** GET /admin/audit/export?format=csv|xlsx&actor&action&objectType&objectId&from&to — platform administrators. */
export const GET = exportHandler("audit-log", (actor, params) => auditTable(actor, params));
