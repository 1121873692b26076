import "server-only";
import { getSupplementRequest, resubmitSupplement } from "../applications/cases";
import { getApplication, saveDraft } from "../applications/drafts";
import { findAccountProfile } from "../accounts/profile";
import type { Actor } from "../auth/policy";
import { db } from "../db/client";
import type { z } from "zod";
import type { Me, PatchApplicationBody, SupplementBody } from "./schemas";

/**
 * The few things the API does on top of lib/applications: a PATCH merges the given answers over the saved ones
 * (apps send what changed; the web sends the whole document), and a supplement merges the listed answers over the
 * case's current ones. Ownership, validation, revision checks and audit stay in lib/applications.
 */

/** JSON merge patch at the top level: given keys replace, null removes. */
export function mergeAnswers(saved: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...saved };
  for (const [key, value] of Object.entries(patch)) {
    // Never a prototype key: no form field is called that, and assigning it would change the object's prototype.
    if (!Object.hasOwn(patch, key) || key === "__proto__") continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export async function patchDraft(actor: Actor, applicationId: string, body: z.output<typeof PatchApplicationBody>) {
  const current = await getApplication(actor, applicationId);
  await saveDraft(actor, {
    applicationId,
    revision: body.revision ?? current.revision,
    answers: mergeAnswers(current.answers, body.answers),
    step: body.step ?? current.currentStep,
    validateStep: body.validateStep ?? null,
    validateAll: body.validateAll ?? false,
  });
  return getApplication(actor, applicationId);
}

export async function supplementCase(
  actor: Actor,
  caseNumber: string,
  body: z.output<typeof SupplementBody>,
  ip: string | null,
) {
  const request = await getSupplementRequest(actor, caseNumber);
  await resubmitSupplement(
    actor,
    {
      caseNumber,
      expectedVersion: body.expectedVersion,
      answers: mergeAnswers(request.answers, body.answers ?? {}),
      files: body.files ?? {},
    },
    ip,
  );
  // The case's state after the resubmission, as the API answers it (the caller has just been allowed to change it).
  return db().case.findUniqueOrThrow({
    where: { caseNumber },
    select: { caseNumber: true, status: true, version: true, dueDate: true },
  });
}

/** GET /api/v1/me: the caller's own account, numbers masked; staff see their department. */
export async function me(actor: Actor): Promise<z.output<typeof Me>> {
  const [profile, department] = await Promise.all([
    findAccountProfile(actor),
    actor.departmentId
      ? db().department.findUnique({ where: { id: actor.departmentId }, select: { code: true, name: true } })
      : null,
  ]);
  return {
    id: actor.userId,
    role: actor.role,
    realName: profile.realName,
    idNumber: profile.idNumber === "—" ? null : profile.idNumber,
    phone: profile.phone === "—" ? null : profile.phone,
    assuranceLevel: profile.assuranceLevel,
    company: profile.company ? { name: profile.company.name, creditCode: profile.company.creditCode } : null,
    department: department ? { code: department.code, name: department.name } : null,
  };
}
