import "server-only";
import { loadCalendar } from "../calendar/load";
import { db } from "../db/client";
import { env } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { type CaseDeadline, caseDeadline, type CaseLimit, type WarningThresholds } from "./deadline";

type Client = Prisma.TransactionClient | ReturnType<typeof db>;

/** Warning thresholds from the configuration (CASE_YELLOW_DAYS_LEFT, CASE_YELLOW_USED_SHARE). */
export function warningThresholds(): WarningThresholds {
  const settings = env();
  return { yellowDaysLeft: settings.CASE_YELLOW_DAYS_LEFT, yellowUsedShare: settings.CASE_YELLOW_USED_SHARE };
}

/**
 * The promised and statutory limits of the version the case was filed under; when that version's content has
 * none (an item created before versioned guides), the item's live limits.
 */
export async function limitsOf(
  client: Client,
  row: { itemVersionId: string; serviceItemId: string },
): Promise<{ promised: CaseLimit; statutory: CaseLimit }> {
  const version = await client.itemVersion.findUnique({ where: { id: row.itemVersionId }, select: { content: true } });
  const content = (version?.content ?? {}) as { promised?: CaseLimit; statutory?: CaseLimit };
  if (content.promised) return { promised: content.promised, statutory: content.statutory ?? null };
  const item = await client.serviceItem.findUnique({
    where: { id: row.serviceItemId },
    select: { promisedLimit: true, promisedUnit: true, statutoryLimit: true, statutoryUnit: true },
  });
  if (!item) return { promised: null, statutory: null };
  return {
    promised: { limit: item.promisedLimit, unit: item.promisedUnit },
    statutory:
      item.statutoryLimit !== null && item.statutoryUnit
        ? { limit: item.statutoryLimit, unit: item.statutoryUnit }
        : null,
  };
}

export type ClockRow = {
  id: string;
  regionCode: string;
  itemVersionId: string;
  serviceItemId: string;
  acceptedAt: Date | null;
};

/** The case's deadline now: due dates, working days used and left, and the warning. */
export async function deadlineOfCase(
  client: Client,
  row: ClockRow,
  now: Date,
  thresholds: WarningThresholds = warningThresholds(),
): Promise<CaseDeadline> {
  if (!row.acceptedAt)
    return caseDeadline(
      await loadCalendar(row.regionCode),
      { acceptedAt: null, pauses: [], promised: null, statutory: null },
      now,
      thresholds,
    );
  const [calendar, pauses, limits] = await Promise.all([
    loadCalendar(row.regionCode),
    client.casePause.findMany({ where: { caseId: row.id }, select: { startedAt: true, endedAt: true } }),
    limitsOf(client, row),
  ]);
  return caseDeadline(calendar, { acceptedAt: row.acceptedAt, pauses, ...limits }, now, thresholds);
}
