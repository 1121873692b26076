import { chmod, unlink } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JobStatus } from "./readiness";

/**
 * How the web server learns what the background-jobs process of its own instance knows (issue 24): the jobs'
 * metrics and their last rounds live in that process (scripts/jobs.ts), but Prometheus and operators ask the web
 * server. The jobs process answers on a Unix socket only processes of the same user on this machine can open
 * (mode 600), named after the app's PORT: both processes get the same PORT from scripts/start.ts, and two
 * instances on one machine cannot share a port, so each web server finds exactly its own jobs process.
 */

export type JobsSnapshot = { metrics: unknown[]; jobs: JobStatus[] };

/** The socket of the jobs process of the instance serving on `port`. */
export function jobsSocketPath(port: number, dir = tmpdir()): string {
  return path.join(dir, `onewindow-${port}-jobs.sock`);
}

/** Serves `snapshot` on the socket; returns a function that closes it. A socket left by a crashed process is replaced. */
export async function serveJobsSnapshot(
  socketPath: string,
  snapshot: () => Promise<JobsSnapshot>,
): Promise<() => Promise<void>> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/snapshot") {
      response.writeHead(404).end();
      return;
    }
    snapshot().then(
      (value) => response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(value)),
      () => response.writeHead(503).end(),
    );
  });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => {
        server.off("error", reject);
        resolve();
      });
    });
  try {
    await listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    // Still answering: another jobs process of this port is alive; leave it. Otherwise the file is a leftover.
    if (await askJobsProcess(socketPath, 500)) throw error;
    await unlink(socketPath).catch(() => undefined);
    await listen();
  }
  await chmod(socketPath, 0o600);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The jobs process's snapshot, or null when none answers within `timeoutMs`. */
export function askJobsProcess(socketPath: string, timeoutMs = 1000): Promise<JobsSnapshot | null> {
  return new Promise((resolve) => {
    const call = httpRequest({ socketPath, path: "/snapshot", method: "GET", timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        if (response.statusCode !== 200) return resolve(null);
        try {
          const value = JSON.parse(Buffer.concat(chunks).toString("utf8")) as JobsSnapshot;
          resolve(Array.isArray(value.metrics) && Array.isArray(value.jobs) ? value : null);
        } catch {
          resolve(null);
        }
      });
      response.on("error", () => resolve(null));
    });
    call.on("timeout", () => call.destroy());
    call.on("error", () => resolve(null));
    call.end();
  });
}
