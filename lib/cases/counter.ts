import "server-only";
import { z } from "zod";
import { toStored, whereIdNumber, wherePhone } from "../accounts/identity-fields";
import { idNumber, phone } from "../accounts/schemas";
import { recordAudit } from "../audit/audit";
import { type Actor, applicantKind, assertCan, can, type Role } from "../auth/policy";
import { publishedVersionOf } from "../catalogue/versions";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { notifyCaseSubmitted } from "../notifications/case-submitted";
import { nameText, text } from "../validation/text";
import { nextStepFields } from "./case-workflow";
import { hashQueryCode, newQueryCode, nextCaseNumber } from "./case-number";
import { workflowOfVersion } from "./workflow";

/**
 * Walk-in applications at the counter (一窗受理, 线上线下融合; issue 19). A clerk with the intake duty checks the
 * applicant's identity document in person, finds the person's account by ID number or opens one for them, ticks
 * the materials handed in on paper, and registers the case: channel WINDOW, filed under the item's published
 * version, waiting for its workflow's first step like an online submission. The receipt carries the case number and
 * a query code (shown once: only its hash is stored), so the applicant can follow the case on /track, or in their
 * account when they have one.
 */

export const IDENTITY_CHECKS = ["ORIGINAL_DOCUMENT", "CARD_READER"] as const;

const E = "cases.counter.errors";

export const CounterRegistration = z.object({
  serviceItemId: z.uuid({ message: `${E}.item` }),
  realName: nameText()
    .min(1, "errors.required")
    .max(50, "errors.tooLong")
    .regex(/^[\p{Script=Han}·•A-Za-z .'-]+$/u, "errors.realName.format"),
  idNumber,
  /** Optional: for the text message with the query code; an account's own number is kept. */
  phone: phone.optional().or(z.literal("").transform(() => undefined)),
  identityCheck: z.enum(IDENTITY_CHECKS, { message: `${E}.identityCheck` }),
  /** The clerk confirms having compared the person with the document. */
  identityConfirmed: z.literal(true, { message: `${E}.identityConfirmed` }),
  /** Materials received (codes of the item's materials). */
  materialCodes: z.array(text().max(64)).max(100, "errors.tooMany").default([]),
  note: text({ multiline: true }).max(1000, "errors.tooLong").optional().or(z.literal("").transform(() => undefined)),
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
    select: { id: true, implementationCode: true, name: true, nameEn: true, departmentId: true, materials: { orderBy: { sortOrder: "asc" }, select: { code: true, name: true, necessity: true } } },
  });
  return items.filter((item) => can(actor, "case.counter.register", { kind: "serviceItem", departmentId: item.departmentId }));
}

export async function registerWalkIn(actor: Actor, input: unknown, { ip, now = new Date() }: { ip: string | null; now?: Date }): Promise<CounterReceipt> {
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
  if (!item || !can(actor, "case.counter.register", { kind: "serviceItem", departmentId: item.departmentId })) throw invalid({ serviceItemId: `${E}.item` });
  assertCan(actor, "case.counter.register", { kind: "serviceItem", departmentId: item.departmentId });
  if (item.status !== "ACTIVE") throw invalid({ serviceItemId: `${E}.itemInactive` });
  const materialNames = new Map(item.materials.map((material) => [material.code, material.name]));
  const unknown = data.materialCodes.find((code) => !materialNames.has(code));
  if (unknown) throw invalid({ materialCodes: `${E}.material` });

  return db().$transaction(async (tx) => {
    // The person: their account when the ID number has one (the name must match the document), else a new one.
    const existing = await tx.user.findFirst({ where: whereIdNumber(data.idNumber), select: { id: true, role: true, realName: true, status: true, phoneHash: true } });
    if (existing && (applicantKind({ role: existing.role as Role }) !== "person" || existing.status !== "ACTIVE")) throw invalid({ idNumber: `${E}.notACitizen` });
    if (existing && existing.realName !== data.realName) throw invalid({ realName: `${E}.nameMismatch` });
    const phoneTaken = !existing && data.phone ? await tx.user.findFirst({ where: wherePhone(data.phone), select: { id: true } }) : null;
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
          // Identity checked in person against the original document (reference §4: counter verification).
          assuranceLevel: 3,
        },
        select: { id: true, role: true, realName: true, status: true, phoneHash: true },
      }));

    const version = await publishedVersionOf(tx, item);
    if (!version) throw invalid({ serviceItemId: `${E}.itemInactive` });
    const caseNumber = await nextCaseNumber(tx, item.regionCode, now);
    const queryCode = newQueryCode();
    const firstStep = await nextStepFields(
      tx,
      { regionCode: item.regionCode, departmentId: item.departmentId, sharedDepartmentIds: [], currentStep: null, stepDueDate: null },
      "SUBMITTED",
      { workflow: workflowOfVersion(version.content, item.itemType), signOffs: [] },
      now,
    );
    const counter = { identityCheck: data.identityCheck, materialsReceived: data.materialCodes, registeredBy: actor.userId };
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
        answers: {},
        submittedAt: now,
        ...firstStep,
      },
    });
    // Paper materials have no stored file; the submission records which were received.
    await tx.caseSubmission.create({ data: { caseId: caseRow.id, number: 1, answers: {}, files: [], createdAt: now } });
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
    await notifyCaseSubmitted(tx, { userId: applicant.id, caseNumber, queryCode, submitEventId: submitted.id, item, department: item.department }, now);
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "case.counterRegister",
      objectType: "Case",
      objectId: caseRow.id,
      after: { caseNumber, channel: "WINDOW", applicantUserId: applicant.id, newApplicant: !existing, itemVersionId: version.id, ...counter },
      ip,
    });
    return {
      caseNumber,
      queryCode,
      applicantName: applicant.realName,
      itemName: item.name,
      departmentName: item.department.name,
      submittedAt: now,
      materials: data.materialCodes.map((code) => materialNames.get(code) ?? code),
      newApplicant: !existing,
    };
  });
}
