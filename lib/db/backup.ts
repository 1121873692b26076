/**
 * Backup and restore of the whole application: every table's rows (one consistent snapshot) and the uploaded
 * files of the local file storage, in one gzip-compressed file of JSON lines.
 *
 * Why not pg_dump: the embedded server is PostgreSQL 18 and ships no pg_dump; Debian's client tools are older
 * (15), and pg_dump refuses servers newer than itself. The schema is fully described by the committed
 * migrations, so a backup records which migrations it was taken at and the rows; a restore applies the same
 * migrations to an empty database (the same path as every install) and loads the rows into it. Rows travel
 * through row_to_json / json_populate_recordset, PostgreSQL's own text forms of every type, so values come back
 * exactly (timestamps, numerics, JSON, arrays, bytea).
 *
 * Format (one JSON value per line):
 *   {"format":"onewindow-backup","version":1,"createdAt":…,"migrations":[…],"tables":[…]}
 *   {"table":"region"}        then {"r":{…row…}} per row, with "jn":[columns] naming JSON null values
 *                             (row_to_json writes them like SQL NULL)
 *   {"file":"application-material/2026/11/…","data":"<base64>"}  per stored file (local storage only)
 *   {"end":true,"rows":N,"files":N}
 * A file without the end line is refused (a backup cut short is never restored half).
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";

export const BACKUP_FORMAT = "onewindow-backup";
const BATCH = 500;
const MIGRATIONS_TABLE = "_prisma_migrations";

type Header = { format: string; version: number; createdAt: string; migrations: string[]; tables: string[] };
export type BackupSummary = { tables: number; rows: number; files: number; migrations: number };

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function tablesOf(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1 ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return result.rows.map((row) => row.name);
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function jsonColumnsOf(client: pg.Client, table: string): Promise<string[]> {
  const result = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND data_type IN ('json', 'jsonb') ORDER BY ordinal_position`,
    [table],
  );
  return result.rows.map((row) => row.column_name);
}

async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM ${MIGRATIONS_TABLE} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return result.rows.map((row) => row.migration_name);
}

async function listFiles(root: string, prefix = ""): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, prefix), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const keys: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const key = prefix ? `${prefix}/${entry.name}` : entry.name;
    // Temporary files of interrupted atomic writes are not data.
    if (entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) keys.push(...(await listFiles(root, key)));
    else if (entry.isFile()) keys.push(key);
  }
  return keys;
}

/**
 * Writes a backup of the database at `databaseUrl` (and of `filesRoot`, the local file storage, when given) to
 * `file`. Rows are read in one REPEATABLE READ transaction, so they are one consistent moment even while the app
 * runs. The file appears under its name only when complete.
 */
export async function backupDatabase({
  databaseUrl,
  file,
  filesRoot,
}: {
  databaseUrl: string;
  file: string;
  filesRoot?: string | null;
}): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const partial = `${file}.partial`;
  let rows = 0;
  let files = 0;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await tablesOf(client);
    const migrations = await appliedMigrations(client);
    async function* lines(): AsyncGenerator<string> {
      const header: Header = {
        format: BACKUP_FORMAT,
        version: 1,
        createdAt: new Date().toISOString(),
        migrations,
        tables,
      };
      yield `${JSON.stringify(header)}\n`;
      for (const table of tables) {
        yield `${JSON.stringify({ table })}\n`;
        // row_to_json writes SQL NULL and a JSON null value alike; the JSON nulls are named beside the row.
        const jsonColumns = await jsonColumnsOf(client, table);
        const jsonNulls = jsonColumns.length
          ? `array_remove(ARRAY[${jsonColumns.map((column) => `CASE WHEN t.${ident(column)}::text = 'null' THEN ${literal(column)} END`).join(", ")}], NULL)`
          : "ARRAY[]::text[]";
        await client.query(
          `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS r, ${jsonNulls} AS jn FROM ${ident(table)} t`,
        );
        for (;;) {
          const batch = await client.query<{ r: string; jn: string[] }>(`FETCH ${BATCH} FROM backup_rows`);
          for (const row of batch.rows)
            yield row.jn.length ? `{"r":${row.r},"jn":${JSON.stringify(row.jn)}}\n` : `{"r":${row.r}}\n`;
          rows += batch.rows.length;
          if (batch.rows.length < BATCH) break;
        }
        await client.query("CLOSE backup_rows");
      }
      if (filesRoot) {
        for (const key of await listFiles(filesRoot)) {
          const data = await readFile(path.join(filesRoot, ...key.split("/")));
          yield `${JSON.stringify({ file: key, data: data.toString("base64") })}\n`;
          files += 1;
        }
      }
      yield `${JSON.stringify({ end: true, rows, files })}\n`;
    }
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial));
    await client.query("COMMIT");
    await rename(partial, file);
    return { tables: tables.length, rows, files, migrations: migrations.length };
  } finally {
    await client.end();
  }
}

async function* readLines(file: string): AsyncGenerator<unknown> {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Infinity });
  for await (const line of reader) if (line) yield JSON.parse(line) as unknown;
}

/** Checks that a backup file is whole (header and end line) before anything is changed. */
export async function inspectBackup(file: string): Promise<{ header: Header; rows: number; files: number }> {
  let header: Header | null = null;
  for await (const value of readLines(file)) {
    if (!header) {
      const candidate = value as Partial<Header>;
      if (candidate.format !== BACKUP_FORMAT || candidate.version !== 1)
        throw new Error(`${file} is not a OneWindow backup`);
      header = candidate as Header;
      continue;
    }
    const end = value as { end?: boolean; rows?: number; files?: number };
    if (end.end) return { header, rows: end.rows ?? 0, files: end.files ?? 0 };
  }
  throw new Error(`${file} is incomplete (no end marker): refusing to restore it`);
}

/**
 * Restores a backup into the database at `databaseUrl`, which must be empty: `migrate` (the caller passes
 * lib/db/prisma-cli migrateDeploy) brings it to the schema first, and the backup's migrations must all be known
 * to this version of the app. Rows are loaded in one transaction with triggers and foreign-key checks deferred
 * (session_replication_role = replica; this needs a superuser or the table owner with that right, as
 * pg_restore does), so the order of tables does not matter and a failure leaves the database as it was.
 * Sequences are moved past the restored values. Files are written back into `filesRoot`.
 */
export async function restoreDatabase({
  databaseUrl,
  file,
  filesRoot,
  migrate,
  knownMigrations,
}: {
  databaseUrl: string;
  file: string;
  filesRoot?: string | null;
  migrate: (url: string) => Promise<void>;
  knownMigrations: string[];
}): Promise<BackupSummary> {
  const { header } = await inspectBackup(file);
  const unknown = header.migrations.filter((name) => !knownMigrations.includes(name));
  if (unknown.length > 0)
    throw new Error(
      `the backup was taken by a newer version of the app (migrations ${unknown.join(", ")}): upgrade before restoring`,
    );

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const existing = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> $1`,
      [MIGRATIONS_TABLE],
    );
    for (const { name } of existing.rows) {
      const count = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(name)}) AS any`);
      if (count.rows[0]?.any)
        throw new Error(`the target database is not empty (table ${name} has rows): restore into a new database`);
    }
    await migrate(databaseUrl);
    const tables = new Set(await tablesOf(client));
    const columns = new Map<string, { name: string; type: string }[]>();
    const result = await client.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
    );
    for (const row of result.rows)
      columns.set(row.table_name, [
        ...(columns.get(row.table_name) ?? []),
        { name: row.column_name, type: row.data_type },
      ]);

    let rows = 0;
    let files = 0;
    let table: string | null = null;
    let batch: unknown[] = [];
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const list = columns.get(table) ?? [];
      const values = list.map(({ name, type }) =>
        type === "json" || type === "jsonb"
          ? `CASE WHEN COALESCE((e.v -> 'jn')::jsonb, '[]'::jsonb) ? ${literal(name)} THEN 'null'::${type} ELSE r.${ident(name)} END`
          : `r.${ident(name)}`,
      );
      await client.query(
        `INSERT INTO ${ident(table)} (${list.map(({ name }) => ident(name)).join(", ")}) OVERRIDING SYSTEM VALUE
         SELECT ${values.join(", ")} FROM json_array_elements($1::json) AS e(v), LATERAL json_populate_record(NULL::${ident(table)}, e.v -> 'r') AS r`,
        [JSON.stringify(batch)],
      );
      rows += batch.length;
      batch = [];
    };
    await client.query("BEGIN");
    try {
      await client.query("SET LOCAL session_replication_role = replica");
      let first = true;
      for await (const value of readLines(file)) {
        if (first) {
          first = false;
          continue;
        }
        const line = value as {
          table?: string;
          r?: unknown;
          jn?: string[];
          file?: string;
          data?: string;
          end?: boolean;
        };
        if (line.table !== undefined) {
          await flush();
          if (!tables.has(line.table)) throw new Error(`the backup has a table this schema lacks: ${line.table}`);
          table = line.table;
        } else if (line.r !== undefined) {
          batch.push(line.jn ? { r: line.r, jn: line.jn } : { r: line.r });
          if (batch.length >= BATCH) await flush();
        } else if (line.file !== undefined && line.data !== undefined) {
          await flush();
          if (!filesRoot) continue;
          if (line.file.split("/").some((part) => part === ".." || part === "" || part.startsWith(".")))
            throw new Error(`unsafe file name in the backup: ${line.file}`);
          const target = path.join(filesRoot, ...line.file.split("/"));
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, Buffer.from(line.data, "base64"));
          files += 1;
        } else if (line.end) {
          await flush();
        }
      }
      await flush();
      // Sequences (serial and identity columns) continue after the restored values.
      const sequences = await client.query<{ table_name: string; column_name: string; sequence: string }>(
        `SELECT c.relname AS table_name, a.attname AS column_name, s.relname AS sequence
           FROM pg_depend d
           JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
           JOIN pg_class c ON c.oid = d.refobjid
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
           JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'`,
      );
      for (const sequence of sequences.rows) {
        await client.query(
          `SELECT setval(${`'public.${ident(sequence.sequence).replaceAll("'", "''")}'`}::regclass, COALESCE((SELECT max(${ident(sequence.column_name)}) FROM ${ident(sequence.table_name)}), 0) + 1, false)`,
        );
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    return { tables: tables.size, rows, files, migrations: header.migrations.length };
  } finally {
    await client.end();
  }
}

/** Size of a file in bytes, for the command's summary. */
export async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size;
}
