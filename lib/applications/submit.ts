import "server-only";
import { recordAudit } from "../audit/audit";
import { nextStepFields } from "../cases/case-workflow";
import { workflowOfVersion } from "../cases/workflow";
import { type Actor, applicantScope, assertCan } from "../auth/policy";
import { notifyCaseSubmitted } from "../notifications/case-submitted";
import { assertMayStart } from "./drafts";
import { loadCalendar } from "../calendar/load";
import { chinaDate } from "../calendar/china-time";
import { computeDeadline } from "../calendar/working-days";
import { hashQueryCode, newQueryCode, nextCaseNumber } from "../cases/case-number";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { compileAnswersSchema, issuesToFieldErrors } from "../forms/compile";
import type { Prisma } from "../generated/prisma/client";
import { openAnswers, sealAnswers } from "./answer-secrets";
import { fileFieldsByMaterial, lockApplication, notFound, type VersionFacts, versionFacts } from "./access";
import { SubmitInput } from "./schemas";

/**
 * Submitting an application creates exactly one case. Idempotent three ways: the draft's row lock serialises
 * concurrent attempts and a draft already SUBMITTED answers with its case; the Idempotency-Key (unique per
 * applicant on the case) answers a retry with the case it created; and everything — case number, case,
 * submission #1, the timeline's "submit" event, the audit entry, the draft marked SUBMITTED — is one transaction,
 * so a failure leaves the draft exactly as it was.
 *
 * The query code (查询码) is returned only by the attempt that created the case; only its hash is stored. A
 * replay answers `queryCode: null` and the owner can issue a new code (`reissueQueryCode`).
 */

export type SubmitResult = {
  caseNumber: string;
  queryCode: string | null;
  submittedAt: Date;
  /** Promised completion date if the case were accepted on the day of submission (an estimate until acceptance). */
  estimatedDueDate: string | null;
  promised: VersionFacts["promised"];
  replayed: boolean;
};

export type SubmissionFile = { materialCode: string; fileId: string; trust: "A" | "B" | "C" | "D" };

/** Required materials the applicant must supply that have no file (bound file fields are the form's business). */
export function missingMaterials(
  facts: VersionFacts,
  files: readonly { materialCode: string }[],
): Record<string, string> {
  const bound = fileFieldsByMaterial(facts.definition);
  const errors: Record<string, string> = {};
  for (const material of facts.materials) {
    if (
      material.necessity !== "REQUIRED" ||
      material.condition ||
      material.source !== "APPLICANT" ||
      bound.has(material.code)
    )
      continue;
    if (!files.some((file) => file.materialCode === material.code))
      errors[`materials.${material.code}`] = "applications.errors.materialMissing";
  }
  return errors;
}

/** The promised completion date counted from `from` (an estimate: the clock really starts at acceptance). */
export async function estimateDueDate(
  regionCode: string,
  promised: VersionFacts["promised"],
  from: Date,
): Promise<string | null> {
  if (!promised) return null;
  const calendar = await loadCalendar(regionCode);
  const today = chinaDate(from);
  return computeDeadline(calendar, { acceptedOn: today, limit: { value: promised.limit, unit: promised.unit }, today })
    .projectedDueDate;
}

async function existingResult(caseId: string, replayed: boolean): Promise<SubmitResult> {
  const row = await db().case.findUniqueOrThrow({
    where: { id: caseId },
    select: { caseNumber: true, submittedAt: true, regionCode: true, itemVersionId: true },
  });
  const version = await db().itemVersion.findUnique({ where: { id: row.itemVersionId }, select: { content: true } });
  const promised = version ? versionFacts(version.content).promised : null;
  return {
    caseNumber: row.caseNumber,
    queryCode: null,
    submittedAt: row.submittedAt,
    estimatedDueDate: await estimateDueDate(row.regionCode, promised, row.submittedAt),
    promised,
    replayed,
  };
}

export async function submitApplication(
  actor: Actor,
  input: unknown,
  ip: string | null,
  now: Date = new Date(),
): Promise<SubmitResult> {
  const parsed = SubmitInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "applications.errors.form", {
      fieldErrors: issuesToFieldErrors(parsed.error.issues),
    });
  const { applicationId, idempotencyKey } = parsed.data;
  assertCan(actor, "portal.account");

  // A retry whose first attempt committed (the response was lost): the same case, whatever the draft says now.
  const earlier = await db().case.findUnique({
    where: { applicantUserId_idempotencyKey: { applicantUserId: actor.userId, idempotencyKey } },
    select: { id: true, applicationId: true },
  });
  if (earlier) {
    if (earlier.applicationId !== applicationId) throw new AppError("CONFLICT", "applications.errors.keyReused");
    return existingResult(earlier.id, true);
  }

  let created: { caseId: string; queryCode: string } | { caseId: string; replay: true };
  try {
    created = await db().$transaction(async (tx) => {
      const row = await lockApplication(tx, actor, applicationId);
      if (row.status === "SUBMITTED" && row.caseId) return { caseId: row.caseId, replay: true as const };
      if (row.status !== "DRAFT") throw new AppError("CONFLICT", "applications.errors.notDraft");
      if (row.expiresAt <= now) throw new AppError("CONFLICT", "applications.errors.expired");

      const [item, version, files, company] = await Promise.all([
        tx.serviceItem.findUniqueOrThrow({
          where: { id: row.serviceItemId },
          select: {
            id: true,
            regionCode: true,
            departmentId: true,
            status: true,
            name: true,
            nameEn: true,
            implementationCode: true,
            audiences: true,
            minAssuranceLevel: true,
            itemType: true,
            department: { select: { name: true, nameEn: true } },
          },
        }),
        tx.itemVersion.findUniqueOrThrow({ where: { id: row.itemVersionId }, select: { content: true } }),
        tx.applicationFile.findMany({ where: { applicationId: row.id }, orderBy: { createdAt: "asc" } }),
        row.applicantCompanyId
          ? tx.company.findUnique({ where: { id: row.applicantCompanyId }, select: { name: true } })
          : null,
      ]);
      if (item.status !== "ACTIVE") throw new AppError("UNPROCESSABLE", "applications.errors.itemUnavailable");
      // Asked again at submission: a draft started before the item's audience or level changed (or before the
      // audience was enforced) does not become a case in the wrong holder's name.
      assertMayStart(actor, {
        serviceItemId: item.id,
        minAssuranceLevel: item.minAssuranceLevel,
        audiences: item.audiences,
      });
      const facts = versionFacts(version.content);
      const checked = compileAnswersSchema(facts.definition).safeParse(
        openAnswers(facts.definition, (row.answers ?? {}) as Record<string, unknown>),
      );
      const errors = {
        ...(checked.success ? {} : issuesToFieldErrors(checked.error.issues)),
        ...missingMaterials(facts, files),
      };
      if (!checked.success || Object.keys(errors).length > 0)
        throw new AppError("UNPROCESSABLE", "applications.errors.incomplete", { fieldErrors: errors });

      const caseNumber = await nextCaseNumber(tx, item.regionCode, now);
      const queryCode = newQueryCode();
      const submissionFiles: SubmissionFile[] = files.map((file) => ({
        materialCode: file.materialCode,
        fileId: file.fileId,
        trust: file.trust,
      }));
      // ID numbers and phones stay encrypted in the case, its submission and the draft (lib/applications/answer-secrets.ts).
      const answers = sealAnswers(facts.definition, checked.data) as Prisma.InputJsonValue;
      // The step the new case waits for under its item's workflow (预审 or 受理), for the console's "待我办理".
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
      const caseRow = await tx.case.create({
        data: {
          caseNumber,
          queryCodeHash: hashQueryCode(queryCode),
          applicationId: row.id,
          serviceItemId: item.id,
          itemVersionId: row.itemVersionId,
          departmentId: item.departmentId,
          regionCode: item.regionCode,
          applicantUserId: actor.userId,
          applicantCompanyId: row.applicantCompanyId,
          applicantName: company?.name ?? actor.realName,
          channel: "ONLINE",
          status: "SUBMITTED",
          answers,
          idempotencyKey,
          submittedAt: now,
          ...firstStep,
        },
      });
      await tx.caseSubmission.create({
        data: {
          caseId: caseRow.id,
          number: 1,
          answers,
          files: submissionFiles as unknown as Prisma.InputJsonValue,
          createdAt: now,
        },
      });
      const submitted = await tx.caseEvent.create({
        data: {
          caseId: caseRow.id,
          at: now,
          actorId: actor.userId,
          actorRole: actor.role,
          action: "submit",
          toStatus: "SUBMITTED",
          data: { submission: 1, files: submissionFiles.length },
          visibleToApplicant: true,
        },
      });
      await notifyCaseSubmitted(
        tx,
        { userId: actor.userId, caseNumber, queryCode, submitEventId: submitted.id, item, department: item.department },
        now,
      );
      await tx.application.update({
        where: { id: row.id },
        data: { status: "SUBMITTED", submittedAt: now, caseId: caseRow.id, answers },
      });
      await recordAudit(tx, {
        actor: { userId: actor.userId, role: actor.role },
        action: "case.submit",
        objectType: "Case",
        objectId: caseRow.id,
        after: { caseNumber, applicationId: row.id, itemVersionId: row.itemVersionId, files: submissionFiles.length },
        ip,
      });
      return { caseId: caseRow.id, queryCode };
    });
  } catch (error) {
    // Two attempts with one key on two connections: the loser finds the winner's case.
    if (isUniqueViolation(error)) {
      const winner = await db().case.findUnique({
        where: { applicantUserId_idempotencyKey: { applicantUserId: actor.userId, idempotencyKey } },
        select: { id: true },
      });
      if (winner) return existingResult(winner.id, true);
    }
    throw error;
  }
  if ("replay" in created) return existingResult(created.caseId, true);
  const result = await existingResult(created.caseId, false);
  return { ...result, queryCode: created.queryCode };
}

/**
 * Issues a new query code for the owner's case (the old one stops working): for a confirmation page that was lost
 * or reloaded, since only the hash is kept.
 */
export async function reissueQueryCode(actor: Actor, caseNumber: string, ip: string | null): Promise<string> {
  if (!/^\d{20}$/.test(caseNumber)) throw notFound();
  const scope = applicantScope(actor);
  const row = await db().case.findFirst({ where: { caseNumber, ...scope }, select: { id: true } });
  if (!row) throw new AppError("NOT_FOUND", "applications.errors.notFound");
  const queryCode = newQueryCode();
  await db().$transaction(async (tx) => {
    await tx.case.update({ where: { id: row.id }, data: { queryCodeHash: hashQueryCode(queryCode) } });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "case.reissueQueryCode",
      objectType: "Case",
      objectId: row.id,
      ip,
    });
  });
  return queryCode;
}
