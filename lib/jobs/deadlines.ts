import "server-only";
import { recordAudit } from "../audit/audit";
import { type CaseWarning, isEscalation } from "../cases/deadline";
import { DECIDING_STATUSES, isStatusIn, statusListSql } from "../cases/state-machine";
import { isoToDateColumn } from "../calendar/china-time";
import { deadlineOfCase, warningThresholds } from "../cases/clock";
import { db } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { env } from "../env";
import { logger } from "../logger";
import { countOutcomes } from "../metrics/signals";
import { startJobLoop } from "./loop";
import { escalateOverdueOpinions } from "../cases/joint-opinions";
import { alertEscalation } from "../notifications/staff-alerts";

/**
 * The deadline job (电子监察): recomputes the warning of every case whose clock can run, and escalates when a case
 * turns yellow or red: a timeline event for the department (not shown to the applicant) and an audit entry.
 *
 * Why not pg-boss (possible since the project needs Node 22.12+, lib/runtime/node-version.ts): it keeps its own
 * schema outside our migrations, and the work is a sweep over the case table itself, which is its own queue:
 * - batches of open cases in id order, each row taken with `FOR UPDATE SKIP LOCKED`, so several app instances
 *   sweeping at once never handle the same case at the same time (one skips what the other holds);
 * - the escalation is written in the same transaction that stores the new warning, and only when the stored
 *   warning is less severe than the computed one, so each change to yellow or red is recorded exactly once, even
 *   when a second instance reaches the row right after the first committed;
 * - nothing lives in memory: a restart simply sweeps again (the stored warnings say what was already done).
 */

export type SweepResult = { checked: number; changed: number; escalated: number };

export async function sweepDeadlines({
  now = new Date(),
  batchSize = 200,
}: { now?: Date; batchSize?: number } = {}): Promise<SweepResult> {
  const thresholds = warningThresholds();
  const result: SweepResult = { checked: 0, changed: 0, escalated: 0 };
  let lastId = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await db().$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          SELECT id::text AS id FROM case_record
          WHERE status IN ${Prisma.raw(statusListSql(DECIDING_STATUSES))} AND accepted_at IS NOT NULL AND id > ${lastId}::uuid
          ORDER BY id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return { size: 0, last: lastId };
        const cases = await tx.case.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
        for (const row of cases) {
          if (!isStatusIn(DECIDING_STATUSES, row.status)) continue;
          result.checked++;
          const deadline = await deadlineOfCase(tx, row, now, thresholds);
          const warning: CaseWarning = deadline.warning;
          const dueDate = isoToDateColumn(deadline.dueDate);
          const sameDue = (dueDate?.getTime() ?? null) === (row.dueDate?.getTime() ?? null);
          if (warning === row.warning && sameDue) continue;
          // No version bump: the warning is derived data, and a clerk's pending action must not fail because of it.
          await tx.case.update({
            where: { id: row.id },
            data: { warning, dueDate, statutoryDueDate: isoToDateColumn(deadline.statutoryDueDate) },
          });
          result.changed++;
          if (!isEscalation(row.warning, warning)) continue;
          result.escalated++;
          const facts = {
            from: row.warning,
            to: warning,
            dueDate: deadline.dueDate,
            workingDaysUsed: deadline.promised?.workingDaysUsed ?? null,
            workingDaysRemaining: deadline.promised?.workingDaysRemaining ?? null,
          };
          await tx.caseEvent.create({
            data: { caseId: row.id, at: now, action: "escalate", data: facts, visibleToApplicant: false },
          });
          // The department's administrators and the supervisors hear of it, once per level.
          await alertEscalation(tx, row.id, warning, now);
          await recordAudit(tx, {
            actor: null,
            action: "case.escalate",
            objectType: "Case",
            objectId: row.id,
            before: { warning: row.warning },
            after: facts,
            ip: null,
          });
        }
        return { size: rows.length, last: rows.at(-1)?.id ?? lastId };
      },
      { timeout: 120_000 },
    );
    if (batch.size === 0) break;
    lastId = batch.last;
    if (batch.size < batchSize) break;
  }
  return result;
}

/**
 * Runs the sweep now and then every CASE_DEADLINE_JOB_SECONDS (0: never) in this process; returns a stop
 * function. Run by scripts/jobs.ts (which scripts/start.ts starts beside the app); a sweep still running when the next is due is not started twice.
 */
export function startDeadlineJob({
  intervalSeconds = env().CASE_DEADLINE_JOB_SECONDS,
}: { intervalSeconds?: number } = {}): () => void {
  return startJobLoop({
    name: "deadlines",
    intervalSeconds,
    run: async () => {
      const result = await sweepDeadlines();
      countOutcomes("deadline_sweep", result);
      if (result.changed > 0) logger.info(result, "deadline sweep");
      // Joint opinions (并联审批) past their due date are escalated like overdue cases.
      const opinions = await escalateOverdueOpinions();
      if (opinions > 0) logger.info({ opinions }, "overdue joint opinions escalated");
    },
    onError: (error) => logger.error({ err: error }, "deadline sweep failed"),
  });
}
