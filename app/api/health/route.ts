import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability for load balancers: 200 when the database answers, 503 when not. */
export async function GET() {
  const dbOk = await checkDatabase();
  return Response.json({ status: dbOk ? "ok" : "degraded", db: dbOk ? "ok" : "unreachable" }, { status: dbOk ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
