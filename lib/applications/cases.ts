import "server-only";
import { canonicalJson } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { availableActions, type CaseStatus } from "../cases/state-machine";
import { supplementChoicesOfVersion } from "../cases/take-action";
import { unchanged } from "../cases/submission-diff";
import { assertMayAct, transitionCase } from "../cases/transition";
import { dateColumnToIso } from "../calendar/china-time";
import { env } from "../env";
import { db } from "../db/client";
import { isStatusIn, RATEABLE_STATUSES } from "../cases/state-machine";
import { AppError } from "../errors";
import { compileAnswersSchema, issuesToFieldErrors } from "../forms/compile";
import type { Prisma } from "../generated/prisma/client";
import { notFound, versionFacts } from "./access";
import { openAnswers, sealAnswers } from "./answer-secrets";
import { storeUpload } from "../files/store";
import { lockerTrust } from "./files";
import { ResubmitInput, WithdrawInput } from "./schemas";
import type { SubmissionFile } from "./submit";

/**
 * The applicant's side of a case: the detail with its timeline and submissions, withdrawal until acceptance,
 * and supplements (补正): the one-time list the clerk sent, then a resubmission that may change only what the
 * list names (the server compares every other answer and material with the last submission). Every state change
 * goes through lib/cases/transition.ts; earlier submissions are kept.
 */

const CASE_NUMBER = /^\d{20}$/;

type SupplementEntry = { materialCode?: string | null; field?: string | null; note: string };

async function findOwnCase(actor: Actor, caseNumber: string) {
  if (!CASE_NUMBER.test(caseNumber)) throw notFound();
  const row = await db().case.findUnique({ where: { caseNumber } });
  if (!row) throw notFound();
  try {
    assertMayAct(actor, row);
  } catch {
    throw notFound();
  }
  // Staff see cases in the console; this is the applicant's view.
  assertCan(actor, "portal.account");
  return row;
}

/** The latest supplement request's list (一次性告知), when the case is waiting for one. */
async function supplementListOf(
  caseId: string,
): Promise<{ list: SupplementEntry[]; at: Date; reason: string | null; noticeFileId: string | null } | null> {
  const event = await db().caseEvent.findFirst({
    where: { caseId, action: "requestSupplement" },
    orderBy: { at: "desc" },
  });
  if (!event) return null;
  const data = (event.data ?? {}) as { supplementList?: SupplementEntry[]; noticeFileId?: unknown };
  return {
    list: Array.isArray(data.supplementList) ? data.supplementList : [],
    at: event.at,
    reason: event.reason,
    // The written 补正材料通知书 (requests made before it existed have none).
    noticeFileId: typeof data.noticeFileId === "string" ? data.noticeFileId : null,
  };
}

/** A case as its applicant sees it: status, item, department, dates, timeline, submissions with file names. */
export async function getMyCase(
  actor: Actor,
  caseNumber: string,
  { now = new Date(), locale = "zh-CN" }: { now?: Date; locale?: string } = {},
) {
  const row = await findOwnCase(actor, caseNumber);
  const [item, department, events, submissions] = await Promise.all([
    db().serviceItem.findUnique({
      where: { id: row.serviceItemId },
      select: { implementationCode: true, name: true, nameEn: true },
    }),
    db().department.findUnique({ where: { id: row.departmentId }, select: { name: true, nameEn: true } }),
    db().caseEvent.findMany({ where: { caseId: row.id, visibleToApplicant: true }, orderBy: { at: "asc" } }),
    db().caseSubmission.findMany({ where: { caseId: row.id }, orderBy: { number: "asc" } }),
  ]);
  const fileIds = submissions.flatMap((submission) =>
    ((submission.files ?? []) as SubmissionFile[]).map((file) => file.fileId),
  );
  const files = await db().storedFile.findMany({
    where: { id: { in: fileIds } },
    select: { id: true, originalName: true, size: true, contentType: true },
  });
  const fileById = new Map(files.map((file) => [file.id, file]));
  const status = row.status as CaseStatus;
  return {
    ...(await outcomeOf(actor, row, status, events, now)),
    caseNumber: row.caseNumber,
    status,
    version: row.version,
    submittedAt: row.submittedAt,
    acceptedAt: row.acceptedAt,
    dueDate: row.dueDate,
    completedAt: row.completedAt,
    applicantName: row.applicantName,
    item,
    department,
    actions: availableActions(status, "applicant"),
    supplement: status === "SUPPLEMENT_REQUESTED" ? await labelledSupplement(row, locale) : null,
    timeline: events.map((event) => ({
      at: event.at,
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      data: event.data as Record<string, unknown> | null,
    })),
    submissions: submissions.map((submission) => ({
      number: submission.number,
      createdAt: submission.createdAt,
      files: ((submission.files ?? []) as SubmissionFile[]).map((file) => ({
        ...file,
        name: fileById.get(file.fileId)?.originalName ?? "",
        size: fileById.get(file.fileId)?.size ?? 0,
      })),
    })),
  };
}

export type MyCase = Awaited<ReturnType<typeof getMyCase>>;

/** The open supplement request with each entry named by the material or answer it is about. */
async function labelledSupplement(row: { id: string; itemVersionId: string }, locale: string) {
  const request = await supplementListOf(row.id);
  if (!request) return null;
  const choices = await supplementChoicesOfVersion(row.itemVersionId, locale);
  const label = (entry: SupplementEntry) =>
    (entry.materialCode
      ? choices.materials.find((material) => material.code === entry.materialCode)?.name
      : undefined) ??
    (entry.field ? choices.fields.find((field) => field.key === entry.field?.split(".")[0])?.label : undefined) ??
    null;
  return { ...request, list: request.list.map((entry) => ({ ...entry, label: label(entry) })) };
}

type OutcomeEvent = { action: string; at: Date; data: unknown };

/**
 * What a finished case gives its applicant (issue 18: the "已办结，请下载办理结果并评价" notice opens this page):
 * the certificate (download, its public verification address, its current status), the written notice of a
 * refusal, how the result was delivered, and the rating (评价) once the case may be rated.
 */
async function outcomeOf(
  actor: Actor,
  row: { id: string; caseNumber: string; completedAt: Date | null; updatedAt: Date },
  status: CaseStatus,
  events: OutcomeEvent[],
  now: Date,
) {
  const licence = await db().licence.findFirst({
    where: { caseId: row.id },
    select: {
      name: true,
      number: true,
      checkCode: true,
      status: true,
      fileId: true,
      holderName: true,
      holderCode: true,
      issuedAt: true,
    },
  });
  const lastWith = (action: string) => [...events].reverse().find((event) => event.action === action);
  const refusal = lastWith("deny") ?? lastWith("rejectAtIntake");
  const noticeFileId = ((refusal?.data ?? {}) as { noticeFileId?: unknown }).noticeFileId;
  const delivered = lastWith("deliver");
  const deliveryData = (delivered?.data ?? {}) as { deliveryMethod?: string; trackingNumber?: string | null };
  // A rating is one person's (lib/evaluation/evaluations.ts): one given by a colleague of the same company is not
  // shown as this person's, and no invitation is made after the rating window (EVALUATION_WINDOW_DAYS) has closed.
  const windowOpen =
    (row.completedAt ?? row.updatedAt).getTime() >= now.getTime() - env().EVALUATION_WINDOW_DAYS * 24 * 3600_000;
  const evaluation = isStatusIn(RATEABLE_STATUSES, status)
    ? await db().evaluation.findUnique({
        where: { touchpointKind_touchpointId: { touchpointKind: "CASE", touchpointId: row.id } },
        select: { level: true, userId: true },
      })
    : undefined;
  const path = `/account/evaluations/rate/case/${row.caseNumber}`;
  let rating: { path: string; level: number | null } | null = null;
  if (evaluation === null && windowOpen) rating = { path, level: null };
  else if (evaluation && evaluation.userId === actor.userId) rating = { path, level: evaluation.level };
  return {
    result: licence
      ? {
          name: licence.name,
          number: licence.number,
          status: licence.status,
          fileId: licence.fileId,
          holderName: licence.holderName,
          holderCode: licence.holderCode,
          issuedOn: dateColumnToIso(licence.issuedAt),
          verifyPath: `/verify/${encodeURIComponent(licence.number)}?code=${encodeURIComponent(licence.checkCode)}`,
        }
      : null,
    notice:
      refusal && typeof noticeFileId === "string"
        ? { fileId: noticeFileId, action: refusal.action as "deny" | "rejectAtIntake" }
        : null,
    delivery: delivered
      ? {
          at: delivered.at,
          method: deliveryData.deliveryMethod ?? null,
          trackingNumber: deliveryData.trackingNumber ?? null,
        }
      : null,
    rating,
  };
}

/** 撤回: the applicant withdraws a case that has not been accepted yet (the state machine says which). */
export async function withdrawCase(actor: Actor, input: unknown, ip: string | null) {
  const parsed = WithdrawInput.safeParse(input);
  if (!parsed.success) throw notFound();
  await findOwnCase(actor, parsed.data.caseNumber);
  return transitionCase(
    actor,
    parsed.data.caseNumber,
    { action: "withdraw", expectedVersion: parsed.data.expectedVersion, reason: parsed.data.reason ?? null },
    { ip },
  );
}

/**
 * What a supplement answer page needs: the list, the form of the case's version, the last submission's answers
 * and files, and which top-level answers and materials may change.
 */
export async function getSupplementRequest(actor: Actor, caseNumber: string) {
  const row = await findOwnCase(actor, caseNumber);
  if (row.status !== "SUPPLEMENT_REQUESTED") throw new AppError("UNPROCESSABLE", "applications.errors.noSupplement");
  const [request, version, last] = await Promise.all([
    supplementListOf(row.id),
    db().itemVersion.findUniqueOrThrow({ where: { id: row.itemVersionId }, select: { content: true } }),
    db().caseSubmission.findFirst({ where: { caseId: row.id }, orderBy: { number: "desc" } }),
  ]);
  const facts = versionFacts(version.content);
  const list = request?.list ?? [];
  const files = (last?.files ?? []) as SubmissionFile[];
  const stored = await db().storedFile.findMany({
    where: { id: { in: files.map((file) => file.fileId) } },
    select: { id: true, originalName: true, size: true },
  });
  return {
    caseNumber: row.caseNumber,
    version: row.version,
    list,
    requestedAt: request?.at ?? null,
    reason: request?.reason ?? null,
    definition: facts.definition,
    materials: facts.materials,
    answers: openAnswers(facts.definition, (row.answers ?? {}) as Record<string, unknown>),
    files: files.map((file) => ({
      ...file,
      name: stored.find((entry) => entry.id === file.fileId)?.originalName ?? "",
      size: stored.find((entry) => entry.id === file.fileId)?.size ?? 0,
    })),
    editableFields: editableFields(list),
    editableMaterials: editableMaterials(list, facts.definition),
  };
}

/** Top-level answer keys the list names (a path "members.0.idNumber" opens the whole "members" answer). */
export function editableFields(list: readonly SupplementEntry[]): string[] {
  return [...new Set(list.map((entry) => entry.field?.split(".")[0]).filter((key): key is string => Boolean(key)))];
}

/** Materials the list names, and the materials of listed file fields. */
export function editableMaterials(
  list: readonly SupplementEntry[],
  definition: ReturnType<typeof versionFacts>["definition"],
): string[] {
  const codes = new Set(list.map((entry) => entry.materialCode).filter((code): code is string => Boolean(code)));
  const fields = new Set(editableFields(list));
  for (const step of definition.steps)
    for (const field of step.fields) if (field.type === "file" && fields.has(field.key)) codes.add(field.materialCode);
  return [...codes];
}

/**
 * Resubmits after a supplement request: validates the whole form, refuses any change outside the list, writes
 * CaseSubmission #n and the case's latest answers, and moves the case on (transitionCase "resubmit") — all in
 * one transaction under the case's row lock.
 */
export async function resubmitSupplement(actor: Actor, input: unknown, ip: string | null) {
  const parsed = ResubmitInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "applications.errors.form", {
      fieldErrors: issuesToFieldErrors(parsed.error.issues),
    });
  const request = parsed.data;
  const own = await findOwnCase(actor, request.caseNumber);
  // Trust of new files is decided before the transaction (locker lookups); ownership is required.
  const newFileTrust = new Map<string, "A" | "B" | "C" | "D">();
  for (const fileId of Object.values(request.files).flat()) {
    const trust = await lockerTrust(actor, fileId);
    if (!trust)
      throw new AppError("UNPROCESSABLE", "applications.errors.fileNotFound", {
        fieldErrors: { files: "applications.errors.fileNotFound" },
      });
    newFileTrust.set(fileId, trust);
  }

  return transitionCase(
    actor,
    request.caseNumber,
    { action: "resubmit", expectedVersion: request.expectedVersion },
    {
      ip,
      effects: async (tx, row) => {
        const request2 = await supplementListOfTx(tx, row.id);
        const version = await tx.itemVersion.findUniqueOrThrow({
          where: { id: row.itemVersionId },
          select: { content: true },
        });
        const facts = versionFacts(version.content);
        const fields = new Set(editableFields(request2));
        const materials = new Set(editableMaterials(request2, facts.definition));
        const last = await tx.caseSubmission.findFirst({ where: { caseId: row.id }, orderBy: { number: "desc" } });
        const lastFiles = (last?.files ?? []) as SubmissionFile[];

        // Files: unlisted materials keep exactly what was submitted; listed ones take the new lists.
        const errors: Record<string, string> = {};
        for (const code of Object.keys(request.files))
          if (!materials.has(code)) errors[`materials.${code}`] = "applications.errors.notListed";
        const files: SubmissionFile[] = lastFiles.filter((file) => !materials.has(file.materialCode));
        for (const code of materials) {
          const given = request.files[code];
          const ids = given ?? lastFiles.filter((file) => file.materialCode === code).map((file) => file.fileId);
          for (const fileId of ids) {
            const previous = lastFiles.find((file) => file.fileId === fileId);
            files.push({ materialCode: code, fileId, trust: previous?.trust ?? newFileTrust.get(fileId) ?? "C" });
          }
        }

        // Answers: bound file fields follow the files; everything unlisted must equal the last submission.
        const answers: Record<string, unknown> = { ...request.answers };
        for (const step of facts.definition.steps)
          for (const field of step.fields)
            if (field.type === "file") {
              const ids = files.filter((file) => file.materialCode === field.materialCode).map((file) => file.fileId);
              if (ids.length > 0) answers[field.key] = ids;
              else delete answers[field.key];
            }
        const checked = compileAnswersSchema(facts.definition).safeParse(answers);
        if (!checked.success) Object.assign(errors, issuesToFieldErrors(checked.error.issues));
        else {
          const before = openAnswers(facts.definition, (row.answers ?? {}) as Record<string, unknown>);
          for (const key of new Set([...Object.keys(before), ...Object.keys(checked.data)])) {
            const isFileField = facts.definition.steps.some((step) =>
              step.fields.some((field) => field.key === key && field.type === "file"),
            );
            if (fields.has(key) || isFileField) continue;
            if (canonicalJson(before[key] ?? null) !== canonicalJson(checked.data[key] ?? null))
              errors[key] = "applications.errors.notListed";
          }
        }
        if (Object.keys(errors).length > 0)
          throw new AppError("UNPROCESSABLE", "applications.errors.form", { fieldErrors: errors });
        // The same answers and files again fix nothing that was asked for (issue 18): say so, change nothing.
        const lastAnswers = openAnswers(
          facts.definition,
          (last?.answers ?? row.answers ?? {}) as Record<string, unknown>,
        );
        if (
          unchanged({ answers: lastAnswers, files: lastFiles }, { answers: checked.data ?? {}, files }, canonicalJson)
        ) {
          throw new AppError("VALIDATION", "applications.errors.nothingChanged");
        }

        const number = (last?.number ?? 0) + 1;
        const clean = sealAnswers(facts.definition, checked.data ?? {}) as Prisma.InputJsonValue;
        await tx.caseSubmission.create({
          data: { caseId: row.id, number, answers: clean, files: files as unknown as Prisma.InputJsonValue },
        });
        await tx.case.update({ where: { id: row.id }, data: { answers: clean } });
        // New files join the application, so whoever may see the case may read them (lib/files/access.ts).
        if (row.applicationId) {
          for (const file of files) {
            await tx.applicationFile.upsert({
              where: { applicationId_fileId: { applicationId: row.applicationId, fileId: file.fileId } },
              create: {
                applicationId: row.applicationId,
                fileId: file.fileId,
                materialCode: file.materialCode,
                trust: file.trust,
              },
              update: {},
            });
          }
        }
        return { submission: number, files: files.length };
      },
    },
  ).then((updated) => ({ caseNumber: own.caseNumber, status: updated.status, version: updated.version }));
}

async function supplementListOfTx(tx: Prisma.TransactionClient, caseId: string): Promise<SupplementEntry[]> {
  const event = await tx.caseEvent.findFirst({
    where: { caseId, action: "requestSupplement" },
    orderBy: { at: "desc" },
  });
  const data = (event?.data ?? {}) as { supplementList?: SupplementEntry[] };
  return Array.isArray(data.supplementList) ? data.supplementList : [];
}

/** Uploads a file for a material the supplement list names (it joins the case when the applicant resubmits). */
export async function uploadSupplementFile(
  actor: Actor,
  input: { caseNumber: string; materialCode: string; name: string; bytes: Buffer },
  ip: string | null,
) {
  const request = await getSupplementRequest(actor, input.caseNumber);
  if (!request.editableMaterials.includes(input.materialCode)) {
    throw new AppError("VALIDATION", "applications.errors.notListed", {
      fieldErrors: { materialCode: "applications.errors.notListed" },
    });
  }
  const stored = await storeUpload({
    actor,
    purpose: "APPLICATION_MATERIAL",
    name: input.name,
    bytes: input.bytes,
    ip,
  });
  return {
    fileId: stored.fileId,
    name: stored.name,
    size: stored.size,
    contentType: stored.contentType,
    sha256: stored.sha256,
    trust: "C" as const,
  };
}
