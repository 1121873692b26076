import { createHash } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import { normaliseAddress } from "../http/client-ip";

/**
 * The audit trail (让权力行使处处留痕). Every state-changing action writes one entry inside its own
 * transaction. Entries are chained: hash = sha256(prevHash + canonical entry), so changing or removing any
 * row breaks every later hash; the database also refuses UPDATE and DELETE on the table (see migrations).
 */

export const GENESIS_HASH = "0".repeat(64);

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
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return inner;
  });
}

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

export function entryHash(prevHash: string, fields: HashedFields): string {
  const body = canonicalJson({ ...fields, at: fields.at.toISOString(), before: fields.before ?? null, after: fields.after ?? null });
  return createHash("sha256").update(prevHash).update(body).digest("hex");
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

/** Appends one entry; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Tx, input: AuditEntryInput): Promise<void> {
  // Serialises writers so each entry chains onto the one before it.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('onewindow.audit_log'))`;
  const last = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
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
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.auditLog.create({
    data: {
      ...fields,
      before: fields.before as Prisma.InputJsonValue,
      after: fields.after as Prisma.InputJsonValue,
      prevHash,
      hash: entryHash(prevHash, fields),
    },
  });
}

export type ChainCheck = { ok: true; checked: number } | { ok: false; checked: number; firstBrokenId: bigint };

/** Walks the whole trail in id order and names the first entry whose hash does not follow. */
export async function verifyAuditChain(client: Pick<Tx, "auditLog">, batchSize = 1000): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let cursor: bigint | undefined;
  let checked = 0;
  for (;;) {
    const rows = await client.auditLog.findMany({
      where: cursor === undefined ? {} : { id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const expected = entryHash(prevHash, {
        at: row.at,
        actorId: row.actorId,
        actorRole: row.actorRole,
        action: row.action,
        objectType: row.objectType,
        objectId: row.objectId,
        before: row.before,
        after: row.after,
        ip: row.ip,
      });
      if (row.prevHash !== prevHash || row.hash !== expected) return { ok: false, checked, firstBrokenId: row.id };
      prevHash = row.hash;
      checked++;
      cursor = row.id;
    }
  }
}
