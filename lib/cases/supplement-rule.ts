import "server-only";
import type { db } from "../db/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";

/**
 * 一次性告知 (issue 19): the first supplement request of a case always may go out; a later one needs an approved,
 * unused supplement approval (lib/cases/supplement-approval.ts), which it consumes.
 */

type Tx = Prisma.TransactionClient;

const E = "cases.supplementApproval.errors";

/** How many supplement requests the case has had (the timeline's requestSupplement events). */
export async function supplementsSoFar(tx: Tx | ReturnType<typeof db>, caseId: string): Promise<number> {
  return tx.caseEvent.count({ where: { caseId, action: "requestSupplement" } });
}

/**
 * Before a supplement request goes out: the first always may; a later one needs an approved, unused approval,
 * which this marks USED (call inside the case lock, in the transaction that records the request).
 */
export async function consumeSupplementApproval(
  tx: Tx,
  caseId: string,
  now: Date,
): Promise<{ approvalId: string } | null> {
  if ((await supplementsSoFar(tx, caseId)) === 0) return null;
  const approval = await tx.supplementApproval.findFirst({
    where: { caseId, status: "APPROVED" },
    orderBy: { decidedAt: "asc" },
    select: { id: true },
  });
  if (!approval) throw new AppError("UNPROCESSABLE", `${E}.needed`, { fieldErrors: { supplementList: `${E}.needed` } });
  await tx.supplementApproval.update({ where: { id: approval.id }, data: { status: "USED", usedAt: now } });
  return { approvalId: approval.id };
}

/** Whether a supplement request now would need an approval the case does not have (checked before a notice is made). */
export async function supplementNeedsApproval(client: Tx | ReturnType<typeof db>, caseId: string): Promise<boolean> {
  if ((await supplementsSoFar(client, caseId)) === 0) return false;
  return (await client.supplementApproval.count({ where: { caseId, status: "APPROVED" } })) === 0;
}
