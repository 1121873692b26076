import { PrismaPg } from "@prisma/adapter-pg";
import { FormDefinition } from "../forms/definition";
import { Prisma, PrismaClient } from "../generated/prisma/client";
import { type PiiKeys, piiKeys } from "../security/pii";
import { sealAnswers } from "./answer-secrets";

/**
 * Brings form answers written before they were encrypted (lib/applications/answer-secrets.ts) up to date: in
 * application (drafts and submitted applications), case_record and case_submission, every plaintext value of an
 * `idNumber` or `phone` field (group rows included) is encrypted with `sealAnswers`, using the form definition of
 * the row's item version — the application's own version, the version a case was filed under, and for a
 * submission the version of its case.
 *
 * Runs after every `migrate deploy` beside lib/accounts/pii-backfill.ts (lib/db/prepare.ts `migrateData`: npm
 * start, `npm run db -- migrate` and `restore`). Idempotent: `sealAnswers` leaves ciphertext as it is, and only
 * rows whose stored answers differ after sealing are written, so a second run writes nothing.
 *
 * Fast on large tables: each table is walked in primary-key order (keyset pagination, `batchSize` rows per query;
 * an idle pass over 200,000 rows takes about 2 s on a small machine) and PostgreSQL itself picks the candidates — answers holding a non-empty string that is not ciphertext under a key
 * that some form declares as an ID number or phone (a superset, computed once per run from every item version's
 * form) — so only those rows' answers travel to this process; the exact decision is then made with the row's own
 * version. A page's conversions are written in one UPDATE, each row only if its answers are still exactly what was
 * read (another writer — the app, or a second instance running this — is never clobbered; a row changed meanwhile
 * is counted and converted by the next run if it still needs it).
 *
 * Rows whose version has no (valid) form, and rows whose answers are not a JSON object, are left as they are and
 * counted, never fatal. Nothing here logs or returns a value or an id of a row's answers.
 */

type Table = "application" | "case_record" | "case_submission";

export type AnswersBackfillResult = {
  /** Rows whose answers were encrypted, per table. */
  applications: number;
  cases: number;
  submissions: number;
  /** Candidate rows left as they are: their item version has no form (or one that does not parse). */
  noForm: number;
  /** Candidate rows left as they are: their answers are not a JSON object. */
  unreadable: number;
  /** Rows whose answers changed between read and write (not overwritten; the next run looks again). */
  changedMeanwhile: number;
};

/** The shape `encryptPii` writes (lib/security/pii.ts `isEncryptedPii`), as a PostgreSQL regular expression. */
const CIPHERTEXT = "^v[0-9]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*$";
const FIRST_UUID = "00000000-0000-0000-0000-000000000000";

/** One page of a table in primary-key order: id, the item version its answers belong to, and the answers. */
function pageOf(table: Table, after: string, size: number): Prisma.Sql {
  switch (table) {
    case "application":
      return Prisma.sql`SELECT id, item_version_id AS version_id, answers FROM application WHERE id > ${after}::uuid ORDER BY id LIMIT ${size}`;
    case "case_record":
      return Prisma.sql`SELECT id, item_version_id AS version_id, answers FROM case_record WHERE id > ${after}::uuid ORDER BY id LIMIT ${size}`;
    case "case_submission":
      // A submission belongs to the version its case was filed under. Looked up per row of the page (a join would
      // let the planner hash both whole tables for every page).
      return Prisma.sql`SELECT s.id, (SELECT c.item_version_id FROM case_record c WHERE c.id = s.case_id) AS version_id, s.answers
                          FROM case_submission s WHERE s.id > ${after}::uuid ORDER BY s.id LIMIT ${size}`;
  }
}

type SecretKeys = { top: string[]; groups: string[]; children: string[] };

/**
 * True for answers that may hold plaintext: not an object (reported as unreadable), or a non-empty string that is
 * not ciphertext under a secret top-level key, or under a secret child key in a row of a group with secret children.
 * Written so that no function ever sees a JSON value of the wrong kind (PostgreSQL does not promise AND order).
 */
function candidate(keys: SecretKeys): Prisma.Sql {
  // Looks up only the secret keys (`->` on a non-object is NULL, never an error), so rows cost little to pass over.
  return Prisma.sql`(jsonb_typeof(p.answers) <> 'object'
    OR EXISTS (SELECT 1 FROM unnest(${keys.top}::text[]) AS k(key)
                WHERE jsonb_typeof(p.answers -> k.key) = 'string' AND (p.answers ->> k.key) <> '' AND (p.answers ->> k.key) !~ ${CIPHERTEXT})
    OR EXISTS (SELECT 1 FROM unnest(${keys.groups}::text[]) AS g(key)
               CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p.answers -> g.key) = 'array' THEN p.answers -> g.key ELSE '[]'::jsonb END) AS r(entry)
               CROSS JOIN unnest(${keys.children}::text[]) AS c(key)
                WHERE jsonb_typeof(r.entry -> c.key) = 'string' AND (r.entry ->> c.key) <> '' AND (r.entry ->> c.key) !~ ${CIPHERTEXT}))`;
}

/** Every key any stored form declares as an ID number or phone (top level, and group → child), from all versions. */
async function secretKeysOfAllForms(client: PrismaClient): Promise<SecretKeys> {
  const rows = await client.$queryRaw<{ grp: string | null; key: string | null }[]>`
    SELECT DISTINCT CASE WHEN f.field ->> 'type' = 'group' THEN f.field ->> 'key' END AS grp,
                    CASE WHEN f.field ->> 'type' = 'group' THEN g.child ->> 'key' ELSE f.field ->> 'key' END AS key
      FROM item_version v
     CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(v.content -> 'form' -> 'steps') = 'array' THEN v.content -> 'form' -> 'steps' ELSE '[]'::jsonb END) AS s(step)
     CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s.step -> 'fields') = 'array' THEN s.step -> 'fields' ELSE '[]'::jsonb END) AS f(field)
      LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(f.field -> 'fields') = 'array' THEN f.field -> 'fields' ELSE '[]'::jsonb END) AS g(child) ON true
     WHERE (f.field ->> 'type' IN ('idNumber', 'phone'))
        OR (f.field ->> 'type' = 'group' AND g.child ->> 'type' IN ('idNumber', 'phone'))`;
  const top = new Set<string>();
  const groups = new Set<string>();
  const children = new Set<string>();
  for (const row of rows) {
    if (!row.key) continue;
    if (row.grp) {
      groups.add(row.grp);
      children.add(row.key);
    } else top.add(row.key);
  }
  return { top: [...top], groups: [...groups], children: [...children] };
}

export async function backfillFormAnswers(
  url: string,
  { batchSize = 5000 }: { batchSize?: number } = {},
): Promise<AnswersBackfillResult> {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const keys = piiKeys();
  const result: AnswersBackfillResult = {
    applications: 0,
    cases: 0,
    submissions: 0,
    noForm: 0,
    unreadable: 0,
    changedMeanwhile: 0,
  };
  try {
    const secret = await secretKeysOfAllForms(client);
    // No form asks for an ID number or a phone: no answers can hold one.
    if (secret.top.length === 0 && secret.groups.length === 0) return result;
    const forms = new Map<string, FormDefinition | null>();
    const converted: Record<Table, keyof AnswersBackfillResult> = {
      application: "applications",
      case_record: "cases",
      case_submission: "submissions",
    };
    for (const table of ["application", "case_record", "case_submission"] as const) {
      let after = FIRST_UUID;
      for (;;) {
        // The page's last row always comes back (it is where the next page starts); answers only for candidates.
        const rows = await client.$queryRaw<{ id: string; version_id: string; answers: string | null }[]>`
          WITH p AS MATERIALIZED (${pageOf(table, after, batchSize)}),
               m AS MATERIALIZED (SELECT p.id, p.version_id, p.answers, ${candidate(secret)} AS candidate FROM p)
          SELECT m.id::text AS id, m.version_id::text AS version_id, CASE WHEN m.candidate THEN m.answers::text END AS answers
            FROM m
           WHERE m.candidate OR m.id = (SELECT q.id FROM p AS q ORDER BY q.id DESC LIMIT 1)
           ORDER BY m.id`;
        if (rows.length === 0) break;
        after = rows.at(-1)!.id;
        const candidates = rows.filter((row): row is typeof row & { answers: string } => row.answers !== null);
        if (candidates.length === 0) continue;
        await loadForms(
          client,
          forms,
          candidates.map((row) => row.version_id),
        );
        const updates = { ids: [] as string[], old: [] as string[], sealed: [] as string[] };
        for (const row of candidates) {
          const sealed = sealRow(forms.get(row.version_id) ?? null, row.answers, keys);
          if (sealed === "noForm" || sealed === "unreadable") result[sealed] += 1;
          else if (sealed !== null) {
            updates.ids.push(row.id);
            updates.old.push(row.answers);
            updates.sealed.push(sealed);
          }
        }
        if (updates.ids.length === 0) continue;
        // Only rows whose answers are still exactly what was read (jsonb equality); one statement per page.
        const written = await client.$queryRaw<{ id: string }[]>`
          UPDATE ${Prisma.raw(table)} AS t SET answers = v.sealed::jsonb
            FROM unnest(${updates.ids}::uuid[], ${updates.old}::text[], ${updates.sealed}::text[]) AS v(id, old, sealed)
           WHERE t.id = v.id AND t.answers = v.old::jsonb
          RETURNING t.id`;
        result[converted[table]] += written.length;
        result.changedMeanwhile += updates.ids.length - written.length;
      }
    }
    return result;
  } finally {
    await client.$disconnect();
  }
}

/** The forms of versions not seen yet (null: no version, no form, or one that does not parse). */
async function loadForms(
  client: PrismaClient,
  forms: Map<string, FormDefinition | null>,
  versionIds: string[],
): Promise<void> {
  const missing = [...new Set(versionIds)].filter((id) => !forms.has(id));
  if (missing.length === 0) return;
  const rows = await client.$queryRaw<{ id: string; form: unknown }[]>`
    SELECT id::text AS id, content -> 'form' AS form FROM item_version WHERE id = ANY(${missing}::uuid[])`;
  for (const id of missing) forms.set(id, null);
  for (const row of rows) {
    const parsed = FormDefinition.safeParse(row.form);
    forms.set(row.id, parsed.success ? parsed.data : null);
  }
}

/** The row's answers sealed (JSON text), null when nothing needs encrypting, or why it is left as it is. */
function sealRow(
  definition: FormDefinition | null,
  stored: string,
  keys: PiiKeys,
): string | null | "noForm" | "unreadable" {
  let answers: unknown;
  try {
    answers = JSON.parse(stored);
  } catch {
    return "unreadable";
  }
  if (!answers || typeof answers !== "object" || Array.isArray(answers)) return "unreadable";
  if (!definition) return "noForm";
  const before = JSON.stringify(answers);
  const after = JSON.stringify(sealAnswers(definition, answers as Record<string, unknown>, keys));
  // Another version's form named this key as secret, not this one's: nothing to do.
  return after === before ? null : after;
}
