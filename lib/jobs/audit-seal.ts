import "server-only";
import { sealAuditTrail } from "../audit/audit";
import { db } from "../db/client";
import { logger } from "../logger";
import { startJobLoop } from "./loop";

/** Above this many entries in one round the sealer was catching up (after a pause or a burst): worth a log line. */
const BACKLOG_LOG = 10_000;

/**
 * The audit sealer (issue 17): every `intervalSeconds` (1), chains the audit entries committed since the last round
 * (`sealAuditTrail`, lib/audit/audit.ts). Requests write their entries unsealed and never wait for each other; this
 * job gives them their place in the hash chain a second or so later. Safe in every instance: an advisory lock lets
 * one sealer work at a time and the others skip the round. Entries left unsealed for more than a minute make
 * `npm run db -- audit-verify` fail, so a stopped sealer is noticed. Started by scripts/jobs.ts; returns a stop function.
 */
export function startAuditSealJob({ intervalSeconds = 1 }: { intervalSeconds?: number } = {}): () => void {
  return startJobLoop({
    name: "audit-seal",
    intervalSeconds,
    run: async () => {
      const result = await sealAuditTrail(db());
      if (result.sealed >= BACKLOG_LOG)
        logger.info({ component: "jobs", sealed: result.sealed }, "audit entries sealed (backlog)");
    },
    onError: (error) => logger.error({ component: "jobs", err: error }, "sealing audit entries failed"),
  });
}
