import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parse } from "pg-connection-string";

/**
 * The driver adapter Prisma's JavaScript schema engine uses for `migrate deploy|dev|diff`.
 *
 * Why this exists: Prisma's Rust schema engine is downloaded from Prisma's own server, which neither this
 * project's build machines nor a government's isolated network can reach. Prisma 6.19's JS schema engine
 * (`engine: "js"` in prisma.config.ts) needs no download but trips on three things when run through a plain
 * `@prisma/adapter-pg` (upstream prisma/orm#27403), which this client works around:
 *  1. catalog columns of type `"char"` (oid 18) and `name` (oid 19) cannot be deserialised → report them as text;
 *  2. the adapter drops its shadow database while its own pool is still connected → `DROP DATABASE … WITH (FORCE)`;
 *  3. that forced drop ends the shadow connections with an error event → ignore errors on shadow connections.
 * The pool config is built from parsed URL fields (not `connectionString`) so the shadow pool's `database`
 * override takes effect. `tests/integration/migrations.integration.test.ts` proves the migrations match the schema.
 */
const PG_CHAR_OID = 18;
const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;
const SHADOW_PREFIX = "prisma_migrate_shadow_db_";
const DROP_SHADOW = new RegExp(`^DROP DATABASE "${SHADOW_PREFIX}`);

type FieldsResult = { fields?: { dataTypeID: number }[] } | undefined;

function catalogTypesAsText<T>(result: T): T {
  for (const field of (result as FieldsResult)?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID || field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

function forceShadowDrop(sql: string): string {
  return DROP_SHADOW.test(sql) ? `${sql} WITH (FORCE)` : sql;
}

class MigrationSafeClient extends pg.Client {
  private readonly isShadow: boolean;

  constructor(config: pg.ClientConfig) {
    super(config);
    this.isShadow = String(config.database ?? "").startsWith(SHADOW_PREFIX);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (this.isShadow && event === "error") return true;
    return super.emit(event, ...args);
  }

  // pg-pool calls query(config, values, callback); direct callers use the promise form. Both are covered.
  override query(...args: unknown[]): never {
    const [first] = args;
    if (typeof first === "string") args[0] = forceShadowDrop(first);
    else if (first && typeof (first as pg.QueryConfig).text === "string") {
      (first as pg.QueryConfig).text = forceShadowDrop((first as pg.QueryConfig).text);
    }
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: Error | null, result: unknown) => callback(error, catalogTypesAsText(result));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<unknown>).then(catalogTypesAsText) as never;
    }
    return result as never;
  }
}

export function createMigrationAdapter(databaseUrl: string): PrismaPg {
  const fields = parse(databaseUrl);
  // A config, not a Pool: the adapter spreads it into the shadow database's pool, Client class included.
  return new PrismaPg({
    host: fields.host ?? undefined,
    port: fields.port ? Number(fields.port) : undefined,
    user: fields.user ?? undefined,
    password: fields.password ?? undefined,
    database: fields.database ?? undefined,
    Client: MigrationSafeClient as unknown as typeof pg.Client,
  });
}
