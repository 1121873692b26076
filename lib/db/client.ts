import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { PrismaClient } from "../generated/prisma/client";

/**
 * The only PrismaClient of the app (a globalThis singleton so dev reloads do not open new pools).
 * Password hashes are omitted from every query unless a caller asks for them explicitly.
 */
function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which resolves the database");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 10 }),
    omit: { user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { onewindowDb?: Db };

export function db(): Db {
  globalForDb.onewindowDb ??= createClient();
  return globalForDb.onewindowDb;
}
