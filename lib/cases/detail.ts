import "server-only";
import { IDENTITY_SELECT, masked } from "../accounts/identity-fields";
import { type Actor, can } from "../auth/policy";
import { dateColumnToIso } from "../calendar/china-time";
import { db } from "../db/client";
import { AppError } from "../errors";
import { openAnswers } from "../applications/answer-secrets";
import { type ReadPurpose, recordPersonalDataRead } from "../audit/read-log";
import { FormDefinition } from "../forms/definition";
import { layoutAnswers } from "./answers-view";
import { deadlineOfCase } from "./clock";
import { availableActions, type CaseStatus } from "./state-machine";
import { caseWorkflow, mayTakeStep } from "./case-workflow";
import { forwardTargets } from "./forwarding";
import { jointOpinionsOf, mayGiveOpinion } from "./joint-opinions";
import { answerChanges, fileChanges } from "./submission-diff";
import { caseResource } from "./transition";

/**
 * Everything the clerk's case page shows, for staff who may see the case (its department, supervisors, platform
 * admins; others get NOT_FOUND, as if it did not exist). The applicant's ID number and phone are masked; internal
 * notes are included (this is the staff view); the actions are those the state machine allows, and only for staff
 * who may process the case.
 *
 * Each call is a read of the applicant's personal data and is written to the audit trail (`read.case`, issue 15,
 * lib/audit/read-log.ts) alongside the queries: `purpose` says where it was shown (console page, supervision view,
 * REST API), `ip` who asked from where. If the entry cannot be written, the case is not returned.
 */
export async function getStaffCase(
  actor: Actor,
  caseNumber: string,
  {
    locale = "zh-CN",
    now = new Date(),
    ip = null,
    purpose = "console",
  }: { locale?: string; now?: Date; ip?: string | null; purpose?: ReadPurpose } = {},
) {
  const row = await db().case.findUnique({ where: { caseNumber } });
  if (!row || !can(actor, "case.staffView", caseResource(row)))
    throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");

  const read = recordPersonalDataRead(db(), {
    actor,
    ip,
    action: "read.case",
    subjectUserId: row.applicantUserId,
    subjectCompanyId: row.applicantCompanyId,
    caseNumber: row.caseNumber,
    serviceItemId: row.serviceItemId,
    objectType: "Case",
    objectId: row.id,
    purpose,
  });
  const [item, department, applicant, company, version, events, submissions, pauses, licences, deadline] =
    await Promise.all([
      db().serviceItem.findUnique({
        where: { id: row.serviceItemId },
        select: { name: true, nameEn: true, implementationCode: true, resultType: true, resultName: true },
      }),
      db().department.findUnique({
        where: { id: row.departmentId },
        select: { id: true, name: true, nameEn: true, code: true },
      }),
      db().user.findUnique({
        where: { id: row.applicantUserId },
        select: { realName: true, ...IDENTITY_SELECT, email: true, assuranceLevel: true },
      }),
      row.applicantCompanyId
        ? db().company.findUnique({
            where: { id: row.applicantCompanyId },
            select: { name: true, creditCode: true, legalRepresentative: true },
          })
        : null,
      db().itemVersion.findUnique({ where: { id: row.itemVersionId }, select: { number: true, content: true } }),
      db().caseEvent.findMany({ where: { caseId: row.id }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
      db().caseSubmission.findMany({ where: { caseId: row.id }, orderBy: { number: "asc" } }),
      db().casePause.findMany({ where: { caseId: row.id }, orderBy: { startedAt: "asc" } }),
      db().licence.findMany({
        where: { caseId: row.id },
        select: { number: true, name: true, status: true, issuedAt: true, fileId: true, revokedAt: true },
      }),
      deadlineOfCase(db(), row, now),
      // Last, and not destructured: only its failure matters (Promise.all then rejects and nothing is shown).
      read,
    ]);

  const actorIds = [
    ...new Set(
      events
        .map((event) => event.actorId)
        .concat(row.assigneeId)
        .filter((id): id is string => !!id),
    ),
  ];
  const people = actorIds.length
    ? await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, realName: true } })
    : [];
  const nameOf = new Map(people.map((person) => [person.id, person.realName]));

  const parsedForm = FormDefinition.safeParse((version?.content as { form?: unknown } | null)?.form);
  const definition = parsedForm.success ? parsedForm.data : null;
  // ID numbers and phones in the answers are stored encrypted (lib/applications/answer-secrets.ts).
  const answers = definition
    ? openAnswers(definition, (row.answers ?? {}) as Record<string, unknown>)
    : ((row.answers ?? {}) as Record<string, unknown>);
  const materialNames = new Map<string, string>(
    (
      ((version?.content as { materials?: { code?: string; name?: string }[] } | null)?.materials ?? []) as {
        code?: string;
        name?: string;
      }[]
    )
      .filter((material) => material.code)
      .map((material) => [material.code as string, material.name ?? (material.code as string)]),
  );
  const latest = submissions.at(-1);
  const files = ((latest?.files ?? []) as { materialCode?: string; fileId?: string; trust?: string }[]).filter(
    (file) => typeof file.fileId === "string",
  );
  const stored = files.length
    ? await db().storedFile.findMany({
        where: { id: { in: files.map((file) => file.fileId as string) } },
        select: { id: true, originalName: true, contentType: true, size: true },
      })
    : [];
  const storedById = new Map(stored.map((file) => [file.id, file]));
  const regionCodes = new Set<string>();
  JSON.stringify(answers, (_key, value: unknown) => {
    if (typeof value === "string" && /^\d{12}$/.test(value)) regionCodes.add(value);
    return value;
  });
  const regions = regionCodes.size
    ? await db().region.findMany({
        where: { code: { in: [...regionCodes] } },
        select: { code: true, name: true, nameEn: true },
      })
    : [];
  const regionName = new Map(
    regions.map((region) => [region.code, locale === "en" ? region.nameEn || region.name : region.name]),
  );

  // What each resubmission changed (issue 18): answers as laid out for people, files per material by name.
  const submittedFiles = (files: unknown) =>
    ((files ?? []) as { materialCode?: string; fileId?: string }[])
      .filter((file): file is { materialCode: string; fileId: string } => typeof file.fileId === "string")
      .map((file) => ({ materialCode: file.materialCode ?? "", fileId: file.fileId }));
  const earlierIds = [
    ...new Set(submissions.flatMap((submission) => submittedFiles(submission.files).map((file) => file.fileId))),
  ].filter((id) => !storedById.has(id));
  const earlierFiles = earlierIds.length
    ? await db().storedFile.findMany({ where: { id: { in: earlierIds } }, select: { id: true, originalName: true } })
    : [];
  const fileName = new Map([...stored, ...earlierFiles].map((file) => [file.id, file.originalName]));
  const layoutOf = (submission: (typeof submissions)[number]) => {
    const raw = (submission.answers ?? {}) as Record<string, unknown>;
    return layoutAnswers(
      definition,
      definition ? openAnswers(definition, raw) : raw,
      locale,
      (code) => regionName.get(code) ?? code,
    );
  };
  const changes = submissions.slice(1).map((submission, index) => {
    const previous = submissions[index]!;
    return {
      number: submission.number,
      previous: previous.number,
      answers: answerChanges(layoutOf(previous), layoutOf(submission)),
      files: fileChanges(submittedFiles(previous.files), submittedFiles(submission.files)).map((change) => ({
        materialName: materialNames.get(change.materialCode) ?? change.materialCode,
        added: change.added.map((id) => ({ fileId: id, name: fileName.get(id) ?? "" })),
        removed: change.removed.map((id) => ({ fileId: id, name: fileName.get(id) ?? "" })),
      })),
    };
  });

  const processing = can(actor, "case.process", caseResource(row));
  const staff = processing
    ? await db().user.findMany({
        where: { departmentId: row.departmentId, role: { in: ["CLERK", "DEPT_ADMIN"] }, status: "ACTIVE" },
        select: { id: true, realName: true },
        orderBy: { realName: "asc" },
      })
    : [];
  const departments = processing
    ? await db().department.findMany({
        where: { id: { not: row.departmentId } },
        select: { id: true, name: true, nameEn: true, regionCode: true },
        orderBy: [{ regionCode: "asc" }, { sortOrder: "asc" }, { name: "asc" }],
      })
    : [];

  // The item's workflow: the actions offered are those whose step this person's duties let them take now.
  const facts = await caseWorkflow(db(), row);
  const stepCodes = facts.workflow.steps.map((step) => step.departmentCode).filter((code): code is string => !!code);
  const stepDepartments = new Map(
    stepCodes.length
      ? (await db().department.findMany({ where: { code: { in: stepCodes } }, select: { id: true, code: true } })).map(
          (entry) => [entry.code, entry.id] as const,
        )
      : [],
  );
  const viewing = can(actor, "case.staffView", caseResource(row));
  const actions = viewing
    ? availableActions(row.status as CaseStatus, "staff").filter((action) =>
        mayTakeStep(actor, row, action, facts, stepDepartments),
      )
    : [];
  const opinion = (value: unknown) => (value === "AGREE" || value === "DISAGREE" ? value : null);
  const jointOpinions = await jointOpinionsOf(db(), row.id);

  return {
    caseNumber: row.caseNumber,
    status: row.status as CaseStatus,
    version: row.version,
    channel: row.channel,
    warning: row.warning,
    submittedAt: row.submittedAt,
    acceptedAt: row.acceptedAt,
    decidedAt: row.decidedAt,
    completedAt: row.completedAt,
    outcomeCode: row.outcomeCode,
    regionCode: row.regionCode,
    item: item && {
      name: locale === "en" ? item.nameEn || item.name : item.name,
      code: item.implementationCode,
      resultName: item.resultName,
    },
    department,
    assignee: row.assigneeId ? { id: row.assigneeId, name: nameOf.get(row.assigneeId) ?? "" } : null,
    applicant: {
      name: applicant?.realName ?? row.applicantName,
      ...masked(applicant),
      assuranceLevel: applicant?.assuranceLevel ?? null,
    },
    company: company && {
      name: company.name,
      creditCode: company.creditCode,
      legalRepresentative: company.legalRepresentative,
    },
    formVersion: version?.number ?? null,
    answers: layoutAnswers(definition, answers, locale, (code) => regionName.get(code) ?? code),
    materials: files.map((file) => {
      const meta = storedById.get(file.fileId as string);
      return {
        fileId: file.fileId as string,
        materialCode: file.materialCode ?? "",
        materialName: materialNames.get(file.materialCode ?? "") ?? file.materialCode ?? "",
        name: meta?.originalName ?? "",
        contentType: meta?.contentType ?? "",
        size: meta?.size ?? 0,
        trust: file.trust ?? "C",
      };
    }),
    submissions: submissions.map((submission) => ({ number: submission.number, at: submission.createdAt })),
    /** A case registered at the counter: how the identity was checked and which paper materials were received. */
    counter: (() => {
      const submitted = events.find((event) => event.action === "submit");
      const data = (submitted?.data ?? null) as {
        channel?: unknown;
        identityCheck?: unknown;
        materialsReceived?: unknown;
      } | null;
      if (row.channel !== "WINDOW" || !data || data.channel !== "WINDOW") return null;
      const received = Array.isArray(data.materialsReceived)
        ? data.materialsReceived.filter((code): code is string => typeof code === "string")
        : [];
      return {
        identityCheck: typeof data.identityCheck === "string" ? data.identityCheck : null,
        materialsReceived: received.map((code) => materialNames.get(code) ?? code),
        registeredBy: submitted?.actorId ? (nameOf.get(submitted.actorId) ?? null) : null,
      };
    })(),
    changes,
    timeline: events.map((event) => ({
      id: event.id.toString(),
      at: event.at,
      action: event.action,
      actorName: event.actorId ? (nameOf.get(event.actorId) ?? null) : null,
      actorRole: event.actorRole,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      legalBasis: event.legalBasis,
      data: (event.data ?? null) as Record<string, unknown> | null,
      visibleToApplicant: event.visibleToApplicant,
    })),
    pauses: pauses.map((pause) => ({
      kind: pause.kind,
      reason: pause.reason,
      startedAt: pause.startedAt,
      plannedEnd: pause.plannedEnd,
      endedAt: pause.endedAt,
    })),
    licences,
    deadline: {
      dueDate: deadline.dueDate,
      statutoryDueDate: deadline.statutoryDueDate,
      workingDaysUsed: deadline.promised?.workingDaysUsed ?? null,
      workingDaysRemaining: deadline.promised?.workingDaysRemaining ?? null,
      paused: deadline.promised?.paused ?? false,
      warning: deadline.warning,
    },
    actions,
    /** Where the case may be forwarded (转报): departments implementing the same catalogue item. */
    forwardTargets: actions.includes("forward") ? await forwardTargets(db(), row) : [],
    /** 并联审批: the opinions asked of other departments, and whether this person answers one now. */
    jointOpinions,
    mayGiveJointOpinion:
      actor.departmentId !== null &&
      jointOpinions.some((entry) => entry.departmentId === actor.departmentId && entry.answeredAt === null) &&
      mayGiveOpinion(actor, actor.departmentId),
    /**
     * The workflow as this case meets it: its enabled steps with their duties, the step it waits for (and that
     * step's own due date), and every step taken so far with its signer and opinion (审批意见).
     */
    workflow: {
      steps: facts.workflow.steps.filter((step) => step.enabled).map((step) => ({ kind: step.kind, duty: step.duty })),
      separateDuties: facts.workflow.separateDuties,
      currentStep: row.currentStep,
      currentDuty: row.currentDuty,
      stepDueDate: row.stepDueDate ? dateColumnToIso(row.stepDueDate) : null,
      signatures: events
        .filter((event) => typeof (event.data as { step?: unknown } | null)?.step === "string")
        .map((event) => {
          const data = event.data as { step: string; opinion?: unknown };
          return {
            step: data.step,
            action: event.action,
            opinion: event.action === "signOff" ? opinion(data.opinion) : null,
            comment: event.reason,
            signer: event.actorId ? (nameOf.get(event.actorId) ?? null) : null,
            at: event.at,
          };
        }),
    },
    canProcess: processing,
    staff,
    departments,
  };
}

export type StaffCase = Awaited<ReturnType<typeof getStaffCase>>;

/**
 * The case's answers as the applicant gave them, decrypted (the REST API's staff view hands them to departmental
 * systems). Only after `getStaffCase` let the actor see the case.
 */
export async function staffCaseAnswers(caseNumber: string): Promise<Record<string, unknown>> {
  const row = await db().case.findUniqueOrThrow({
    where: { caseNumber },
    select: { answers: true, itemVersionId: true },
  });
  const version = await db().itemVersion.findUnique({ where: { id: row.itemVersionId }, select: { content: true } });
  const parsedForm = FormDefinition.safeParse((version?.content as { form?: unknown } | null)?.form);
  const answers = (row.answers ?? {}) as Record<string, unknown>;
  return parsedForm.success ? openAnswers(parsedForm.data, answers) : answers;
}
