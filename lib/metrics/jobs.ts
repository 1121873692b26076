import { serveJobsSnapshot } from "./jobs-link";
import { jobStatuses } from "./readiness";
import { createJobsMetrics } from "./registry";

/**
 * The jobs process's side of the metrics (scripts/jobs.ts): its registry, offered with the jobs' last rounds on the
 * socket the web server of the same instance reads (lib/metrics/jobs-link.ts). Returns a function that closes it.
 */
export async function serveJobsMetrics(socketPath: string): Promise<() => Promise<void>> {
  const { registry } = createJobsMetrics();
  return serveJobsSnapshot(socketPath, async () => ({
    metrics: await registry.getMetricsAsJSON(),
    jobs: jobStatuses(),
  }));
}
