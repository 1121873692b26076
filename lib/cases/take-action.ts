import "server-only";
import { type Actor, can } from "../auth/policy";
import { db } from "../db/client";
import { attachLicence, type PreparedCertificate, prepareCertificate, prepareNotice } from "../results/issue";
import { AppError } from "../errors";
import { FormDefinition } from "../forms/definition";
import { type SupplementChoices, supplementChoices, supplementListProblems } from "./supplement";
import { caseResource, type SupplementEntry, TransitionRequest, transitionCase } from "./transition";
import { assertMayTakeStep, caseWorkflow } from "./case-workflow";
import { type CaseAction, type CaseStatus, planTransition } from "./state-machine";
import { supplementNeedsApproval } from "./supplement-rule";

/**
 * A staff action on a case with everything it brings: the transition (lib/cases/transition.ts) plus the
 * documents some actions issue: the certificate and Licence on completion (办结) of an approved case, the written
 * notice on 不予受理 and 不予许可. Transport-independent: the console's server actions and the staff API
 * (`POST /api/v1/console/cases/{caseNumber}/transitions`) both call this and map AppError codes (409 CONFLICT on a
 * stale expectedVersion, 422 UNPROCESSABLE when the state does not allow the action, 400 VALIDATION).
 */
/**
 * Whether a member of staff may see the case at all. For the staff API, which answers another department's case
 * exactly like a missing one (NOT_FOUND, never FORBIDDEN); which step they may take is the workflow's question.
 */
export async function assertStaffSeesCase(actor: Actor, caseNumber: string): Promise<void> {
  const row = await db().case.findUnique({
    where: { caseNumber: caseNumber.slice(0, 40) },
    select: { applicantUserId: true, applicantCompanyId: true, departmentId: true, sharedDepartmentIds: true },
  });
  if (!row || !can(actor, "case.staffView", caseResource(row)))
    throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
}

export async function takeCaseAction(
  actor: Actor,
  caseNumber: string,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  const parsed = TransitionRequest.safeParse(input);
  // Invalid input: let transitionCase report it in its usual shape.
  if (!parsed.success) return transitionCase(actor, caseNumber, input, { ip, now });
  const request = parsed.data;
  if (request.action === "requestSupplement" && request.supplementList)
    await assertSupplementNamesCase(actor, caseNumber, request.supplementList);
  const documentAction =
    request.action === "complete" ||
    request.action === "rejectAtIntake" ||
    request.action === "deny" ||
    request.action === "requestSupplement";
  if (!documentAction) return transitionCase(actor, caseNumber, request, { ip, now });

  // Make the document only when the transition can succeed as seen now; otherwise let transitionCase refuse it
  // (not found, forbidden, stale, wrong state, missing reason) without storing anything.
  const row = await db().case.findUnique({ where: { caseNumber } });
  const ready =
    row !== null &&
    row.version === request.expectedVersion &&
    planTransition(row.status as CaseStatus, { ...request, by: "staff" }).ok;
  if (!row || !ready) return transitionCase(actor, caseNumber, request, { ip, now });
  // A further supplement request without the supervisor's approval: refused by transitionCase, before any notice.
  if (request.action === "requestSupplement" && (await supplementNeedsApproval(db(), row.id)))
    return transitionCase(actor, caseNumber, request, { ip, now });
  // Nor for someone the workflow does not let take the step (a duty they lack, separation of duties): the same
  // refusal transitionCase would give, before a document exists.
  if (can(actor, "case.staffView", caseResource(row)))
    await assertMayTakeStep(db(), actor, row, request.action as CaseAction, await caseWorkflow(db(), row));

  // transitionCase checks case.process inside its lock; the document functions check case.result.issue first.
  if (request.action === "complete") {
    const prepared: PreparedCertificate = await prepareCertificate(actor, row, { ip, now });
    return transitionCase(actor, caseNumber, request, {
      ip,
      now,
      effects: (tx, locked) => attachLicence(tx, locked.id, prepared),
    });
  }
  // 补正材料通知书: every item of the one-time list, named as the applicant knows it.
  const supplementLines =
    request.action === "requestSupplement"
      ? await supplementNoticeLines(row.itemVersionId, request.supplementList ?? [])
      : null;
  const notice = await prepareNotice(
    actor,
    row,
    request.action === "deny"
      ? "deny"
      : request.action === "requestSupplement"
        ? "requestSupplement"
        : "rejectAtIntake",
    {
      reason: supplementLines ?? request.reason ?? "",
      legalBasis: supplementLines ? SUPPLEMENT_LEGAL_BASIS : (request.legalBasis ?? ""),
      ip,
      now,
    },
  );
  return transitionCase(actor, caseNumber, request, { ip, now, effects: async () => notice });
}

/** Where the duty to tell everything missing at once comes from (行政许可法 §32(1)(4)). */
const SUPPLEMENT_LEGAL_BASIS = "《中华人民共和国行政许可法》第三十二条第一款第（四）项";

/** The supplement list as numbered lines: "1. 营业执照副本：复印件不清晰". */
async function supplementNoticeLines(itemVersionId: string, list: readonly SupplementEntry[]): Promise<string> {
  const choices = await supplementChoicesOfVersion(itemVersionId, "zh-CN");
  return list
    .map((entry, index) => {
      const label =
        (entry.materialCode
          ? choices.materials.find((material) => material.code === entry.materialCode)?.name
          : undefined) ??
        (entry.field ? choices.fields.find((field) => field.key === entry.field?.split(".")[0])?.label : undefined);
      return `${index + 1}. ${label ? `${label}：` : ""}${entry.note}`;
    })
    .join("\n");
}

/** What a supplement request may name on this case (lib/cases/supplement.ts); null when the case does not exist. */
export async function supplementChoicesOf(caseNumber: string, locale: string): Promise<SupplementChoices | null> {
  const row = await db().case.findUnique({ where: { caseNumber }, select: { itemVersionId: true } });
  return row ? supplementChoicesOfVersion(row.itemVersionId, locale) : null;
}

/** The same, for the item version a case was filed under. */
export async function supplementChoicesOfVersion(itemVersionId: string, locale: string): Promise<SupplementChoices> {
  const version = await db().itemVersion.findUnique({ where: { id: itemVersionId }, select: { content: true } });
  const content = (version?.content ?? {}) as { form?: unknown; materials?: unknown };
  const form = FormDefinition.safeParse(content.form);
  const materials = (Array.isArray(content.materials) ? content.materials : []) as { code?: unknown; name?: unknown }[];
  return supplementChoices(
    {
      // A case filed at a counter may have no online form: then only materials can be asked for.
      definition: form.success ? form.data : { version: 1, steps: [] },
      materials: materials.map((material) => ({
        code: String(material.code ?? ""),
        name: String(material.name ?? ""),
      })),
    },
    locale,
  );
}

/** A request naming a material or answer the case does not have is refused before anything changes. */
async function assertSupplementNamesCase(actor: Actor, caseNumber: string, list: readonly SupplementEntry[]) {
  // Only for those who may process the case; anyone else gets transitionCase's answer, which tells nothing.
  const row = await db().case.findUnique({ where: { caseNumber } });
  if (!row || !can(actor, "case.process", caseResource(row))) return;
  const choices = await supplementChoicesOfVersion(row.itemVersionId, "zh-CN");
  const problems = supplementListProblems(list, choices);
  if (Object.keys(problems).length > 0)
    throw new AppError("VALIDATION", "cases.errors.missingFields", { fieldErrors: problems });
}
