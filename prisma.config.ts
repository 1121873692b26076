import path from "node:path";
import { defineConfig } from "prisma/config";
import { createMigrationAdapter } from "./lib/db/migration-adapter";

// The CLI runs with Prisma's JS schema engine so migrations need no network (see lib/db/migration-adapter.ts).
// DATABASE_URL is set by scripts/db.ts, which resolves the embedded or configured server first.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run Prisma through `npm run db -- …`");
    return createMigrationAdapter(url);
  },
});
