import "server-only";
import { casesOfFile, type FileCase } from "../applications/file-cases";
import { recordPersonalDataRead } from "../audit/read-log";
import { type Actor, can, canReadFile, type FileResource } from "../auth/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import { isTemplatePurpose } from "./kinds";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FILE_SELECT = {
  id: true,
  purpose: true,
  ownerUserId: true,
  storageKey: true,
  sha256: true,
  size: true,
  contentType: true,
  originalName: true,
} as const;

export type StoredFileRow = {
  id: string;
  purpose: FileResource["purpose"];
  ownerUserId: string | null;
  storageKey: string;
  sha256: string;
  size: number;
  contentType: string;
  originalName: string;
};

/**
 * The cases a stored file is part of, for `file.read`: an applicant's material is visible to whoever may see
 * its case (answered by lib/applications/file-cases.ts from applications, submissions and licences).
 */
export async function findCasesOfFile(fileId: string): Promise<FileCase[]> {
  return casesOfFile(fileId);
}

/** Departments of the items whose live materials or any guide version names the file as blank form or sample. */
async function findTemplateUse(
  fileId: string,
): Promise<{ publishedOnActiveItem: boolean; itemDepartmentIds: string[] }> {
  const live = await db().material.findMany({
    where: { OR: [{ blankFormFileId: fileId }, { sampleFileId: fileId }] },
    select: { serviceItem: { select: { status: true, departmentId: true } } },
  });
  const publishedOnActiveItem = live.some((material) => material.serviceItem.status === "ACTIVE");
  // Drafts and versions under review reference templates only inside their JSON content.
  const versions = await db().$queryRaw<{ departmentId: string }[]>`
    SELECT DISTINCT si.department_id::text AS "departmentId"
    FROM item_version iv
    JOIN service_item si ON si.id = iv.service_item_id
    CROSS JOIN LATERAL jsonb_array_elements(
      CASE WHEN jsonb_typeof(iv.content -> 'materials') = 'array' THEN iv.content -> 'materials' ELSE '[]'::jsonb END
    ) AS m
    WHERE m ->> 'blankFormFileId' = ${fileId} OR m ->> 'sampleFileId' = ${fileId}`;
  const departments = new Set([
    ...live.map((material) => material.serviceItem.departmentId),
    ...versions.map((row) => row.departmentId),
  ]);
  return { publishedOnActiveItem, itemDepartmentIds: [...departments] };
}

/** The facts `file.read` decides on, with the cases' numbers and ids (for the read log). */
export type FileFacts = Omit<FileResource, "cases"> & { cases: FileCase[] };

/** The facts `file.read` decides on, gathered from the database for one stored file. */
export async function fileResourceOf(file: Pick<StoredFileRow, "id" | "purpose" | "ownerUserId">): Promise<FileFacts> {
  const base = { kind: "file" as const, purpose: file.purpose, ownerUserId: file.ownerUserId };
  if (isTemplatePurpose(file.purpose)) return { ...base, ...(await findTemplateUse(file.id)), cases: [] };
  return { ...base, publishedOnActiveItem: false, itemDepartmentIds: [], cases: await findCasesOfFile(file.id) };
}

/**
 * A stored file the visitor may read, or NOT_FOUND: a malformed id, an unknown id and a file the visitor may
 * not read all give the same answer, so nobody can learn which ids exist.
 *
 * Handing out an applicant's material or result document to anyone but the applicant (staff, through a case
 * they may see) is a read of personal data: it is written to the audit trail first (issue 15,
 * lib/audit/read-log.ts), against the first such case. Blank forms and samples concern nobody and are not logged.
 */
export async function getReadableFile(
  actor: Actor | null,
  fileId: string,
  { ip = null }: { ip?: string | null } = {},
): Promise<StoredFileRow & { public: boolean }> {
  const notFound = new AppError("NOT_FOUND", "files.errors.notFound");
  if (!UUID.test(fileId)) throw notFound;
  const file = await db().storedFile.findUnique({ where: { id: fileId }, select: FILE_SELECT });
  if (!file) throw notFound;
  const resource = await fileResourceOf(file);
  if (!canReadFile(actor, resource)) throw notFound;
  const viaCase = actor
    ? resource.cases.find((linked) => can(actor, "case.view", { kind: "case", ...linked }))
    : undefined;
  if (actor && viaCase) {
    await recordPersonalDataRead(db(), {
      actor,
      ip,
      action: "read.file",
      subjectUserId: viaCase.applicantUserId,
      subjectCompanyId: viaCase.applicantCompanyId,
      caseNumber: viaCase.caseNumber,
      serviceItemId: viaCase.serviceItemId,
      objectType: "StoredFile",
      objectId: file.id,
      purpose: "download",
    });
  }
  // A representative's evidence (ID card, business licence) read by a reviewing administrator: personal data too.
  if (actor && file.purpose === "COMPANY_EVIDENCE" && file.ownerUserId !== actor.userId) {
    await recordPersonalDataRead(db(), {
      actor,
      ip,
      action: "read.file",
      subjectUserId: file.ownerUserId,
      subjectCompanyId: null,
      objectType: "StoredFile",
      objectId: file.id,
      purpose: "download",
    });
  }
  return { ...file, public: canReadFile(null, resource) };
}

export type TemplateFileSummary = {
  id: string;
  purpose: "MATERIAL_BLANK_FORM" | "MATERIAL_SAMPLE";
  name: string;
  size: number;
  contentType: string;
};

/**
 * The blank forms and samples among `ids`, for guide editing: a guide may name only template files (never an
 * applicant's material, which would become public with the guide). Use `assertTemplateFiles` on save.
 */
export async function findTemplateFiles(ids: string[]): Promise<TemplateFileSummary[]> {
  const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (valid.length === 0) return [];
  const rows = await db().storedFile.findMany({
    where: { id: { in: valid }, purpose: { in: ["MATERIAL_BLANK_FORM", "MATERIAL_SAMPLE"] } },
    select: { id: true, purpose: true, originalName: true, size: true, contentType: true },
  });
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose as TemplateFileSummary["purpose"],
    name: row.originalName,
    size: row.size,
    contentType: row.contentType,
  }));
}

/** Throws VALIDATION (`files.errors.notTemplate`) unless every id names a stored blank form or sample. */
export async function assertTemplateFiles(ids: string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  const found = new Set((await findTemplateFiles(wanted)).map((file) => file.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new AppError("VALIDATION", "files.errors.notTemplate", {
      fieldErrors: Object.fromEntries(missing.map((id) => [id, "files.errors.notTemplate"])),
    });
}
