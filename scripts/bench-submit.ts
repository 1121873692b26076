// `npm run bench:submit`: 50 applicants at once, each uploading a 1 MB PDF and submitting an application, then a
// check that every acknowledged submission exists exactly once with its files (rows and stored bytes).
//
// In-process against lib/ (the same functions the pages' server actions and the upload route call), not over
// HTTP: the portal's writes are Next.js server actions behind next-auth sessions, which a load generator cannot
// call without a browser. What is measured is everything below the transport: policy, validation by content,
// hashing, storage, the row locks, case numbers and the submission transaction, on an embedded PostgreSQL.
// Runs with the react-server condition so `server-only` modules load outside Next.js.
//   --applicants N   concurrent applicants (default 50)
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrateDeploy } from "../lib/db/prisma-cli";
import { toStored } from "../lib/accounts/identity-fields";
import { generateDataKey } from "../lib/security/data-key";
import { setDataKey } from "../lib/security/pii";
import { seedDemo } from "../prisma/seed/seed";
import { onePdf } from "./shared/bench-inputs";

const count = Number(process.argv[process.argv.indexOf("--applicants") + 1]) || 50;
const dataDir = path.resolve(".data", "bench-submit");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

await rm(dataDir, { recursive: true, force: true });
// A throw-away database gets a throw-away data key (ID numbers and phones are encrypted, lib/security/pii.ts).
process.env.ONEWINDOW_DATA_KEY = generateDataKey();
setDataKey(process.env.ONEWINDOW_DATA_KEY);
const server = await startEmbeddedPostgres({
  dataDir: path.join(dataDir, "pg"),
  database: `bench_${randomBytes(3).toString("hex")}`,
  persistent: false,
});
try {
  await migrateDeploy(server.url);
  await seedDemo(server.url);
  // lib/env reads the environment once, on first use: point it at this database and a throw-away file store.
  process.env.DATABASE_URL = server.url;
  process.env.ONEWINDOW_DATA_DIR = dataDir;
  process.env.LOG_LEVEL = "warn";
  const { db } = await import("../lib/db/client");
  const { startApplication, getApplication, saveDraft } = await import("../lib/applications/drafts");
  const { uploadMaterial } = await import("../lib/applications/files");
  const { submitApplication } = await import("../lib/applications/submit");
  const { fileStorage } = await import("../lib/storage");
  const { DEMO_FORMS } = await import("../prisma/seed/forms");

  const demo = DEMO_FORMS[0];
  const item = await db().serviceItem.findFirstOrThrow({
    where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
    select: { implementationCode: true },
  });
  const people = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      db()
        .user.create({
          data: {
            role: "CITIZEN",
            realName: `压测用户${index}`,
            ...toStored({ phone: `199${String(index).padStart(8, "0")}` }),
            passwordHash: "unused",
            assuranceLevel: 2,
          },
        })
        .then((user) => ({ ...user, phone: `199${String(index).padStart(8, "0")}` })),
    ),
  );
  const photo = await sharp({ create: { width: 32, height: 40, channels: 3, background: { r: 240, g: 240, b: 240 } } })
    .png()
    .toBuffer();

  type Outcome =
    | {
        userId: string;
        applicationId: string;
        caseNumber: string;
        fileId: string;
        sha256: string;
        totalMs: number;
        submitMs: number;
      }
    | { error: string };
  const started = performance.now();
  const outcomes: Outcome[] = await Promise.all(
    people.map(async (user, index): Promise<Outcome> => {
      const actor = {
        userId: user.id,
        role: "CITIZEN" as const,
        realName: user.realName,
        departmentId: null,
        companyId: null,
        assuranceLevel: 2,
      };
      const begin = performance.now();
      try {
        const { applicationId } = await startApplication(actor, item.implementationCode, null);
        const upload = await uploadMaterial(
          actor,
          {
            applicationId,
            materialCode: "household-register",
            name: `户口簿-${index}.pdf`,
            bytes: onePdf(1024 * 1024),
          },
          null,
        );
        await uploadMaterial(
          actor,
          { applicationId, materialCode: "photo-receipt", name: "照片.png", bytes: photo },
          null,
        );
        const draft = await getApplication(actor, applicationId);
        await saveDraft(actor, {
          applicationId,
          revision: draft.revision,
          answers: {
            ...draft.answers,
            realName: user.realName,
            idNumber: "11010519491231002X",
            phone: user.phone,
            reason: "lost",
            residence: "广安市广安区渠江北路 1 号",
            delivery: "post",
            members: [],
          },
          validateAll: true,
        });
        const submitBegin = performance.now();
        const key = `bench-${applicationId}`;
        // A double click: two attempts with the same key must still give one case.
        const [result] = await Promise.all([
          submitApplication(actor, { applicationId, idempotencyKey: key, declaration: true }, null),
          submitApplication(actor, { applicationId, idempotencyKey: key, declaration: true }, null),
        ]);
        const end = performance.now();
        return {
          userId: user.id,
          applicationId,
          caseNumber: result.caseNumber,
          fileId: upload.fileId,
          sha256: upload.sha256,
          totalMs: end - begin,
          submitMs: end - submitBegin,
        };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const acknowledged = outcomes.filter(
    (outcome): outcome is Extract<Outcome, { caseNumber: string }> => "caseNumber" in outcome,
  );
  const totals = acknowledged.map((outcome) => outcome.totalMs).sort((a, b) => a - b);
  const submits = acknowledged.map((outcome) => outcome.submitMs).sort((a, b) => a - b);
  console.log(
    `applicants: ${count} concurrent, each a 1 MB PDF + a photo, then a double-clicked submit (in-process against lib/, embedded PostgreSQL, local-disk storage)`,
  );
  console.log(
    `acknowledged: ${acknowledged.length}/${count}; failed: ${outcomes.length - acknowledged.length}${
      acknowledged.length < count
        ? ` (${outcomes
            .filter((outcome) => "error" in outcome)
            .map((outcome) => (outcome as { error: string }).error)
            .slice(0, 3)
            .join("; ")})`
        : ""
    }`,
  );
  console.log(
    `throughput: ${(acknowledged.length / wall).toFixed(1)} submissions/s (${wall.toFixed(1)} s wall time, start to last acknowledgement)`,
  );
  console.log(
    `per applicant (start → upload → save → submit): p50 ${percentile(totals, 50).toFixed(0)} ms, p95 ${percentile(totals, 95).toFixed(0)} ms`,
  );
  console.log(
    `submit alone: p50 ${percentile(submits, 50).toFixed(0)} ms, p95 ${percentile(submits, 95).toFixed(0)} ms`,
  );

  // Verification: every acknowledged submission exists exactly once, with its 1 MB file recorded and stored.
  const problems: string[] = [];
  for (const outcome of acknowledged) {
    const cases = await db().case.findMany({
      where: { applicationId: outcome.applicationId },
      select: { id: true, caseNumber: true },
    });
    if (cases.length !== 1 || cases[0]!.caseNumber !== outcome.caseNumber) {
      problems.push(`${outcome.caseNumber}: ${cases.length} cases`);
      continue;
    }
    const submissions = await db().caseSubmission.findMany({ where: { caseId: cases[0]!.id } });
    const files = (submissions[0]?.files ?? []) as { fileId: string }[];
    if (submissions.length !== 1 || !files.some((file) => file.fileId === outcome.fileId))
      problems.push(`${outcome.caseNumber}: submission or file missing`);
    const stored = await db().storedFile.findUnique({ where: { id: outcome.fileId } });
    if (
      !stored ||
      stored.sha256 !== outcome.sha256 ||
      stored.size < 1024 * 1024 ||
      !(await fileStorage().exists(stored.storageKey))
    )
      problems.push(`${outcome.caseNumber}: stored file missing or changed`);
  }
  const totalCases = await db().case.count();
  const distinctNumbers = new Set(acknowledged.map((outcome) => outcome.caseNumber)).size;
  if (totalCases !== acknowledged.length || distinctNumbers !== acknowledged.length)
    problems.push(
      `${totalCases} cases and ${distinctNumbers} distinct numbers for ${acknowledged.length} acknowledgements`,
    );
  console.log(
    problems.length === 0
      ? `verified: all ${acknowledged.length} acknowledged submissions exist exactly once with their files`
      : `VERIFICATION FAILED:\n  ${problems.join("\n  ")}`,
  );
  await db().$disconnect();
  process.exitCode = problems.length === 0 && acknowledged.length === count ? 0 : 1;
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
