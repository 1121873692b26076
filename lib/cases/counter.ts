import "server-only";
import { z } from "zod";
import { toStored, whereIdNumber, wherePhone } from "../accounts/identity-fields";
import { fileFieldsByMaterial } from "../applications/access";
import { sealAnswers } from "../applications/answer-secrets";
import { casesOfFile } from "../applications/file-cases";
import { isFileRejected, type MessageValues } from "../files/errors";
import { storeUpload } from "../files/store";
import { compileAnswersSchema, issuesToFieldErrors } from "../forms/compile";
import { FormDefinition } from "../forms/definition";
import { recordCounterVerification } from "../accounts/identity-verification";
import { IDENTITY_CHECKS, idNumber, phone, realName } from "../accounts/schemas";
import { recordAudit } from "../audit/audit";
import { type Actor, applicantKind, assertCan, can, type Role } from "../auth/policy";
import { publishedVersionOf } from "../catalogue/versions";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { notifyCaseSubmitted } from "../notifications/case-submitted";
import { text } from "../validation/text";
import { nextStepFields } from "./case-workflow";
import { counterDefinition } from "./counter-form";
import { hashQueryCode, newQueryCode, nextCaseNumber } from "./case-number";
import { workflowOfVersion } from "./workflow";

/**
 * Walk-in applications at the counter (一窗受理, 线上线下融合; issue 19). A clerk with the intake duty checks the
 * applicant's identity document in person, finds the person's account by ID number or opens one for them, fills in
 * the item's form on their behalf (every field but uploads, lib/cases/counter-form.ts, validated like an online
 * submission), ticks the materials handed in on paper and scans them (trust B: checked against the original at a
 * window), and registers the case: channel WINDOW, filed under the item's published version, waiting for its
 * workflow's first step like an online submission. The receipt carries the case number and
 * a query code (shown once: only its hash is stored), so the applicant can follow the case on /track, or in their
 * account when they have one.
 */

export { IDENTITY_CHECKS } from "../accounts/schemas";

const E = "cases.counter.errors";

/** Scans per registration: a thick licensing file is rarely more than a few dozen pages. */
const MAX_SCANS = 60;

export const CounterRegistration = z.object({
  serviceItemId: z.uuid({ message: `${E}.item` }),
  realName,
  idNumber,
  /** Optional: for the text message with the query code; an account's own number is kept. */
  phone: phone.optional().or(z.literal("").transform(() => undefined)),
  identityCheck: z.enum(IDENTITY_CHECKS, { message: `${E}.identityCheck` }),
  /** The clerk confirms having compared the person with the document. */
  identityConfirmed: z.literal(true, { message: `${E}.identityConfirmed` }),
  /** Materials received (codes of the item's materials). */
  materialCodes: z.array(text().max(64)).max(100, "errors.tooMany").default([]),
  /** The item's form filled in at the counter (checked against the published version's form, without uploads). */
  answers: z.record(z.string(), z.unknown()).default({}),
  /** Scans stored beforehand by `storeCounterScans` (the clerk's own, not yet part of any case). */
  scans: z
    .array(z.object({ fileId: z.uuid({ message: `${E}.scan` }), materialCode: text().max(64) }))
    .max(MAX_SCANS, "errors.tooMany")
    .default([]),
  note: text({ multiline: true })
    .max(1000, "errors.tooLong")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type CounterRegistration = z.input<typeof CounterRegistration>;

export type CounterReceipt = {
  caseNumber: string;
  queryCode: string;
  applicantName: string;
  itemName: string;
  departmentName: string;
  submittedAt: Date;
  materials: string[];
  /** The person had no account: one was opened with the checked identity (they can follow the case by query code). */
  newApplicant: boolean;
};

function invalid(fieldErrors: Record<string, string>): AppError {
  return new AppError("VALIDATION", `${E}.form`, { fieldErrors });
}

/** The items the actor registers walk-ins for: their department's active items, by name. */
export async function counterItems(actor: Actor) {
  if (!actor.departmentId) return [];
  const items = await db().serviceItem.findMany({
    where: { departmentId: actor.departmentId, status: "ACTIVE" },
    orderBy: [{ name: "asc" }],
    take: 500,
    select: {
      id: true,
      implementationCode: true,
      name: true,
      nameEn: true,
      departmentId: true,
      materials: { orderBy: { sortOrder: "asc" }, select: { code: true, name: true, necessity: true } },
    },
  });
  return items.filter((item) =>
    can(actor, "case.counter.register", { kind: "serviceItem", departmentId: item.departmentId }),
  );
}

export async function registerWalkIn(
  actor: Actor,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
): Promise<CounterReceipt> {
  const parsed = CounterRegistration.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.map(String).join(".") || "_"] ??= issue.message;
    throw invalid(fieldErrors);
  }
  const data = parsed.data;
  const item = await db().serviceItem.findUnique({
    where: { id: data.serviceItemId },
    select: {
      id: true,
      status: true,
      version: true,
      name: true,
      nameEn: true,
      itemType: true,
      regionCode: true,
      departmentId: true,
      implementationCode: true,
      department: { select: { name: true, nameEn: true } },
      materials: { select: { code: true, name: true } },
    },
  });
  if (!item || !can(actor, "case.counter.register", { kind: "serviceItem", departmentId: item.departmentId }))
    throw invalid({ serviceItemId: `${E}.item` });
  assertCan(actor, "case.counter.register", { kind: "serviceItem", departmentId: item.departmentId });
  if (item.status !== "ACTIVE") throw invalid({ serviceItemId: `${E}.itemInactive` });
  const materialNames = new Map(item.materials.map((material) => [material.code, material.name]));
  const unknown = data.materialCodes.find((code) => !materialNames.has(code));
  if (unknown) throw invalid({ materialCodes: `${E}.material` });
  await assertOwnScans(actor, data.scans, materialNames);
  // Scanned papers were received.
  const received = [...new Set([...data.materialCodes, ...data.scans.map((scan) => scan.materialCode)])];
  // The form's answers first, so their errors come back before anything is written.
  const published = await db().itemVersion.findFirst({
    where: { serviceItemId: item.id, status: "PUBLISHED" },
    select: { id: true, content: true },
  });
  const checkedAnswers = published
    ? { versionId: published.id, answers: counterAnswers(published.content, data.answers, data.scans) }
    : null;

  return db().$transaction(async (tx) => {
    // The person: their account when the ID number has one (the name must match the document), else a new one.
    const existing = await tx.user.findFirst({
      where: whereIdNumber(data.idNumber),
      select: { id: true, role: true, realName: true, status: true, phoneHash: true },
    });
    if (existing && (applicantKind({ role: existing.role as Role }) !== "person" || existing.status !== "ACTIVE"))
      throw invalid({ idNumber: `${E}.notACitizen` });
    if (existing && existing.realName !== data.realName) throw invalid({ realName: `${E}.nameMismatch` });
    const phoneTaken =
      !existing && data.phone ? await tx.user.findFirst({ where: wherePhone(data.phone), select: { id: true } }) : null;
    const applicant =
      existing ??
      (await tx.user.create({
        data: {
          role: "CITIZEN",
          realName: data.realName,
          // A number another account holds stays with that account: the new one goes without (the receipt is on paper).
          ...toStored({ idNumber: data.idNumber, phone: phoneTaken ? undefined : data.phone }),
          // No password: the account exists for the case; signing in needs a password set through 找回密码 by SMS.
          passwordHash: "!counter",
        },
        select: { id: true, role: true, realName: true, status: true, phoneHash: true },
      }));
    // The clerk compared the person with their ID card: a counter verification (level 4), for a new account and an
    // existing one alike (lib/accounts/identity-verification.ts).
    await recordCounterVerification(tx, {
      userId: applicant.id,
      identityCheck: data.identityCheck,
      clerk: actor,
      ip,
      now,
    });

    const version = await publishedVersionOf(tx, item);
    if (!version) throw invalid({ serviceItemId: `${E}.itemInactive` });
    // Checked above unless a new version was published meanwhile.
    const answers =
      checkedAnswers?.versionId === version.id
        ? checkedAnswers.answers
        : counterAnswers(version.content, data.answers, data.scans);
    const caseNumber = await nextCaseNumber(tx, item.regionCode, now);
    const queryCode = newQueryCode();
    const firstStep = await nextStepFields(
      tx,
      {
        regionCode: item.regionCode,
        departmentId: item.departmentId,
        sharedDepartmentIds: [],
        currentStep: null,
        stepDueDate: null,
      },
      "SUBMITTED",
      { workflow: workflowOfVersion(version.content, item.itemType), signOffs: [] },
      now,
    );
    const counter = {
      identityCheck: data.identityCheck,
      materialsReceived: received,
      scanned: data.scans.length,
      registeredBy: actor.userId,
    };
    const caseRow = await tx.case.create({
      data: {
        caseNumber,
        queryCodeHash: hashQueryCode(queryCode),
        serviceItemId: item.id,
        itemVersionId: version.id,
        departmentId: item.departmentId,
        regionCode: item.regionCode,
        applicantUserId: applicant.id,
        applicantCompanyId: null,
        applicantName: applicant.realName,
        channel: "WINDOW",
        status: "SUBMITTED",
        answers: answers as Prisma.InputJsonValue,
        submittedAt: now,
        ...firstStep,
      },
    });
    // Scans are files of the submission (trust B: checked against the original at a window); papers without a scan
    // are recorded as received on the submit event.
    const files = data.scans.map((scan) => ({ materialCode: scan.materialCode, fileId: scan.fileId, trust: "B" }));
    await tx.caseSubmission.create({
      data: { caseId: caseRow.id, number: 1, answers: answers as Prisma.InputJsonValue, files, createdAt: now },
    });
    const submitted = await tx.caseEvent.create({
      data: {
        caseId: caseRow.id,
        at: now,
        actorId: actor.userId,
        actorRole: actor.role,
        action: "submit",
        toStatus: "SUBMITTED",
        reason: data.note ?? null,
        data: { submission: 1, channel: "WINDOW", ...counter } as Prisma.InputJsonValue,
        visibleToApplicant: true,
      },
    });
    await notifyCaseSubmitted(
      tx,
      { userId: applicant.id, caseNumber, queryCode, submitEventId: submitted.id, item, department: item.department },
      now,
    );
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "case.counterRegister",
      objectType: "Case",
      objectId: caseRow.id,
      after: {
        caseNumber,
        channel: "WINDOW",
        applicantUserId: applicant.id,
        newApplicant: !existing,
        itemVersionId: version.id,
        ...counter,
      },
      ip,
    });
    return {
      caseNumber,
      queryCode,
      applicantName: applicant.realName,
      itemName: item.name,
      departmentName: item.department.name,
      submittedAt: now,
      materials: received.map((code) => materialNames.get(code) ?? code),
      newApplicant: !existing,
    };
  });
}

/** The published version's form as the counter fills it in, or null when the item has no form (papers only). */
export async function counterFormOf(actor: Actor, serviceItemId: string): Promise<FormDefinition | null> {
  const item = await db().serviceItem.findUnique({ where: { id: serviceItemId }, select: { departmentId: true } });
  if (!item || !can(actor, "case.counter.register", { kind: "serviceItem", departmentId: item.departmentId }))
    return null;
  const version = await db().itemVersion.findFirst({
    where: { serviceItemId, status: "PUBLISHED" },
    select: { content: true },
  });
  const form = FormDefinition.safeParse(((version?.content ?? {}) as { form?: unknown }).form);
  return form.success ? counterDefinition(form.data) : null;
}

/**
 * The answers to store: the counter's answers checked like an online submission's (field errors under `answers.`),
 * the scans in the file fields their materials are bound to, PII sealed. An item without a form stores none.
 */
function counterAnswers(
  content: unknown,
  given: Record<string, unknown>,
  scans: readonly { fileId: string; materialCode: string }[],
): Record<string, unknown> {
  const form = FormDefinition.safeParse(((content ?? {}) as { form?: unknown }).form);
  if (!form.success) return {};
  const counter = counterDefinition(form.data);
  let answers: Record<string, unknown> = {};
  if (counter) {
    const checked = compileAnswersSchema(counter).safeParse(given);
    if (!checked.success) {
      const fieldErrors = Object.fromEntries(
        Object.entries(issuesToFieldErrors(checked.error.issues)).map(([path, message]) => [
          `answers.${path}`,
          message,
        ]),
      );
      throw new AppError("VALIDATION", `${E}.answers`, { fieldErrors });
    }
    answers = checked.data;
  }
  for (const [materialCode, key] of fileFieldsByMaterial(form.data)) {
    const ids = scans.filter((scan) => scan.materialCode === materialCode).map((scan) => scan.fileId);
    if (ids.length) answers[key] = ids;
  }
  return sealAnswers(form.data, answers);
}

/** Scans named in a registration: stored by this clerk as application material, for a material of the item, unused. */
async function assertOwnScans(
  actor: Actor,
  scans: readonly { fileId: string; materialCode: string }[],
  materials: ReadonlyMap<string, string>,
) {
  if (scans.length === 0) return;
  const stored = await db().storedFile.findMany({
    where: { id: { in: scans.map((scan) => scan.fileId) } },
    select: { id: true, ownerUserId: true, purpose: true },
  });
  for (const scan of scans) {
    const file = stored.find((entry) => entry.id === scan.fileId);
    if (
      !file ||
      file.ownerUserId !== actor.userId ||
      file.purpose !== "APPLICATION_MATERIAL" ||
      !materials.has(scan.materialCode)
    )
      throw invalid({ scans: `${E}.scan` });
    if ((await casesOfFile(scan.fileId)).length > 0) throw invalid({ scans: `${E}.scan` });
  }
}

export type CounterScan = { fileId: string; materialCode: string; name: string; size: number };
export type ScanRejection = { materialCode: string; name: string; messageKey: string; values: MessageValues };

/**
 * Stores the scans of one registration before it is made (uploads are checked by content like any other, and
 * owned by the clerk until the case holds them). A refused file is reported with its reason and the others are kept,
 * so the clerk rescans only that one; stored scans survive a registration that fails on something else.
 */
export async function storeCounterScans(
  actor: Actor,
  serviceItemId: string,
  uploads: readonly { materialCode: string; name: string; bytes: Buffer }[],
  ip: string | null,
): Promise<{ stored: CounterScan[]; rejected: ScanRejection[] }> {
  const item = z.uuid().safeParse(serviceItemId).success
    ? await db().serviceItem.findUnique({
        where: { id: serviceItemId },
        select: { departmentId: true, materials: { select: { code: true } } },
      })
    : null;
  if (!item || !can(actor, "case.counter.register", { kind: "serviceItem", departmentId: item.departmentId }))
    throw invalid({ serviceItemId: `${E}.item` });
  if (uploads.length > MAX_SCANS) throw invalid({ scans: "errors.tooMany" });
  const codes = new Set(item.materials.map((material) => material.code));
  const stored: CounterScan[] = [];
  const rejected: ScanRejection[] = [];
  for (const upload of uploads) {
    if (!codes.has(upload.materialCode)) throw invalid({ scans: `${E}.material` });
    try {
      const file = await storeUpload({
        actor,
        purpose: "APPLICATION_MATERIAL",
        name: upload.name,
        bytes: upload.bytes,
        ip,
      });
      stored.push({ fileId: file.fileId, materialCode: upload.materialCode, name: file.name, size: file.size });
    } catch (error) {
      if (!isFileRejected(error)) throw error;
      rejected.push({
        materialCode: upload.materialCode,
        name: upload.name,
        messageKey: error.messageKey,
        values: error.values,
      });
    }
  }
  return { stored, rejected };
}
