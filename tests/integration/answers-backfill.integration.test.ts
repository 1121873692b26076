import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import { openAnswers, sealAnswers } from "../../lib/applications/answer-secrets";
import { backfillFormAnswers } from "../../lib/applications/answers-backfill";
import { getApplication } from "../../lib/applications/drafts";
import type { Actor } from "../../lib/auth/policy";
import { getStaffCase, staffCaseAnswers } from "../../lib/cases/detail";
import { db } from "../../lib/db/client";
import { migrateData } from "../../lib/db/prepare";
import { FormDefinition } from "../../lib/forms/definition";
import { DEMO_FORMS } from "../../prisma/seed/forms";
import { randomIdNumber, randomPhone } from "../support/identities";

/**
 * Issue 8: form answers written before ID numbers and phones in them were encrypted (lib/applications/answer-secrets.ts)
 * are converted by the backfill after migrations (lib/applications/answers-backfill.ts). Rows are written with raw
 * SQL exactly as the previous version of the app left them, and checked as PostgreSQL holds them.
 */
const url = () => process.env.DATABASE_URL!;
let client: pg.Client;
let item: { id: string; departmentId: string; regionCode: string };
let versionId: string;
let definition: FormDefinition;
let applicant: Actor;
let clerk: Actor;

beforeAll(async () => {
  client = new pg.Client({ connectionString: url() });
  await client.connect();
  const demo = DEMO_FORMS[0]!;
  item = await db().serviceItem.findFirstOrThrow({
    where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
    select: { id: true, departmentId: true, regionCode: true },
  });
  const version = await db().itemVersion.findFirstOrThrow({
    where: { serviceItemId: item.id, status: "PUBLISHED" },
    select: { id: true, content: true },
  });
  versionId = version.id;
  definition = FormDefinition.parse((version.content as { form: unknown }).form);
  const user = await db().user.create({
    data: {
      role: "CITIZEN",
      realName: "赵旧",
      ...toStored({ phone: randomPhone(), idNumber: randomIdNumber() }),
      passwordHash: "unused",
    },
  });
  applicant = {
    userId: user.id,
    role: "CITIZEN",
    realName: user.realName,
    departmentId: null,
    companyId: null,
    assuranceLevel: 2,
  };
  const staff = await db().user.create({
    data: {
      role: "CLERK",
      realName: "窗口人员",
      loginName: `backfill-clerk-${randomBytes(4).toString("hex")}`,
      passwordHash: "unused",
      departmentId: item.departmentId,
      duties: ["INTAKE", "HANDLING", "REVIEW", "DECISION"],
    },
  });
  clerk = {
    userId: staff.id,
    role: "CLERK",
    realName: staff.realName,
    departmentId: item.departmentId,
    companyId: null,
    assuranceLevel: 3,
    duties: staff.duties,
  };
});

afterAll(async () => {
  await client.end();
});

function plainAnswers() {
  return {
    realName: "赵旧",
    idNumber: randomIdNumber(),
    phone: randomPhone(),
    reason: "lost",
    residence: "广安市广安区渠江北路 2 号",
    delivery: "post",
    members: [{ memberName: "赵小旧", memberIdNumber: randomIdNumber() }],
  };
}

/** The secret values of answers shaped like `plainAnswers()`. */
const secretsOf = (answers: ReturnType<typeof plainAnswers>) => [
  answers.idNumber,
  answers.phone,
  answers.members[0]!.memberIdNumber,
];

async function insertApplication(answers: unknown, itemVersionId = versionId): Promise<string> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO application (id, applicant_user_id, service_item_id, item_version_id, status, answers, current_step, expires_at, updated_at)
     VALUES ($1, $2, $3, $4, 'DRAFT', $5::jsonb, 'applicant', now() + interval '30 days', now())`,
    [id, applicant.userId, item.id, itemVersionId, JSON.stringify(answers)],
  );
  return id;
}

/** A case and its first submission, both holding `answers`. */
async function insertCase(answers: unknown): Promise<{ caseId: string; caseNumber: string; submissionId: string }> {
  const caseId = randomUUID();
  const submissionId = randomUUID();
  const caseNumber = `${item.regionCode.slice(0, 6)}20240101${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
  await client.query(
    `INSERT INTO case_record (id, case_number, query_code_hash, service_item_id, item_version_id, department_id, region_code, applicant_user_id,
                              applicant_name, status, answers, submitted_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '赵旧', 'SUBMITTED', $9::jsonb, now(), now())`,
    [
      caseId,
      caseNumber,
      "0".repeat(64),
      item.id,
      versionId,
      item.departmentId,
      item.regionCode,
      applicant.userId,
      JSON.stringify(answers),
    ],
  );
  await client.query(
    "INSERT INTO case_submission (id, case_id, number, answers, files) VALUES ($1, $2, 1, $3::jsonb, '[]'::jsonb)",
    [submissionId, caseId, JSON.stringify(answers)],
  );
  return { caseId, caseNumber, submissionId };
}

async function storedText(table: string, id: string): Promise<string> {
  return (await client.query<{ answers: string }>(`SELECT answers::text AS answers FROM ${table} WHERE id = $1`, [id]))
    .rows[0]!.answers;
}

async function allAnswers(): Promise<string> {
  const rows = await client.query(
    "SELECT 'a' AS t, id, answers FROM application UNION ALL SELECT 'c', id, answers FROM case_record UNION ALL SELECT 's', id, answers FROM case_submission ORDER BY 1, 2",
  );
  return JSON.stringify(rows.rows);
}

describe("backfill of form answers written before encryption", () => {
  let leftAlone: { noForm: string; unreadable: string };

  it("encrypts plaintext ID numbers and phones of a draft, a case and its submission once; reads give them back", async () => {
    const draftAnswers = plainAnswers();
    const caseAnswers = plainAnswers();
    const draftId = await insertApplication(draftAnswers);
    const { caseNumber, caseId, submissionId } = await insertCase(caseAnswers);
    // Already encrypted by the current app: not touched, not counted.
    const sealedDraft = await insertApplication(sealAnswers(definition, plainAnswers()));
    const sealedBefore = await storedText("application", sealedDraft);
    // Left as they are and counted: a version without a form, answers that are not an object.
    const formless = await db().itemVersion.create({
      data: {
        serviceItemId: item.id,
        number: 900_000 + Math.floor(Math.random() * 99_999),
        status: "SUPERSEDED",
        content: { name: "无表单" },
      },
    });
    leftAlone = {
      noForm: await insertApplication({ idNumber: randomIdNumber() }, formless.id),
      unreadable: await insertApplication(["13912345678"]),
    };
    const leftBefore = [
      await storedText("application", leftAlone.noForm),
      await storedText("application", leftAlone.unreadable),
    ];

    // Small batches: the four drafts span two pages.
    const first = await backfillFormAnswers(url(), { batchSize: 2 });
    expect(first).toEqual({ applications: 1, cases: 1, submissions: 1, noForm: 1, unreadable: 1, changedMeanwhile: 0 });

    // No plaintext left in the rows; everything else as it was.
    const draftRow = await storedText("application", draftId);
    const caseRow = await storedText("case_record", caseId);
    const submissionRow = await storedText("case_submission", submissionId);
    for (const secret of secretsOf(draftAnswers)) expect(draftRow).not.toContain(secret);
    for (const secret of secretsOf(caseAnswers)) expect(caseRow + submissionRow).not.toContain(secret);
    for (const row of [draftRow, caseRow, submissionRow]) {
      const stored = JSON.parse(row) as ReturnType<typeof plainAnswers>;
      expect(stored.idNumber).toMatch(/^v1:/);
      expect(stored.phone).toMatch(/^v1:/);
      expect(stored.members[0]!.memberIdNumber).toMatch(/^v1:/);
      expect(stored).toMatchObject({
        realName: "赵旧",
        residence: "广安市广安区渠江北路 2 号",
        members: [{ memberName: "赵小旧" }],
      });
    }
    expect(await storedText("application", sealedDraft)).toBe(sealedBefore);
    expect([
      await storedText("application", leftAlone.noForm),
      await storedText("application", leftAlone.unreadable),
    ]).toEqual(leftBefore);

    // Through the normal read paths: the applicant's draft, the clerk's view (masked), the REST staff view.
    expect((await getApplication(applicant, draftId)).answers).toEqual(draftAnswers);
    expect(await staffCaseAnswers(caseNumber)).toEqual(caseAnswers);
    const shown = JSON.stringify((await getStaffCase(clerk, caseNumber)).answers);
    expect(shown).not.toContain("v1:");
    expect(shown).not.toContain(caseAnswers.idNumber);
    expect(shown).toContain(`${caseAnswers.idNumber.slice(0, 3)}***********${caseAnswers.idNumber.slice(14)}`);
    expect(openAnswers(definition, JSON.parse(submissionRow) as Record<string, unknown>)).toEqual(caseAnswers);

    // A second run finds nothing to do and writes nothing.
    const everything = await allAnswers();
    expect(await backfillFormAnswers(url())).toEqual({
      applications: 0,
      cases: 0,
      submissions: 0,
      noForm: 1,
      unreadable: 1,
      changedMeanwhile: 0,
    });
    expect(await allAnswers()).toBe(everything);

    // After migrations (npm start, db migrate, restore) it runs and reports what it left.
    const lines: string[] = [];
    await migrateData(url(), (line) => lines.push(line));
    expect(lines).toEqual([
      expect.stringMatching(
        /^form answers left as they are: 1 rows whose item version has no form, 1 whose answers are not an object, 0 changed/,
      ),
    ]);
    expect(await allAnswers()).toBe(everything);
  });

  it("does not overwrite answers changed between its read and its write; the next run converts the new answers", async () => {
    const { caseId, caseNumber } = await insertCase(plainAnswers());
    const changed = plainAnswers();
    // Another writer (an instance of the previous version, still running) holds the row, changed but not committed.
    const writer = new pg.Client({ connectionString: url() });
    await writer.connect();
    try {
      await writer.query("BEGIN");
      await writer.query("UPDATE case_record SET answers = $2::jsonb WHERE id = $1", [caseId, JSON.stringify(changed)]);
      const run = backfillFormAnswers(url());
      // The backfill has read the committed (old) answers and now waits for the row: commit the change under it.
      const deadline = Date.now() + 20_000;
      for (;;) {
        const waiting = await client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%UPDATE%case_record%'",
        );
        if (waiting.rows[0]!.n > 0) break;
        if (Date.now() > deadline) throw new Error("the backfill never reached the locked row");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await writer.query("COMMIT");
      // The submission (not locked) is converted; the case is not, since its answers are no longer what was read.
      expect(await run).toEqual({
        applications: 0,
        cases: 0,
        submissions: 1,
        noForm: 1,
        unreadable: 1,
        changedMeanwhile: 1,
      });
    } finally {
      await writer.end();
    }
    expect(JSON.parse(await storedText("case_record", caseId))).toEqual(changed);

    expect(await backfillFormAnswers(url())).toEqual({
      applications: 0,
      cases: 1,
      submissions: 0,
      noForm: 1,
      unreadable: 1,
      changedMeanwhile: 0,
    });
    const row = await storedText("case_record", caseId);
    for (const secret of secretsOf(changed)) expect(row).not.toContain(secret);
    expect(await staffCaseAnswers(caseNumber)).toEqual(changed);
  });
});
