import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase } from "../support/databases";

/**
 * Durability under a crash: a child process drives a load of real submissions and clerk transitions through
 * lib/ (the functions the server actions and API handlers call; driving lib/ rather than HTTP keeps the test
 * free of a production build) and is killed with SIGKILL in the middle — no shutdown hook runs, transactions in
 * flight are cut off. Then:
 *   - every operation the child acknowledged (its lib call had returned) is in the database exactly once;
 *   - nothing is half-written: every case has its first submission and exactly one submit event, every submitted
 *     application points at its case, every case's status is the one its last event reached, and every accepted
 *     case has exactly one accept event;
 *   - after the "restart", submits that were in flight at the kill are retried with the same idempotency keys, as
 *     a client would: each application ends with exactly one case.
 */

const serverUrl = inject("serverUrl");
const name = `onewindow_sigkill_${randomBytes(5).toString("hex")}`;
let databaseUrl = "";
let dataDir = "";
let child: ChildProcess | null = null;

afterAll(async () => {
  child?.kill("SIGKILL");
  if (databaseUrl) await dropDatabase(serverUrl, name);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function worker(
  args: string[] = [],
  onLine: (line: string) => void = () => undefined,
): { process: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const lines: string[] = [];
  const proc = spawn(
    "npx",
    ["tsx", "--conditions=react-server", "tests/integration/reliability-sigkill-worker.ts", ...args],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, ONEWINDOW_DATA_DIR: dataDir, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let buffer = "";
  proc.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const line of parts.filter(Boolean)) {
      lines.push(line);
      onLine(line);
    }
  });
  let errors = "";
  proc.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    proc.on("exit", (code) => {
      if (code) lines.push(`EXIT ${code} ${errors.slice(-2000)}`);
      resolve(code);
    }),
  );
  return { process: proc, lines, exited };
}

async function until(condition: () => boolean, timeoutMs: number, describe: () => string) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("SIGKILL in the middle of submissions and transitions", () => {
  it("keeps every acknowledged operation exactly once and nothing half-written", async () => {
    databaseUrl = await createDatabase(serverUrl, name, "onewindow_test_seeded");
    dataDir = await mkdtemp(path.join(tmpdir(), "ow-sigkill-"));

    // Kill in the same moment an operation has started (its TRY line), so it is cut off mid-transaction.
    let armed = false;
    const run = worker([], (line) => {
      if (armed && line.startsWith("TRY")) {
        armed = false;
        process.kill(-run.process.pid!, "SIGKILL");
      }
    });
    child = run.process;
    const count = (prefix: string) => run.lines.filter((line) => line.startsWith(prefix)).length;
    await until(
      () => count("ACK accept") >= 6 || run.lines.some((line) => line.startsWith("EXIT")),
      150_000,
      () => run.lines.slice(-5).join(" | "),
    );
    armed = true;
    await run.exited;
    child = null;

    expect(run.lines.filter((line) => line.startsWith("ERR") || line.startsWith("EXIT"))).toEqual([]);
    // The kill cut at least one operation off between its start and its acknowledgement.
    expect(count("TRY") - count("ACK"), run.lines.slice(-6).join(" | ")).toBeGreaterThan(0);
    const ackSubmit = run.lines.filter((line) => line.startsWith("ACK submit")).map((line) => line.split(" "));
    const ackAccept = run.lines.filter((line) => line.startsWith("ACK accept")).map((line) => line.split(" ")[2]!);
    expect(ackSubmit.length).toBeGreaterThanOrEqual(6);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = async <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
        (await client.query<T>(sql, values)).rows;

      for (const [, , applicationId, caseNumber] of ackSubmit) {
        const cases = await rows<{ case_number: string }>(
          "SELECT case_number FROM case_record WHERE application_id = $1",
          [applicationId],
        );
        expect(
          cases.map((row) => row.case_number),
          `acknowledged submission ${applicationId}`,
        ).toEqual([caseNumber]);
      }
      for (const caseNumber of ackAccept) {
        const [row] = await rows<{ status: string; accepts: number }>(
          `SELECT c.status, (SELECT count(*)::int FROM case_event e WHERE e.case_id = c.id AND e.action = 'accept') AS accepts FROM case_record c WHERE c.case_number = $1`,
          [caseNumber],
        );
        expect(row, `acknowledged acceptance ${caseNumber}`).toEqual({ status: "ACCEPTED", accepts: 1 });
      }

      // Nothing half-written, across every case and application the run touched.
      const halfWritten = await rows<{ case_number: string; problem: string }>(`
        SELECT c.case_number, 'no first submission' AS problem FROM case_record c WHERE NOT EXISTS (SELECT 1 FROM case_submission s WHERE s.case_id = c.id AND s.number = 1)
        UNION ALL SELECT c.case_number, 'submit events: ' || (SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND e.action = 'submit') FROM case_record c
          WHERE (SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND e.action = 'submit') <> 1
        UNION ALL SELECT c.case_number, 'status ' || c.status || ' but last event reached ' || coalesce(last.to_status::text, '-') FROM case_record c
          CROSS JOIN LATERAL (SELECT e.to_status FROM case_event e WHERE e.case_id = c.id AND e.to_status IS NOT NULL ORDER BY e.at DESC, e.id DESC LIMIT 1) last
          WHERE last.to_status::text <> c.status::text
        UNION ALL SELECT c.case_number, 'accept events: ' || (SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND e.action = 'accept') FROM case_record c
          WHERE c.status = 'ACCEPTED' AND (SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND e.action = 'accept') <> 1
        UNION ALL SELECT a.id::text, 'submitted application without its case' FROM application a
          WHERE a.status = 'SUBMITTED' AND (a.case_id IS NULL OR NOT EXISTS (SELECT 1 FROM case_record c WHERE c.id = a.case_id))
        UNION ALL SELECT c.case_number, 'case of an application that is not submitted' FROM case_record c JOIN application a ON a.id = c.application_id
          WHERE a.status <> 'SUBMITTED'`);
      expect(halfWritten).toEqual([]);

      // Restart: the submits that were in flight are retried with their keys; each ends with one case.
      const acknowledged = new Set(ackSubmit.map((parts) => parts[2]));
      const inFlight = run.lines
        .filter((line) => line.startsWith("TRY submit"))
        .map((line) => line.split(" "))
        .filter((parts) => !acknowledged.has(parts[2]))
        .map(([, , applicationId, key, userId]) => `${applicationId}:${key}:${userId}`);
      if (inFlight.length > 0) {
        const again = worker(["--retry", inFlight.join(",")]);
        child = again.process;
        expect(await again.exited).toBe(0);
        child = null;
        for (const entry of inFlight) {
          const applicationId = entry.split(":")[0];
          const cases = await rows("SELECT 1 FROM case_record WHERE application_id = $1", [applicationId]);
          expect(cases, `retried submission ${applicationId}`).toHaveLength(1);
        }
      }
      const duplicates = await rows(
        "SELECT application_id FROM case_record WHERE application_id IS NOT NULL GROUP BY application_id HAVING count(*) > 1",
      );
      expect(duplicates).toEqual([]);
    } finally {
      await client.end();
    }
  }, 240_000);
});
