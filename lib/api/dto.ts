import "server-only";
import type { z } from "zod";
import type { MyCase } from "../applications/cases";
import type { ApplicationView } from "../applications/drafts";
import { dateColumnToIso } from "../calendar/china-time";
import type { StaffCase as StaffCaseView } from "../cases/detail";
import type * as S from "./schemas";

/**
 * lib/ results → the API's documented shapes (lib/api/schemas.ts). Each field is copied by name, so nothing the
 * domain returns for the web pages (staff lists, department lists, internal ids) reaches the API unless it is
 * named here.
 */

export const iso = (value: Date) => value.toISOString();
export const isoOrNull = (value: Date | null | undefined) => (value ? value.toISOString() : null);
/** A @db.Date column (midnight UTC) or an ISO date string → YYYY-MM-DD. */
export const dateOnly = (value: Date | string | null | undefined) =>
  value ? (typeof value === "string" ? value.slice(0, 10) : dateColumnToIso(value)) : null;

export function draftDto(view: ApplicationView): z.output<typeof S.Draft> {
  return {
    id: view.id,
    itemCode: view.item.implementationCode,
    itemName: view.item.name,
    formVersion: view.versionNumber,
    status: view.status as z.output<typeof S.Draft>["status"],
    revision: view.revision,
    answers: view.answers,
    currentStep: view.currentStep,
    expiresAt: iso(view.expiresAt),
    caseNumber: view.caseNumber,
    form: view.definition as unknown as Record<string, unknown>,
    materials: view.materials.map((material) => ({
      code: material.code,
      name: material.name,
      necessity: material.necessity,
      fieldKey: material.fieldKey,
      files: material.files.map((file) => ({
        fileId: file.fileId,
        materialCode: file.materialCode,
        name: file.name,
        size: file.size,
        contentType: file.contentType,
        trust: file.trust,
      })),
    })),
  };
}

/** Timeline details an applicant may read: the supplement list, delivery, planned end; never staff or internal ids. */
const APPLICANT_DATA_KEYS = [
  "supplementList",
  "plannedEnd",
  "deliveryMethod",
  "trackingNumber",
  "submission",
  "files",
  "toDepartment",
  "certificateNumber",
  "licenceNumber",
];

function applicantData(data: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!data) return null;
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => APPLICANT_DATA_KEYS.includes(key)));
  return Object.keys(kept).length ? kept : null;
}

type Supplement = { materialCode?: string | null; field?: string | null; note: string };
const supplementItem = (entry: Supplement) => ({
  materialCode: entry.materialCode ?? null,
  field: entry.field ?? null,
  note: entry.note,
});

export function caseDetailDto(view: MyCase): z.output<typeof S.CaseDetail> {
  return {
    caseNumber: view.caseNumber,
    status: view.status,
    version: view.version,
    submittedAt: iso(view.submittedAt),
    acceptedAt: isoOrNull(view.acceptedAt),
    dueDate: dateOnly(view.dueDate),
    completedAt: isoOrNull(view.completedAt),
    item: { code: view.item?.implementationCode ?? "", name: view.item?.name ?? "", nameEn: view.item?.nameEn || null },
    department: { name: view.department?.name ?? "", nameEn: view.department?.nameEn || null },
    actions: view.actions,
    supplement: view.supplement
      ? {
          list: view.supplement.list.map(supplementItem),
          requestedAt: iso(view.supplement.at),
          reason: view.supplement.reason,
        }
      : null,
    timeline: view.timeline.map((event) => ({
      at: iso(event.at),
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      data: applicantData(event.data),
    })),
    submissions: view.submissions.map((submission) => ({
      number: submission.number,
      createdAt: iso(submission.createdAt),
      files: submission.files.map((file) => ({
        materialCode: file.materialCode,
        fileId: file.fileId,
        name: file.name,
        size: file.size,
        trust: file.trust,
      })),
    })),
  };
}

export function caseStateDto(row: {
  caseNumber: string;
  status: string;
  version: number;
  dueDate: Date | null;
}): z.output<typeof S.CaseState> {
  return {
    caseNumber: row.caseNumber,
    status: row.status as z.output<typeof S.CaseState>["status"],
    version: row.version,
    dueDate: dateOnly(row.dueDate),
  };
}

export function staffCaseDto(view: StaffCaseView, answers: Record<string, unknown>): z.output<typeof S.StaffCase> {
  return {
    caseNumber: view.caseNumber,
    status: view.status,
    version: view.version,
    channel: view.channel,
    warning: view.warning as z.output<typeof S.StaffCase>["warning"],
    submittedAt: iso(view.submittedAt),
    acceptedAt: isoOrNull(view.acceptedAt),
    decidedAt: isoOrNull(view.decidedAt),
    completedAt: isoOrNull(view.completedAt),
    outcomeCode: view.outcomeCode,
    regionCode: view.regionCode,
    item: view.item ? { code: view.item.code, name: view.item.name } : null,
    department: view.department ? { code: view.department.code, name: view.department.name } : null,
    assignee: view.assignee,
    applicant: view.applicant,
    company: view.company ? { name: view.company.name, creditCode: view.company.creditCode } : null,
    formVersion: view.formVersion,
    answers,
    materials: view.materials,
    timeline: view.timeline.map((event) => ({
      id: event.id,
      at: iso(event.at),
      action: event.action,
      actorName: event.actorName,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      legalBasis: event.legalBasis,
      data: event.data,
      visibleToApplicant: event.visibleToApplicant,
    })),
    licences: view.licences.map((licence) => ({
      number: licence.number,
      name: licence.name,
      status: licence.status,
      issuedAt: iso(licence.issuedAt),
      fileId: licence.fileId,
      revokedAt: isoOrNull(licence.revokedAt),
    })),
    deadline: {
      dueDate: dateOnly(view.deadline.dueDate),
      statutoryDueDate: dateOnly(view.deadline.statutoryDueDate),
      workingDaysUsed: view.deadline.workingDaysUsed,
      workingDaysRemaining: view.deadline.workingDaysRemaining,
      paused: view.deadline.paused,
    },
    actions: view.actions,
  };
}
