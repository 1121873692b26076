import "server-only";
import { channelOf } from "../analytics/channel";
import { chinaToday } from "../calendar/china-time";
import { attachLicencesFromLibrary } from "./files";
import { fromStored, IDENTITY_SELECT } from "../accounts/identity-fields";
import { recordAudit } from "../audit/audit";
import {
  type Actor,
  applicantKind,
  applicantScope,
  type ApplicationStartRefusal,
  applicationStartRefusal,
  assertCan,
  can,
} from "../auth/policy";
import { findPublishedForm } from "../catalogue/published-form";
import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { compileAnswersSchema, issuesToFieldErrors } from "../forms/compile";
import type { FormDefinition } from "../forms/definition";
import { prefillAnswers } from "../forms/prefill";
import type { Prisma } from "../generated/prisma/client";
import { isId } from "../http/params";
import { openAnswers, sealAnswers } from "./answer-secrets";
import {
  assertOwnsApplication,
  fileFieldsByMaterial,
  lockApplication,
  notFound,
  type Tx,
  UUID,
  versionFacts,
} from "./access";
import { MAX_ANSWERS_BYTES, SaveDraftInput } from "./schemas";

/**
 * Application drafts (申报草稿): one open draft per applicant and item, saved on every step and periodically,
 * resumed on any device at the saved step. Saves carry the revision the client last saw: a save from a second
 * device that did not see the first device's save is refused with the fresh draft (nothing is silently lost).
 * Drafts expire after APPLICATION_DRAFT_DAYS without a save (see expiry.ts).
 */

const DAY = 24 * 3600_000;

/** Message keys of answer problems that mean "wrong type or impossible value", refused even in a draft. */
const TYPE_ERRORS = new Set([
  "forms.errors.invalid",
  "forms.errors.number.invalid",
  "forms.errors.option.invalid",
  "forms.errors.file.invalid",
  "forms.errors.file.tooMany",
  "forms.errors.date.invalid",
  "forms.errors.tooLong",
  "forms.errors.group.maxRows",
  "forms.errors.address.region",
]);

export function draftExpiry(now: Date): Date {
  return new Date(now.getTime() + env().APPLICATION_DRAFT_DAYS * DAY);
}

/** When the applicant should be reminded that the draft will expire (issue 7 sends the reminder). */
export function reminderDueAt(expiresAt: Date): Date {
  return new Date(expiresAt.getTime() - env().APPLICATION_DRAFT_REMINDER_DAYS * DAY);
}

/** A stale save: carries the fresh draft so the client can show it instead of losing either version. */
export class DraftConflictError extends AppError {
  constructor(
    readonly current: {
      revision: number;
      answers: Record<string, unknown>;
      currentStep: string | null;
      updatedAt: Date;
    },
  ) {
    // The API answers the fresh revision and answers beside the error; the form reads `current` whole.
    super("CONFLICT", "applications.errors.stale", {
      current: { revision: current.revision, answers: current.answers },
    });
    this.name = "DraftConflictError";
  }
}

export function isDraftConflict(error: unknown): error is DraftConflictError {
  return error instanceof DraftConflictError;
}

/** Only the definition's own top-level keys survive (never `__proto__` or anything unknown). */
export function sanitizeAnswers(definition: FormDefinition, answers: Record<string, unknown>): Record<string, unknown> {
  const keys = new Set(definition.steps.flatMap((step) => step.fields.map((field) => field.key)));
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers))
    if (keys.has(key) && Object.hasOwn(answers, key)) clean[key] = value;
  if (Buffer.byteLength(JSON.stringify(clean)) > MAX_ANSWERS_BYTES)
    throw new AppError("VALIDATION", "applications.errors.tooLarge");
  return clean;
}

/**
 * Checks answers against the form: `strictStep` validates one step completely, `all` the whole form; otherwise
 * (autosave) only impossible values are refused and missing answers are fine.
 */
export function checkAnswers(
  definition: FormDefinition,
  answers: Record<string, unknown>,
  mode: { strictStep?: string | null; all?: boolean },
): Record<string, string> {
  if (mode.all) {
    const result = compileAnswersSchema(definition).safeParse(answers);
    return result.success ? {} : issuesToFieldErrors(result.error.issues);
  }
  const errors: Record<string, string> = {};
  if (mode.strictStep && definition.steps.some((step) => step.id === mode.strictStep)) {
    const result = compileAnswersSchema(definition, { step: mode.strictStep }).safeParse(answers);
    if (!result.success) Object.assign(errors, issuesToFieldErrors(result.error.issues));
  }
  const lenient = compileAnswersSchema(definition).safeParse(answers);
  if (!lenient.success) {
    const typeIssues = lenient.error.issues.filter((issue) => TYPE_ERRORS.has(issue.message));
    for (const [path, message] of Object.entries(issuesToFieldErrors(typeIssues))) errors[path] ??= message;
  }
  return errors;
}

async function prefillFor(actor: Actor, definition: FormDefinition) {
  const user = await db().user.findUnique({
    where: { id: actor.userId },
    select: { realName: true, ...IDENTITY_SELECT, email: true },
  });
  // The form needs the real numbers (decrypted here, never shown in lists: lib/accounts/identity-fields.ts).
  const profile = user ? { realName: user.realName, email: user.email, ...fromStored(user) } : null;
  // The company the agent acts for (an ACTIVE authorisation, lib/accounts/companies.ts), never one they typed.
  const company = actor.companyId
    ? await db().company.findUnique({ where: { id: actor.companyId }, select: { name: true, creditCode: true } })
    : null;
  return prefillAnswers(definition, { profile, company });
}

export type StartResult = { applicationId: string; resumed: boolean };

const START_REFUSALS: Record<Exclude<ApplicationStartRefusal, "audience">, string> = {
  notApplicant: "auth.forbidden",
  companyAuthorisation: "companies.notAuthorisedForItem",
  assurance: "applications.errors.assurance",
};

/** The policy's `application.start` for an item's form, refused with the message that says what to do instead. */
export function assertMayStart(
  actor: Actor,
  form: { minAssuranceLevel: number; serviceItemId: string; audiences: readonly string[] },
) {
  const subject = {
    kind: "applicationStart",
    minAssuranceLevel: form.minAssuranceLevel,
    serviceItemId: form.serviceItemId,
    audiences: form.audiences,
  } as const;
  if (can(actor, "application.start", subject)) return;
  const refusal = applicationStartRefusal(actor, subject) ?? "notApplicant";
  // 'audience': a person was refused an item for organisations (apply as the company), or an agent the reverse.
  if (refusal === "audience")
    throw new AppError(
      "FORBIDDEN",
      applicantKind(actor) === "person"
        ? "applications.errors.audienceOrganisation"
        : "applications.errors.audiencePerson",
    );
  throw new AppError("FORBIDDEN", START_REFUSALS[refusal]);
}

/**
 * Starts an application for an item, or resumes the applicant's open draft for it. Needs the item's published
 * online form and the policy's `application.start` (role and assurance level). Concurrent starts for the same
 * applicant and item are serialised by an advisory lock, so there is never a second open draft.
 */
export async function startApplication(
  actor: Actor,
  itemCode: string,
  ip: string | null,
  now: Date = new Date(),
): Promise<StartResult> {
  const form = await findPublishedForm(itemCode);
  if (!form) throw new AppError("NOT_FOUND", "applications.errors.noOnlineForm");
  assertCan(actor, "portal.account");
  assertMayStart(actor, form);
  const scope = applicantScope(actor);
  const prefilled = await prefillFor(actor, form.definition);
  return db().$transaction(async (tx) => {
    const scopeKey = scope.applicantCompanyId ? `company:${scope.applicantCompanyId}` : `user:${actor.userId}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`application:${scopeKey}:${form.serviceItemId}`}))`;
    const open = await tx.application.findFirst({
      where: { ...scope, serviceItemId: form.serviceItemId, status: "DRAFT" },
      orderBy: { updatedAt: "desc" },
    });
    if (open && open.expiresAt > now) return { applicationId: open.id, resumed: true };
    if (open) await tx.application.update({ where: { id: open.id }, data: { status: "EXPIRED" } });
    const created = await tx.application.create({
      data: {
        applicantUserId: actor.userId,
        applicantCompanyId: scope.applicantCompanyId,
        serviceItemId: form.serviceItemId,
        itemVersionId: form.versionId,
        answers: sealAnswers(form.definition, prefilled) as Prisma.InputJsonValue,
        currentStep: form.definition.steps[0]?.id ?? null,
        expiresAt: draftExpiry(now),
        channel: channelOf(actor),
      },
    });
    // 免提交: materials a valid licence of the applicant satisfies come from the e-licence library.
    const fromLibrary = await attachLicencesFromLibrary(tx, actor, created.id, chinaToday(now));
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "application.start",
      objectType: "Application",
      objectId: created.id,
      after: {
        itemCode,
        versionId: form.versionId,
        applicantCompanyId: created.applicantCompanyId,
        ...(fromLibrary.length ? { fromLicenceLibrary: fromLibrary } : {}),
      },
      ip,
    });
    return { applicationId: created.id, resumed: false };
  });
}

/** The applicant's open draft for an item, if any (for the item page's "continue" link). */
export async function findOpenDraft(actor: Actor, serviceItemId: string) {
  if (!can(actor, "portal.account")) return null;
  return db().application.findFirst({
    where: { ...applicantScope(actor), serviceItemId, status: "DRAFT" },
    select: { id: true, updatedAt: true },
  });
}

export type AttachedFile = {
  fileId: string;
  materialCode: string;
  trust: "A" | "B" | "C" | "D";
  name: string;
  size: number;
  contentType: string;
};

async function attachedFiles(applicationId: string, tx: Tx | ReturnType<typeof db> = db()): Promise<AttachedFile[]> {
  const rows = await tx.applicationFile.findMany({ where: { applicationId }, orderBy: { createdAt: "asc" } });
  const stored = await tx.storedFile.findMany({
    where: { id: { in: rows.map((row) => row.fileId) } },
    select: { id: true, originalName: true, size: true, contentType: true },
  });
  const byId = new Map(stored.map((file) => [file.id, file]));
  return rows.map((row) => ({
    fileId: row.fileId,
    materialCode: row.materialCode,
    trust: row.trust,
    name: byId.get(row.fileId)?.originalName ?? "",
    size: byId.get(row.fileId)?.size ?? 0,
    contentType: byId.get(row.fileId)?.contentType ?? "",
  }));
}

/**
 * An application as its owner sees it: the item, the form of its version, the answers and step to resume at, its
 * files, the material checklist, and its expiry. NOT_FOUND for anyone else.
 */
export async function getApplication(actor: Actor, applicationId: string) {
  if (!UUID.test(applicationId)) throw notFound();
  const row = await db().application.findUnique({ where: { id: applicationId } });
  assertOwnsApplication(actor, row);
  const [item, version, files, caseRow] = await Promise.all([
    db().serviceItem.findUniqueOrThrow({
      where: { id: row.serviceItemId },
      select: {
        id: true,
        implementationCode: true,
        name: true,
        nameEn: true,
        regionCode: true,
        departmentId: true,
        department: { select: { name: true, nameEn: true } },
      },
    }),
    db().itemVersion.findUniqueOrThrow({
      where: { id: row.itemVersionId },
      select: { id: true, number: true, content: true },
    }),
    attachedFiles(row.id),
    row.caseId ? db().case.findUnique({ where: { id: row.caseId }, select: { caseNumber: true } }) : null,
  ]);
  const facts = versionFacts(version.content);
  const bound = fileFieldsByMaterial(facts.definition);
  const materials = facts.materials.map((material) => ({
    ...material,
    fieldKey: bound.get(material.code) ?? null,
    files: files.filter((file) => file.materialCode === material.code),
  }));
  return {
    id: row.id,
    status: row.status,
    revision: row.revision,
    answers: openAnswers(facts.definition, (row.answers ?? {}) as Record<string, unknown>),
    currentStep: row.currentStep,
    expiresAt: row.expiresAt,
    reminderDueAt: reminderDueAt(row.expiresAt),
    updatedAt: row.updatedAt,
    caseNumber: caseRow?.caseNumber ?? null,
    item,
    versionNumber: version.number,
    definition: facts.definition,
    situations: facts.situations,
    promised: facts.promised,
    materials,
    files,
  };
}

export type ApplicationView = Awaited<ReturnType<typeof getApplication>>;

/** The open draft of the actor for an item code, or null. */
export async function findDraftForItem(actor: Actor, itemCode: string) {
  if (!isId("itemCode", itemCode)) return null;
  const item = await db().serviceItem.findUnique({ where: { implementationCode: itemCode }, select: { id: true } });
  if (!item) return null;
  const row = await db().application.findFirst({
    where: { ...applicantScope(actor), serviceItemId: item.id, status: "DRAFT" },
    select: { id: true },
  });
  return row?.id ?? null;
}

/**
 * Makes the answers' file fields agree with the attached files: an id the applicant did not upload or pick
 * from the locker for that material is refused; a file removed from the field is detached.
 */
async function syncFileFields(
  tx: Tx,
  applicationId: string,
  definition: FormDefinition,
  answers: Record<string, unknown>,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const bound = fileFieldsByMaterial(definition);
  if (bound.size === 0) return errors;
  const attached = await tx.applicationFile.findMany({
    where: { applicationId },
    select: { fileId: true, materialCode: true },
  });
  for (const [materialCode, key] of bound) {
    const value = answers[key];
    // An answer without the field (an autosave that could not see it) leaves the attached files alone.
    if (value === undefined) continue;
    const wanted = Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
    if (value !== undefined && value !== null && (!Array.isArray(value) || wanted.length !== value.length)) {
      errors[key] = "forms.errors.file.invalid";
      continue;
    }
    const mine = attached.filter((file) => file.materialCode === materialCode).map((file) => file.fileId);
    if (wanted.some((fileId) => !mine.includes(fileId))) {
      errors[key] = "applications.errors.fileNotAttached";
      continue;
    }
    const removed = mine.filter((fileId) => !wanted.includes(fileId));
    if (removed.length > 0)
      await tx.applicationFile.deleteMany({ where: { applicationId, materialCode, fileId: { in: removed } } });
  }
  return errors;
}

export type SaveResult = { revision: number; expiresAt: Date; currentStep: string | null };

/**
 * Saves a draft's answers and step. Refused: another person's draft (NOT_FOUND), a draft that is no longer a draft
 * (CONFLICT notDraft), a stale revision (DraftConflictError with the fresh draft), and answers that break the
 * form's rules for the requested strictness (UNPROCESSABLE with per-field keys; nothing is written then).
 */
export async function saveDraft(actor: Actor, input: unknown, now: Date = new Date()): Promise<SaveResult> {
  const parsed = SaveDraftInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "applications.errors.form", {
      fieldErrors: issuesToFieldErrors(parsed.error.issues),
    });
  const request = parsed.data;
  return db().$transaction(async (tx) => {
    const row = await lockApplication(tx, actor, request.applicationId);
    if (row.status !== "DRAFT") throw new AppError("CONFLICT", "applications.errors.notDraft");
    if (row.expiresAt <= now) {
      await tx.application.update({ where: { id: row.id }, data: { status: "EXPIRED" } });
      throw new AppError("CONFLICT", "applications.errors.expired");
    }
    const version = await tx.itemVersion.findUniqueOrThrow({
      where: { id: row.itemVersionId },
      select: { content: true },
    });
    const { definition } = versionFacts(version.content);
    if (row.revision !== request.revision) {
      throw new DraftConflictError({
        revision: row.revision,
        answers: openAnswers(definition, (row.answers ?? {}) as Record<string, unknown>),
        currentStep: row.currentStep,
        updatedAt: row.updatedAt,
      });
    }
    const answers = sanitizeAnswers(definition, request.answers);
    const stored = (row.answers ?? {}) as Record<string, unknown>;
    for (const key of fileFieldsByMaterial(definition).values())
      if (!(key in answers) && stored[key] !== undefined) answers[key] = stored[key];
    const errors = {
      ...checkAnswers(definition, answers, { strictStep: request.validateStep, all: request.validateAll }),
      ...(await syncFileFields(tx, row.id, definition, answers)),
    };
    if (Object.keys(errors).length > 0)
      throw new AppError("UNPROCESSABLE", "applications.errors.form", { fieldErrors: errors });
    const step =
      request.step && definition.steps.some((candidate) => candidate.id === request.step)
        ? request.step
        : row.currentStep;
    // How far the applicant got, for the journey funnel (lib/analytics/reports.ts): a step counts as completed
    // once it was checked on the way forward, every step once the whole form was.
    const completed = request.validateAll
      ? definition.steps.length
      : request.validateStep
        ? definition.steps.findIndex((candidate) => candidate.id === request.validateStep) + 1
        : 0;
    const updated = await tx.application.update({
      where: { id: row.id },
      data: {
        answers: sealAnswers(definition, answers) as Prisma.InputJsonValue,
        currentStep: step,
        stepsCompleted: Math.max(row.stepsCompleted, completed),
        revision: { increment: 1 },
        expiresAt: draftExpiry(now),
        reminderSentAt: null,
      },
    });
    return { revision: updated.revision, expiresAt: updated.expiresAt, currentStep: updated.currentStep };
  });
}

/** Deletes a draft for its owner (DISCARDED; its uploads stay in the locker). */
export async function discardDraft(actor: Actor, applicationId: string, ip: string | null): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await lockApplication(tx, actor, applicationId);
    if (row.status !== "DRAFT" && row.status !== "EXPIRED")
      throw new AppError("CONFLICT", "applications.errors.notDraft");
    await tx.application.update({ where: { id: row.id }, data: { status: "DISCARDED" } });
    await tx.applicationFile.deleteMany({ where: { applicationId: row.id } });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "application.discard",
      objectType: "Application",
      objectId: row.id,
      ip,
    });
  });
}

/** "My applications": open drafts (with expiry and reminder date) and cases, newest first. */
export async function listMyApplications(actor: Actor, now: Date = new Date()) {
  assertCan(actor, "portal.account");
  const scope = applicantScope(actor);
  const [drafts, cases] = await Promise.all([
    db().application.findMany({ where: { ...scope, status: "DRAFT" }, orderBy: { updatedAt: "desc" }, take: 100 }),
    db().case.findMany({
      where: scope,
      orderBy: { submittedAt: "desc" },
      take: 200,
      select: {
        caseNumber: true,
        status: true,
        submittedAt: true,
        dueDate: true,
        serviceItemId: true,
        departmentId: true,
        version: true,
      },
    }),
  ]);
  const itemIds = [
    ...new Set([...drafts.map((draft) => draft.serviceItemId), ...cases.map((row) => row.serviceItemId)]),
  ];
  const items = await db().serviceItem.findMany({
    where: { id: { in: itemIds } },
    select: {
      id: true,
      implementationCode: true,
      name: true,
      nameEn: true,
      department: { select: { name: true, nameEn: true } },
    },
  });
  const byId = new Map(items.map((item) => [item.id, item]));
  return {
    drafts: drafts.map((draft) => {
      const reminder = reminderDueAt(draft.expiresAt);
      return {
        id: draft.id,
        item: byId.get(draft.serviceItemId)!,
        updatedAt: draft.updatedAt,
        expiresAt: draft.expiresAt,
        reminderDueAt: reminder,
        expiringSoon: reminder <= now,
        expired: draft.expiresAt <= now,
      };
    }),
    cases: cases.map((row) => ({ ...row, item: byId.get(row.serviceItemId)! })),
  };
}
