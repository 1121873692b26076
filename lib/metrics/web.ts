import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { MetricObjectWithValues, MetricValue } from "prom-client";
import type { Env } from "../env";
import { metricsDatabase } from "./database";
import { answerOperatorRequest, type OperatorEndpoints } from "./endpoint";
import { askJobsProcess, jobsSocketPath } from "./jobs-link";
import { readinessReport } from "./readiness";
import { type BuildInfo, createWebMetrics, type HttpMetrics } from "./registry";
import { appRoutePatterns, routeTable, type RouteTable } from "./routes";

/**
 * The web server's side of the metrics, put together from the configuration (scripts/server.ts; the integration
 * test builds the same with its own database and socket): route patterns from app/, the registry, the operators'
 * endpoints with their token, and the optional separate metrics port.
 */
export type WebMetricsSetup = {
  routes: RouteTable;
  http: HttpMetrics;
  operator: { endpoints: OperatorEndpoints; token: string | undefined };
  /** Starts the METRICS_PORT listener when one is configured. */
  listenMetricsPort(): Promise<Server | null>;
  close(): Promise<void>;
};

/** The package version, the source revision (git, when the app runs from a checkout) and the Next.js build id. */
export function readBuildInfo(root: string, dev: boolean): BuildInfo {
  const version =
    (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  let revision = "unknown";
  try {
    revision =
      execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
        cwd: root,
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 2000,
      })
        .toString()
        .trim() || "unknown";
  } catch {
    // Not a checkout (an image built from a copy of the sources), or no git: the version and build id remain.
  }
  const buildIdFile = path.join(root, ".next", "BUILD_ID");
  const buildId = dev ? "development" : existsSync(buildIdFile) ? readFileSync(buildIdFile, "utf8").trim() : "unknown";
  return { version, revision, buildId, nodeVersion: process.version };
}

/** A PING on a connection of its own, closed right after: readiness is asked rarely, by operators. */
async function pingRedis(url: string): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: 1500,
    commandTimeout: 1500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

export function setUpWebMetrics({
  root,
  dev,
  config,
  socketPath = jobsSocketPath(config.PORT),
  figuresTtlMs,
}: {
  /** The app's folder: app/, prisma/migrations, package.json. */
  root: string;
  dev: boolean;
  config: Pick<Env, "PORT" | "DATABASE_URL" | "REDIS_URL" | "METRICS_TOKEN" | "METRICS_PORT" | "METRICS_HOST">;
  socketPath?: string;
  /** How long the figures read from the database are reused (lib/metrics/database.ts). */
  figuresTtlMs?: number;
}): WebMetricsSetup {
  const routes = routeTable([...appRoutePatterns(path.join(root, "app")), "/metrics"]);
  const database = config.DATABASE_URL ? metricsDatabase(config.DATABASE_URL, { ttlMs: figuresTtlMs }) : null;
  const metrics = createWebMetrics({
    build: readBuildInfo(root, dev),
    database: database ?? undefined,
    // The jobs process sends its registry's getMetricsAsJSON() (scripts/jobs.ts).
    jobsProcess: async () =>
      ((await askJobsProcess(socketPath))?.metrics as MetricObjectWithValues<MetricValue<string>>[] | undefined) ??
      null,
  });
  const endpoints: OperatorEndpoints = {
    metrics: () => metrics.exposition(),
    readiness: () =>
      readinessReport({
        query: async (text, values) => {
          if (!database) throw new Error("DATABASE_URL is not set");
          return database.query(text, values);
        },
        migrationsDir: path.join(root, "prisma", "migrations"),
        jobs: async () => (await askJobsProcess(socketPath))?.jobs ?? null,
        redisPing: config.REDIS_URL ? () => pingRedis(config.REDIS_URL!) : null,
      }),
  };
  const operator = { endpoints, token: config.METRICS_TOKEN };
  let metricsServer: Server | null = null;
  return {
    routes,
    http: metrics.http,
    operator,
    async listenMetricsPort() {
      if (config.METRICS_PORT === undefined) return null;
      const server = createServer(
        (request, response) => void answerOperatorRequest(request, response, { ...operator, appPort: false }),
      );
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.METRICS_PORT, config.METRICS_HOST, () => resolve());
      });
      metricsServer = server;
      return server;
    },
    async close() {
      if (metricsServer) {
        const closed = new Promise<void>((resolve) => metricsServer!.close(() => resolve()));
        // Prometheus keeps its connection open between scrapes; nothing is lost by cutting it.
        metricsServer.closeAllConnections();
        await closed;
      }
      await database?.close();
    },
  };
}
