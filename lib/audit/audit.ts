import { createHash } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import { normaliseAddress } from "../http/client-ip";

/**
 * The audit trail (让权力行使处处留痕). Every state-changing action writes one entry inside its own transaction
 * (`recordAudit`). The trail is tamper-evident in two steps (issue 17; ARCHITECTURE.md, "The audit trail"):
 *
 * 1. On the request path an entry is inserted with `contentHash` = sha256 of its canonical fields and nothing else:
 *    no lock, no read of another row, so audited writes of different requests never wait for each other.
 * 2. One sealer at a time (`sealAuditTrail`, run every second by the `audit-seal` job, lib/jobs/audit-seal.ts)
 *    chains the committed, unsealed entries in an order it assigns itself: `sealSeq` 1, 2, 3 …, `prevHash` = the
 *    previous sealed entry's `hash`, `hash` = sha256(prevHash + sealSeq, id, contentHash). Ids come from a sequence
 *    and commit out of order, so the chain follows `sealSeq`, never the id.
 *
 * The database refuses DELETE and every UPDATE except the seal itself: seal columns from NULL to set, once, with
 * nothing else changed (migration 20261208090000_audit_seal). `verifyAuditChain` (`npm run db -- audit-verify`, the
 * administration's chain check) walks the chain in `sealSeq` order and checks every entry's content hash, so an
 * edited, removed or inserted sealed entry breaks the chain, and an edited unsealed entry no longer matches its
 * content hash. Entries written before that migration were chained at insert under a global lock; they were
 * sealed in id order by the migration and keep their hash (`legacyEntryHash`), with no content hash.
 */

export const GENESIS_HASH = "0".repeat(64);

/** Entries still unsealed after this long mean the sealer is not running: `npm run db -- audit-verify` fails. */
export const AUDIT_UNSEALED_MAX_AGE_MS = 60_000;

export type AuditActor = { userId: string; role: string } | null;

export type AuditEntryInput = {
  actor: AuditActor;
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

type Tx = Prisma.TransactionClient;

/** JSON with object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      return Object.fromEntries(
        Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return inner;
  });
}

/** The fields an entry's hashes cover: everything a reader of the trail sees, except the row id. */
type HashedFields = {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/** The hashed fields, named one by one: a caller passing a whole row (id, hashes …) hashes the same entry. */
function canonicalBody({
  at,
  actorId,
  actorRole,
  action,
  objectType,
  objectId,
  before,
  after,
  ip,
}: HashedFields): string {
  return canonicalJson({
    at: at.toISOString(),
    actorId,
    actorRole,
    action,
    objectType,
    objectId,
    before: before ?? null,
    after: after ?? null,
    ip,
  });
}

/** sha256 of the entry's canonical fields: set at insert, so one row can be checked on its own. */
export function contentHash(fields: HashedFields): string {
  return createHash("sha256").update(canonicalBody(fields)).digest("hex");
}

/**
 * The chain link the sealer writes: it binds the entry's place (`sealSeq`), its row id and its content hash to the
 * previous link, so changing, removing, inserting or reordering sealed entries breaks every later link.
 */
export function sealHash(prevHash: string, link: { sealSeq: bigint; id: bigint; contentHash: string }): string {
  return createHash("sha256")
    .update(prevHash)
    .update(`\nseal:${link.sealSeq}:${link.id}:${link.contentHash}`)
    .digest("hex");
}

/** The link of an entry written before sealing existed: sha256(prevHash + canonical fields), chained at insert. */
export function legacyEntryHash(prevHash: string, fields: HashedFields): string {
  return createHash("sha256").update(prevHash).update(canonicalBody(fields)).digest("hex");
}

/** Removes secrets before they reach the trail. */
function scrub(value: unknown): unknown {
  if (!value || typeof value !== "object") return value ?? null;
  if (Array.isArray(value)) return value.map(scrub);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !/password/i.test(key))
      .map(([key, inner]) => [key, inner instanceof Date ? inner.toISOString() : scrub(inner)]),
  );
}

/**
 * Appends one entry, unsealed; call it inside the transaction that makes the change, so the entry commits (or not)
 * with it. One INSERT and no lock: concurrent requests write their entries side by side, and the sealer chains them
 * once they have committed.
 */
export async function recordAudit(tx: Pick<Tx, "auditLog">, input: AuditEntryInput): Promise<void> {
  const fields: HashedFields = {
    at: new Date(),
    actorId: input.actor?.userId ?? null,
    actorRole: input.actor?.role ?? null,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId ?? null,
    before: scrub(input.before),
    after: scrub(input.after),
    // Only an address is stored ("unknown" and anything else a caller passes become null): the trail and its
    // exports never carry text a client chose.
    ip: normaliseAddress(input.ip),
  };
  await tx.auditLog.create({
    data: {
      ...fields,
      before: fields.before as Prisma.InputJsonValue,
      after: fields.after as Prisma.InputJsonValue,
      contentHash: contentHash(fields),
    },
    select: { id: true },
  });
}

/** What the sealer needs: a client that opens interactive transactions (the app's `db()`, or a PrismaClient). */
export type SealClient = {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
};

export type SealResult = {
  /** Entries chained by this call. */
  sealed: number;
  /** Another sealer held the lock (another instance's job): this call sealed nothing and that is fine. */
  busy: boolean;
};

/**
 * Chains the committed, unsealed entries: in batches of `batchSize`, each in its own short transaction, until
 * fewer than a batch are left (or `maxBatches` were sealed; the next round goes on). The job `audit-seal` calls it
 * every second; tests call it directly to seal what they wrote.
 *
 * Only one sealer works at a time: each batch first takes `pg_try_advisory_xact_lock` and gives up at once when
 * another instance holds it. Under the lock the batch reads the last sealed entry, then up to `batchSize` of the
 * unsealed entries it can see (committed ones only), and gives them the next sealSeq values in id order. An entry
 * whose transaction commits later, even with a lower id, is simply sealed by a later batch, after the entries
 * already sealed: the chain's order is sealSeq, never the id.
 * Entries without a content hash (which the insert trigger refuses) are left unsealed, so one bad row never
 * stops the sealer; audit-verify reports them.
 */
export async function sealAuditTrail(
  client: SealClient,
  { batchSize = 1000, maxBatches = 50 }: { batchSize?: number; maxBatches?: number } = {},
): Promise<SealResult> {
  let sealed = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const count = await client.$transaction((tx) => sealBatch(tx, batchSize), { timeout: 30_000 });
    if (count === null) return { sealed, busy: true };
    sealed += count;
    if (count < batchSize) break;
  }
  return { sealed, busy: false };
}

async function sealBatch(tx: Tx, batchSize: number): Promise<number | null> {
  const [lock] = await tx.$queryRaw<
    { locked: boolean }[]
  >`SELECT pg_try_advisory_xact_lock(hashtext('onewindow.audit_seal')) AS locked`;
  if (!lock?.locked) return null;
  const [last] = await tx.$queryRaw<{ sealSeq: string; hash: string }[]>`
    SELECT seal_seq::text AS "sealSeq", hash FROM audit_log WHERE seal_seq IS NOT NULL ORDER BY seal_seq DESC LIMIT 1`;
  // "ORDER BY seal_seq" (all NULL here) makes the plan read the NULL end of the unique index on seal_seq and stop
  // after one batch; ordering by id would sort the whole backlog for every batch. The batch is then put in id order.
  const found = await tx.$queryRaw<{ id: string; contentHash: string }[]>`
    SELECT a.id::text AS id, a.content_hash AS "contentHash" FROM audit_log a
    WHERE a.seal_seq IS NULL AND a.content_hash IS NOT NULL
    ORDER BY a.seal_seq LIMIT ${batchSize}`;
  if (found.length === 0) return 0;
  const rows = found
    .map((row) => ({ ...row, key: BigInt(row.id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let prevHash = last?.hash ?? GENESIS_HASH;
  let sealSeq = last ? BigInt(last.sealSeq) : 0n;
  const links = rows.map((row) => {
    sealSeq += 1n;
    const hash = sealHash(prevHash, { sealSeq, id: row.key, contentHash: row.contentHash });
    const link = { id: row.id, sealSeq: sealSeq.toString(), prevHash, hash };
    prevHash = hash;
    return link;
  });
  const updated = await tx.$executeRaw`
    UPDATE audit_log AS a SET seal_seq = v.seal_seq::bigint, prev_hash = v.prev_hash, hash = v.hash
    FROM unnest(${links.map((link) => link.id)}::text[], ${links.map((link) => link.sealSeq)}::text[],
                ${links.map((link) => link.prevHash)}::text[], ${links.map((link) => link.hash)}::text[]) AS v(id, seal_seq, prev_hash, hash)
    WHERE a.id = v.id::bigint AND a.seal_seq IS NULL`;
  // Under the lock nobody else seals, so every row read above is still unsealed; anything else is a bug: roll back.
  if (updated !== links.length)
    throw new Error(`audit seal: ${updated} of ${links.length} entries sealed, batch rolled back`);
  return links.length;
}

/**
 * What is wrong with one entry:
 * - `sequence`: its sealSeq does not follow the previous one (a sealed entry was removed, or one was inserted);
 * - `link`: its prevHash is not the previous entry's hash, or its hash is not the link of its own prevHash, place,
 *   id and content hash (seal columns edited; an entry removed, inserted or moved before it);
 * - `content`: its fields do not match its content hash (the entry was edited), or it has no content hash
 *   although it is not one of the entries chained before sealing existed.
 */
export type AuditProblemKind = "sequence" | "link" | "content";
export type AuditProblem = { id: bigint; sealSeq: bigint | null; kind: AuditProblemKind };

const PROBLEMS_KEPT = 100;

type CheckTotals = {
  /** Entries checked: the sealed chain walked, then the unsealed entries. */
  checked: number;
  sealed: number;
  /** Entries the sealer has not chained yet; the oldest by its time. */
  unsealed: { count: number; oldestId: bigint | null; oldestAt: Date | null };
  /** The first PROBLEMS_KEPT problems: sealed entries in chain order, then unsealed ones in id order. */
  problems: AuditProblem[];
  problemCount: number;
};

export type ChainCheck = (CheckTotals & { ok: true }) | (CheckTotals & { ok: false; firstBrokenId: bigint });

type AuditRow = HashedFields & {
  id: bigint;
  contentHash: string | null;
  sealSeq: bigint | null;
  prevHash: string | null;
  hash: string | null;
};

/**
 * Checks the whole trail: walks the sealed entries in sealSeq order (each link, each content hash), then checks
 * the content hash of every unsealed entry and notes how old the oldest is. `ok` is about integrity only; whether
 * the sealer keeps up is `sealerLate` (audit-verify fails on either). An entry sealed while the check runs, after
 * the walk passed the chain's end, or written after it, is checked by the next run.
 */
export async function verifyAuditChain(client: Pick<Tx, "auditLog">, batchSize = 1000): Promise<ChainCheck> {
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  let lastReported = "";
  const report = (row: AuditRow, kind: AuditProblemKind) => {
    // One line per entry and kind (an inserted entry's successor fails both of its link checks).
    if (lastReported === `${row.id}:${kind}`) return;
    lastReported = `${row.id}:${kind}`;
    problemCount++;
    if (problems.length < PROBLEMS_KEPT) problems.push({ id: row.id, sealSeq: row.sealSeq, kind });
  };

  let checked = 0;
  let sealed = 0;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let sealerSeen = false;
  for (let cursor: bigint | null = null; ;) {
    const rows: AuditRow[] = await client.auditLog.findMany({
      where: { sealSeq: cursor === null ? { not: null } : { gt: cursor } },
      orderBy: { sealSeq: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const sealSeq = row.sealSeq as bigint;
      if (sealSeq !== expectedSeq) report(row, "sequence");
      if (row.prevHash !== prevHash) report(row, "link");
      const ownPrev = row.prevHash ?? "";
      if (row.contentHash === null) {
        // Chained before sealing existed: only at the start of the chain, linked with the old formula.
        if (sealerSeen) report(row, "content");
        else if (row.hash !== legacyEntryHash(ownPrev, row)) report(row, "link");
      } else {
        sealerSeen = true;
        if (row.contentHash !== contentHash(row)) report(row, "content");
        if (row.hash !== sealHash(ownPrev, { sealSeq, id: row.id, contentHash: row.contentHash })) report(row, "link");
      }
      // Carry on from this entry as stored, so one fault is reported once, not at every later entry.
      prevHash = row.hash ?? "";
      expectedSeq = sealSeq + 1n;
      checked++;
      sealed++;
      cursor = sealSeq;
    }
  }

  // The unsealed entries, by id ranges of `batchSize` between the lowest and highest: each range is a primary-key
  // range scan, so a long backlog (the sealer stopped) costs one pass, not a sort per page.
  const unsealed: CheckTotals["unsealed"] = { count: 0, oldestId: null, oldestAt: null };
  const bounds = await client.auditLog.aggregate({ where: { sealSeq: null }, _min: { id: true }, _max: { id: true } });
  const step = BigInt(batchSize);
  for (let from = bounds._min.id; from !== null && bounds._max.id !== null && from <= bounds._max.id; from += step) {
    const rows: AuditRow[] = await client.auditLog.findMany({
      where: { sealSeq: null, id: { gte: from, lt: from + step } },
      orderBy: { id: "asc" },
    });
    for (const row of rows) {
      if (row.prevHash !== null || row.hash !== null) report(row, "link");
      if (row.contentHash === null || row.contentHash !== contentHash(row)) report(row, "content");
      if (unsealed.oldestAt === null || row.at < unsealed.oldestAt)
        Object.assign(unsealed, { oldestId: row.id, oldestAt: row.at });
      unsealed.count++;
      checked++;
    }
  }

  const totals: CheckTotals = { checked, sealed, unsealed, problems, problemCount };
  const first = problems[0];
  if (!first) return { ok: true, ...totals };
  // The chain's first fault if there is one, otherwise the first faulty unsealed entry.
  return { ok: false, ...totals, firstBrokenId: first.id };
}

/** Whether entries have waited longer than `maxAgeMs` for the sealer (it is not running, or cannot keep up). */
export function sealerLate(
  check: ChainCheck,
  { now = new Date(), maxAgeMs = AUDIT_UNSEALED_MAX_AGE_MS }: { now?: Date; maxAgeMs?: number } = {},
): boolean {
  return check.unsealed.oldestAt !== null && now.getTime() - check.unsealed.oldestAt.getTime() > maxAgeMs;
}

const PROBLEM_TEXT: Record<AuditProblemKind, string> = {
  sequence: "its seal_seq does not follow the previous entry's (an entry removed or inserted)",
  link: "its hash link does not follow (seal columns edited, or an entry removed, inserted or moved before it)",
  content: "its fields do not match its content hash (edited)",
};

/**
 * The report of `npm run db -- audit-verify`: the lines to print and the exit code (0 intact and sealed in time,
 * 3 problems found, 4 entries waiting for the sealer too long).
 */
export function auditVerifyReport(
  check: ChainCheck,
  options: { now?: Date; maxAgeMs?: number } = {},
): { lines: string[]; exitCode: 0 | 3 | 4 } {
  const now = options.now ?? new Date();
  const { unsealed } = check;
  const age = unsealed.oldestAt ? Math.max(0, (now.getTime() - unsealed.oldestAt.getTime()) / 1000) : 0;
  const waiting =
    unsealed.count === 0
      ? "none waiting for the sealer"
      : `${unsealed.count} waiting for the sealer, the oldest (entry ${unsealed.oldestId}) ${age.toFixed(1)} s old`;
  const lines = [`audit trail: ${check.checked} entries checked, ${check.sealed} sealed, ${waiting}`];
  if (!check.ok) {
    lines.push(
      `audit trail BROKEN: ${check.problemCount} problem(s)${check.problemCount > check.problems.length ? `, the first ${check.problems.length} listed` : ""}`,
    );
    for (const problem of check.problems) {
      lines.push(
        `  entry ${problem.id}${problem.sealSeq === null ? " (unsealed)" : ` (seal ${problem.sealSeq})`}: ${PROBLEM_TEXT[problem.kind]}`,
      );
    }
  }
  const late = sealerLate(check, { now, maxAgeMs: options.maxAgeMs });
  if (late)
    lines.push(
      `audit trail NOT SEALED IN TIME: entries wait longer than ${(options.maxAgeMs ?? AUDIT_UNSEALED_MAX_AGE_MS) / 1000} s; is the jobs process (job audit-seal) running?`,
    );
  if (check.ok && !late) lines.push("audit trail intact");
  return { lines, exitCode: !check.ok ? 3 : late ? 4 : 0 };
}
