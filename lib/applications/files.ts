import "server-only";
import { type Actor, assertCan, licenceHolderScope } from "../auth/policy";
import { isoToDateColumn } from "../calendar/china-time";
import { db } from "../db/client";
import { AppError } from "../errors";
import { storeUpload } from "../files/store";
import type { Prisma } from "../generated/prisma/client";
import { fileFieldsByMaterial, lockApplication, notFound, type Tx, UUID, versionFacts } from "./access";
import { AttachFromLockerInput, DetachFileInput } from "./schemas";

/**
 * Materials of an application: uploads (checked by content, hashed, stored through the storage interface by
 * lib/files/store.ts), reuse from the material locker ("upload once": the same stored file is attached again,
 * never copied, with its trust level: C for the applicant's own uploads, A for licences the platform issued),
 * and removal. A material bound to a form file field keeps that field's answer in step (the list of file ids),
 * and every change bumps the draft's revision so another device's stale save cannot undo it.
 */

const MAX_FILES_PER_MATERIAL = 30;

type Trust = "A" | "B" | "C" | "D";

async function attach(
  tx: Tx,
  actor: Actor,
  applicationId: string,
  materialCode: string,
  fileId: string,
  trust: Trust,
  expectedRevision?: number,
) {
  const row = await lockApplication(tx, actor, applicationId);
  if (row.status !== "DRAFT") throw new AppError("CONFLICT", "applications.errors.notDraft");
  if (expectedRevision !== undefined && expectedRevision !== row.revision)
    throw new AppError("CONFLICT", "applications.errors.stale");
  const version = await tx.itemVersion.findUniqueOrThrow({
    where: { id: row.itemVersionId },
    select: { content: true },
  });
  const facts = versionFacts(version.content);
  if (!facts.materials.some((material) => material.code === materialCode)) {
    throw new AppError("VALIDATION", "applications.errors.material", {
      fieldErrors: { materialCode: "applications.errors.material" },
    });
  }
  const existing = await tx.applicationFile.findMany({
    where: { applicationId },
    select: { fileId: true, materialCode: true },
  });
  if (existing.some((file) => file.fileId === fileId))
    throw new AppError("CONFLICT", "applications.errors.alreadyAttached");
  if (existing.filter((file) => file.materialCode === materialCode).length >= MAX_FILES_PER_MATERIAL) {
    throw new AppError("VALIDATION", "applications.errors.tooManyFiles", {
      fieldErrors: { file: "applications.errors.tooManyFiles" },
    });
  }
  await tx.applicationFile.create({ data: { applicationId, materialCode, fileId, trust } });
  const key = fileFieldsByMaterial(facts.definition).get(materialCode);
  const answers = { ...((row.answers ?? {}) as Record<string, unknown>) };
  if (key) {
    const current = Array.isArray(answers[key])
      ? (answers[key] as unknown[]).filter((entry) => typeof entry === "string")
      : [];
    answers[key] = [...current, fileId];
  }
  const updated = await tx.application.update({
    where: { id: row.id },
    data: { answers: answers as Prisma.InputJsonValue, revision: { increment: 1 } },
  });
  return { revision: updated.revision };
}

export type UploadedMaterial = {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  revision: number;
  trust: Trust;
};

/**
 * Uploads one file for a material of the actor's draft. The draft is checked before the bytes are stored (a
 * stranger's or submitted draft stores nothing); a refused file throws FileRejectedError with the reason.
 */
export async function uploadMaterial(
  actor: Actor,
  input: { applicationId: string; materialCode: string; name: string; bytes: Buffer },
  ip: string | null,
): Promise<UploadedMaterial> {
  if (!UUID.test(input.applicationId)) throw notFound();
  const draft = await db().application.findUnique({
    where: { id: input.applicationId },
    select: { applicantUserId: true, applicantCompanyId: true, status: true },
  });
  // Checks ownership (NOT_FOUND for others) before anything is stored.
  await db().$transaction((tx) => lockApplication(tx, actor, input.applicationId));
  if (draft?.status !== "DRAFT") throw new AppError("CONFLICT", "applications.errors.notDraft");
  const stored = await storeUpload({
    actor,
    purpose: "APPLICATION_MATERIAL",
    name: input.name,
    bytes: input.bytes,
    ip,
  });
  const { revision } = await db().$transaction((tx) =>
    attach(tx, actor, input.applicationId, input.materialCode, stored.fileId, "C"),
  );
  return {
    fileId: stored.fileId,
    name: stored.name,
    size: stored.size,
    contentType: stored.contentType,
    sha256: stored.sha256,
    revision,
    trust: "C",
  };
}

/** One entry of the locker: a stored file the actor may attach again. */
export type LockerEntry = {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
  createdAt: Date;
  trust: Trust;
  /** A licence's name and number when the entry is an issued certificate. */
  licence: { name: string; number: string; typeCode: string; expiresAt: Date | null } | null;
};

/**
 * The material locker (材料库, "upload once"): everything this person uploaded as application material (one entry
 * per distinct content, newest first) and the valid licences issued to them (or to the company an agent acts for).
 */
export async function listLocker(actor: Actor): Promise<LockerEntry[]> {
  assertCan(actor, "portal.account");
  const licenceHolder = licenceHolderScope(actor);
  const [uploads, licences] = await Promise.all([
    db().storedFile.findMany({
      where: { ownerUserId: actor.userId, purpose: "APPLICATION_MATERIAL" },
      orderBy: { createdAt: "desc" },
      take: 500,
      select: { id: true, originalName: true, size: true, contentType: true, createdAt: true, sha256: true },
    }),
    db().licence.findMany({
      where: { ...licenceHolder, status: "VALID", fileId: { not: null } },
      orderBy: { issuedAt: "desc" },
    }),
  ]);
  const licenceFiles = await db().storedFile.findMany({
    where: { id: { in: licences.map((licence) => licence.fileId!) } },
    select: { id: true, originalName: true, size: true, contentType: true, createdAt: true },
  });
  const fileById = new Map(licenceFiles.map((file) => [file.id, file]));
  const entries: LockerEntry[] = [];
  for (const licence of licences) {
    const file = fileById.get(licence.fileId!);
    if (!file) continue;
    entries.push({
      fileId: file.id,
      name: file.originalName,
      size: file.size,
      contentType: file.contentType,
      createdAt: file.createdAt,
      trust: "A",
      licence: { name: licence.name, number: licence.number, typeCode: licence.typeCode, expiresAt: licence.expiresAt },
    });
  }
  const seen = new Set<string>();
  for (const upload of uploads) {
    if (seen.has(upload.sha256)) continue;
    seen.add(upload.sha256);
    entries.push({
      fileId: upload.id,
      name: upload.originalName,
      size: upload.size,
      contentType: upload.contentType,
      createdAt: upload.createdAt,
      trust: "C",
      licence: null,
    });
  }
  return entries;
}

/** The trust level the actor may attach a stored file with, or null when it is not in their locker. */
export async function lockerTrust(actor: Actor, fileId: string): Promise<Trust | null> {
  if (!UUID.test(fileId)) return null;
  const file = await db().storedFile.findUnique({
    where: { id: fileId },
    select: { ownerUserId: true, purpose: true },
  });
  if (!file) return null;
  if (file.purpose === "APPLICATION_MATERIAL" && file.ownerUserId === actor.userId) return "C";
  const licence = await db().licence.findFirst({
    where: { ...licenceHolderScope(actor), fileId, status: "VALID" },
    select: { id: true },
  });
  return licence ? "A" : null;
}

/**
 * 免提交 (issue 20): attaches to a new draft, for each material that a licence type satisfies, the applicant's (or
 * their company's) newest valid licence of that type from the e-licence library, with trust A. The applicant can
 * still remove it and upload instead. Materials asked only in some situations (a condition such as 未满十六周岁申领的:
 * 监护人居民身份证) may concern someone else, so they are left to the applicant, who finds the licence in the locker.
 * Returns what was attached.
 */
export async function attachLicencesFromLibrary(
  tx: Tx,
  actor: Actor,
  applicationId: string,
  today: string,
): Promise<{ materialCode: string; licenceNumber: string }[]> {
  const draft = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { itemVersionId: true },
  });
  const version = await tx.itemVersion.findUniqueOrThrow({
    where: { id: draft.itemVersionId },
    select: { content: true },
  });
  const attached: { materialCode: string; licenceNumber: string }[] = [];
  for (const material of versionFacts(version.content).materials) {
    if (!material.licenceTypeCode || material.condition) continue;
    const licence = await tx.licence.findFirst({
      where: {
        ...licenceHolderScope(actor),
        typeCode: material.licenceTypeCode,
        status: "VALID",
        fileId: { not: null },
        OR: [{ expiresAt: null }, { expiresAt: { gte: isoToDateColumn(today) } }],
      },
      orderBy: [{ issuedAt: "desc" }, { createdAt: "desc" }],
      select: { number: true, fileId: true },
    });
    if (!licence?.fileId) continue;
    await attach(tx, actor, applicationId, material.code, licence.fileId, "A");
    attached.push({ materialCode: material.code, licenceNumber: licence.number });
  }
  return attached;
}

/** Attaches a file from the actor's locker to a material of their draft (the same file, no copy). */
export async function attachFromLocker(actor: Actor, input: unknown): Promise<{ revision: number; trust: Trust }> {
  const parsed = AttachFromLockerInput.safeParse(input);
  if (!parsed.success) throw notFound();
  const trust = await lockerTrust(actor, parsed.data.fileId);
  // A file that is not the actor's looks exactly like one that does not exist.
  if (!trust) throw new AppError("NOT_FOUND", "applications.errors.fileNotFound");
  const { revision } = await db().$transaction((tx) =>
    attach(
      tx,
      actor,
      parsed.data.applicationId,
      parsed.data.materialCode,
      parsed.data.fileId,
      trust,
      parsed.data.revision,
    ),
  );
  return { revision, trust };
}

/** Removes a file from the actor's draft (the stored file stays in the locker). */
export async function detachFile(actor: Actor, input: unknown): Promise<{ revision: number }> {
  const parsed = DetachFileInput.safeParse(input);
  if (!parsed.success) throw notFound();
  return db().$transaction(async (tx) => {
    const row = await lockApplication(tx, actor, parsed.data.applicationId);
    if (row.status !== "DRAFT") throw new AppError("CONFLICT", "applications.errors.notDraft");
    if (parsed.data.revision !== undefined && parsed.data.revision !== row.revision)
      throw new AppError("CONFLICT", "applications.errors.stale");
    const attached = await tx.applicationFile.findUnique({
      where: { applicationId_fileId: { applicationId: row.id, fileId: parsed.data.fileId } },
    });
    if (!attached) throw new AppError("NOT_FOUND", "applications.errors.fileNotFound");
    await tx.applicationFile.delete({ where: { id: attached.id } });
    const version = await tx.itemVersion.findUniqueOrThrow({
      where: { id: row.itemVersionId },
      select: { content: true },
    });
    const key = fileFieldsByMaterial(versionFacts(version.content).definition).get(attached.materialCode);
    const answers = { ...((row.answers ?? {}) as Record<string, unknown>) };
    if (key && Array.isArray(answers[key]))
      answers[key] = (answers[key] as unknown[]).filter((entry) => entry !== parsed.data.fileId);
    const updated = await tx.application.update({
      where: { id: row.id },
      data: { answers: answers as Prisma.InputJsonValue, revision: { increment: 1 } },
    });
    return { revision: updated.revision };
  });
}
