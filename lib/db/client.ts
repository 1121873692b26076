import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import { env } from "../env";
import { watchPool } from "../metrics/signals";
import { PrismaClient } from "../generated/prisma/client";

/**
 * The only PrismaClient of the app (a globalThis singleton so dev reloads do not open new pools).
 * Password hashes are omitted from every query unless a caller asks for them explicitly.
 *
 * Read replicas (DATABASE_REPLICA_URLS, issue 8): Prisma's read-replica extension sends plain reads (findMany,
 * findUnique, count, aggregate, groupBy …) to a random replica and keeps writes, `$transaction` (batch and
 * interactive: every query inside one) and raw SQL on the primary. Each replica is a PrismaClient with its own
 * PrismaPg adapter (with driver adapters a replica cannot be given as a bare URL).
 *
 * Replicas lag behind the primary, so only models whose readers tolerate a moment's lag are read there: the
 * published catalogue and its reference data (regions, departments, themes, items and their guides, offices,
 * holidays, search synonyms) and the statistics tables — the bulk of the anonymous traffic. Everything a
 * person just wrote and reads back, or that decides access, stays on the primary: accounts and sign-in
 * throttling, API tokens, drafts, cases and their events, bookings, notifications, ratings, files, the audit
 * trail. A catalogue read that must see a write made a moment ago (an administrator's edit form right after
 * saving) uses `primaryDb()`.
 */
const REPLICA_MODELS: ReadonlySet<string> = new Set([
  "Region",
  "Department",
  "Theme",
  "CatalogItem",
  "ServiceItem",
  "LegalBasis",
  "Material",
  "Situation",
  "FeeItem",
  "ServiceWindow",
  "Faq",
  "ProcessStep",
  "SpecialProcedure",
  "Holiday",
  "ItemVersion",
  "Office",
  "SearchDocument",
  "SynonymGroup",
  "CaseStatsDaily",
]);

const clientOptions = { omit: { user: { passwordHash: true } } } as const;

/**
 * A client on its own pg Pool of 10 connections. The adapter makes that Pool when Prisma connects (again after a
 * $disconnect), so the pool is handed to the metrics then (lib/metrics/signals.ts: connections in use, idle and
 * requests waiting, read live at each scrape) under `poolName`.
 */
function connect(url: string, poolName: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  const open = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connection = await open();
    watchPool(poolName, connection.underlyingDriver());
    return connection;
  };
  return new PrismaClient({ adapter, ...clientOptions });
}

type Operation = (args: unknown) => Promise<unknown>;
type ModelDelegates = Record<string, Record<string, Operation>>;

/**
 * A replica that answers only for REPLICA_MODELS; reads of any other model are passed back to the primary.
 * The extension picks the replica before it knows whether the model tolerates lag, so the choice is made here.
 */
function replicaFor(url: string, primary: PrismaClient, poolName: string): PrismaClient {
  const replica = connect(url, poolName);
  const primaryDelegates = primary as unknown as ModelDelegates;
  return replica.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        if (!model || REPLICA_MODELS.has(model)) return query(args);
        const delegate = primaryDelegates[model.charAt(0).toLowerCase() + model.slice(1)];
        const run = delegate?.[operation];
        if (!run) return query(args);
        return run.call(delegate, args);
      },
    },
  }) as unknown as PrismaClient;
}

function createClient(): PrismaClient {
  const { DATABASE_URL: url, DATABASE_REPLICA_URLS: replicaUrls } = env();
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which resolves the database");
  const primary = connect(url, "primary");
  if (replicaUrls.length === 0) return primary;
  // The extended client has the primary's whole API (plus $primary/$replica); typed as the primary so every
  // caller and helper that takes a PrismaClient keeps working.
  return primary.$extends(
    readReplicas({
      replicas: replicaUrls.map((replicaUrl, index) => replicaFor(replicaUrl, primary, `replica-${index + 1}`)),
    }),
  ) as unknown as PrismaClient;
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { onewindowDb?: Db };

export function db(): Db {
  globalForDb.onewindowDb ??= createClient();
  return globalForDb.onewindowDb;
}

/** The primary, for a read that must see the latest write (same client as db() without replicas). */
export function primaryDb(): Db {
  const client = db() as Db & { $primary?: () => Db };
  return typeof client.$primary === "function" ? client.$primary() : client;
}
