// Child process of reliability-sigkill.integration.test.ts: a steady load of real submissions (start, upload,
// save, idempotent submit) and clerk transitions (accept) through lib/, printing one line per operation it
// STARTS ("TRY …") and one per operation that was ACKNOWLEDGED ("ACK …", printed only after the lib call
// returned, i.e. after its transaction committed). The parent kills it with SIGKILL mid-flight.
// `--retry applicationId:key,…` instead re-submits drafts whose submit was in flight at the kill, with the same
// idempotency keys, as a client retrying after a crash would.
// Run with: tsx --conditions=react-server (server-only modules outside Next.js), DATABASE_URL and ONEWINDOW_DATA_DIR set.
import { randomBytes } from "node:crypto";

const { toStored, wherePhone } = await import("../../lib/accounts/identity-fields");
const { db } = await import("../../lib/db/client");
const { startApplication, getApplication, saveDraft } = await import("../../lib/applications/drafts");
const { uploadMaterial } = await import("../../lib/applications/files");
const { submitApplication } = await import("../../lib/applications/submit");
const { transitionCase } = await import("../../lib/cases/transition");
const { DEMO_FORMS } = await import("../../prisma/seed/forms");

const say = (line: string) => process.stdout.write(`${line}\n`);

function pdf(): Buffer {
  const payload = randomBytes(2048).toString("hex");
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n4 0 obj << /Length ${payload.length} >> stream\n${payload}\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    "latin1",
  );
}

// A 1x1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC",
  "base64",
);

const demo = DEMO_FORMS[0]!;
const item = await db().serviceItem.findFirstOrThrow({
  where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
  select: { implementationCode: true, departmentId: true },
});
const clerkUser =
  (await db().user.findUnique({ where: { loginName: "sigkill-clerk" } })) ??
  (await db().user.create({
    data: {
      role: "CLERK",
      realName: "周杰",
      loginName: "sigkill-clerk",
      passwordHash: "unused",
      departmentId: item.departmentId,
      duties: ["INTAKE", "HANDLING", "REVIEW", "DECISION"],
    },
  }));
const clerk = {
  userId: clerkUser.id,
  role: "CLERK" as const,
  realName: clerkUser.realName,
  departmentId: clerkUser.departmentId,
  companyId: null,
  assuranceLevel: 2,
  duties: clerkUser.duties,
};

async function citizen(index: number) {
  const phone = `197${String(process.pid % 1000).padStart(3, "0")}${String(index).padStart(5, "0")}`;
  const user =
    (await db().user.findUnique({ where: wherePhone(phone) })) ??
    (await db().user.create({
      data: {
        role: "CITIZEN",
        realName: `断电用户${index}`,
        ...toStored({ phone }),
        passwordHash: "unused",
        assuranceLevel: 2,
      },
    }));
  return {
    actor: {
      userId: user.id,
      role: "CITIZEN" as const,
      realName: user.realName,
      departmentId: null,
      companyId: null,
      assuranceLevel: 2,
    },
    phone,
  };
}

async function oneSubmission(index: number) {
  const { actor, phone } = await citizen(index);
  const { applicationId } = await startApplication(actor, item.implementationCode, null);
  await uploadMaterial(
    actor,
    { applicationId, materialCode: "household-register", name: `户口簿-${index}.pdf`, bytes: pdf() },
    null,
  );
  await uploadMaterial(actor, { applicationId, materialCode: "photo-receipt", name: "照片.png", bytes: PNG }, null);
  const draft = await getApplication(actor, applicationId);
  await saveDraft(actor, {
    applicationId,
    revision: draft.revision,
    answers: {
      ...draft.answers,
      realName: actor.realName,
      idNumber: "11010519491231002X",
      phone,
      reason: "lost",
      residence: "广安市广安区渠江北路 1 号",
      delivery: "post",
      members: [],
    },
    validateAll: true,
  });
  const key = `sigkill-${applicationId}`;
  say(`TRY submit ${applicationId} ${key} ${actor.userId}`);
  const result = await submitApplication(actor, { applicationId, idempotencyKey: key, declaration: true }, null);
  say(`ACK submit ${applicationId} ${result.caseNumber}`);
  say(`TRY accept ${result.caseNumber}`);
  await transitionCase(clerk, result.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null });
  say(`ACK accept ${result.caseNumber}`);
}

const retry = process.argv.indexOf("--retry");
if (retry >= 0) {
  for (const entry of (process.argv[retry + 1] ?? "").split(",").filter(Boolean)) {
    const [applicationId, key, userId] = entry.split(":");
    const user = await db().user.findUniqueOrThrow({ where: { id: userId! } });
    const actor = {
      userId: user.id,
      role: "CITIZEN" as const,
      realName: user.realName,
      departmentId: null,
      companyId: null,
      assuranceLevel: 2,
    };
    const result = await submitApplication(
      actor,
      { applicationId: applicationId!, idempotencyKey: key!, declaration: true },
      null,
    );
    say(`ACK submit ${applicationId} ${result.caseNumber}`);
  }
  await db().$disconnect();
  process.exit(0);
}

say("READY");
let next = 0;
// Four applicants at a time, forever: only SIGKILL ends this.
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (;;) {
      const index = next++;
      try {
        await oneSubmission(index);
      } catch (error) {
        say(`ERR ${index} ${error instanceof Error ? error.message.replace(/\s+/g, " ") : String(error)}`);
      }
    }
  }),
);
