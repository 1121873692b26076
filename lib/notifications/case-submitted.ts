import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { createNotification } from "./notify";

/**
 * The "申请已提交" message with the query code, written in the transaction that creates the case (online or at the
 * counter) and not by the outbox (lib/notifications/outbox.ts, which then finds its key taken): only that transaction
 * knows the query code that /track asks for (the case keeps its hash).
 */
export function notifyCaseSubmitted(
  tx: Prisma.TransactionClient,
  input: {
    userId: string;
    caseNumber: string;
    queryCode: string;
    submitEventId: bigint;
    item: { name: string; nameEn: string; implementationCode: string };
    department: { name: string; nameEn: string };
  },
  now: Date,
) {
  return createNotification(
    tx,
    {
      userId: input.userId,
      template: "case.submit",
      params: {
        caseNumber: input.caseNumber,
        item: input.item.name,
        itemEn: input.item.nameEn,
        department: input.department.name,
        departmentEn: input.department.nameEn,
        toStatus: "SUBMITTED",
        queryCode: input.queryCode,
      },
      subject: { kind: "case", caseNumber: input.caseNumber, itemCode: input.item.implementationCode },
      dedupeKey: `case-event:${input.submitEventId.toString()}`,
      occurredAt: now,
    },
    now,
  );
}
