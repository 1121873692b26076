import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/**
 * Liveness and database reachability for load balancers: 200 when the database answers, 503 when not. It says
 * nothing more to anyone: operators get the readiness detail (migrations, jobs, cache store) at
 * `/api/health?detail=1` with the metrics token, which lib/http/app-server.ts answers before this route is reached
 * (lib/metrics/endpoint.ts); without the token the parameter is ignored here.
 */
export async function GET() {
  const dbOk = await checkDatabase();
  return Response.json(
    { status: dbOk ? "ok" : "degraded", db: dbOk ? "ok" : "unreachable" },
    { status: dbOk ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
