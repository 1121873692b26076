import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, assertRecentSecondFactor, departmentScope } from "../auth/policy";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { findTemplateFiles } from "../files/access";
import { isId } from "../http/params";
import { validateFormDefinition } from "../forms/validate-definition";
import { indexServiceItem } from "../search/index";
import { text, unsafeTextProblem } from "../validation/text";
import { fieldErrorsOf, GuideContent, GuideDraftContent, newItemContent, type ItemTypeName } from "./guide-content";
import { contentFromLive, projectContent, projectionColumns } from "./projection";
import { diffContents } from "./version-diff";
import { changedPublicContent, PUBLIC_TAGS } from "../cache/public-cache";

import {
  EDITABLE_VERSION_STATUSES,
  ITEM_VERSION_MOVES,
  itemVersionMove,
  type ItemVersionStatus,
  OPEN_VERSION_STATUSES,
  PUBLISHED_VERSION_STATUSES,
} from "./version-states";
/**
 * Versioned guides with four-eyes publishing (docs/domain.md: "edits make a draft; a second administrator reviews and
 * publishes it"). Life of a version: DRAFT → IN_REVIEW → PUBLISHED → SUPERSEDED, or back to DRAFT when the
 * reviewer returns it, or DISCARDED. An item has at most one open version (DRAFT or IN_REVIEW) and at most one
 * PUBLISHED; every operation locks the item row first so two administrators cannot race past those rules.
 * Draft saves carry the revision they edited: a stale save is refused (CONFLICT), never silently overwritten.
 */

type Tx = Prisma.TransactionClient;

type AuditContext = { actor: Actor; ip: string | null };

function audit(tx: Tx, { actor, ip }: AuditContext, action: string, objectId: string, before: unknown, after: unknown) {
  return recordAudit(tx, {
    actor: { userId: actor.userId, role: actor.role },
    action,
    objectType: "ServiceItem",
    objectId,
    before,
    after,
    ip,
  });
}

/** Locks the item row for the rest of the transaction and returns what the policy needs. */
async function lockItem(tx: Tx, where: { id: string } | { implementationCode: string }) {
  // A malformed id or code (from an address or a form) names no item: no query for it.
  if ("id" in where ? !isId("uuid", where.id) : !isId("itemCode", where.implementationCode))
    throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchItem");
  const rows =
    "id" in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM service_item WHERE id = ${where.id}::uuid FOR UPDATE`
      : await tx.$queryRaw<
          { id: string }[]
        >`SELECT id FROM service_item WHERE implementation_code = ${where.implementationCode} FOR UPDATE`;
  const id = rows[0]?.id;
  if (!id) throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchItem");
  const item = await tx.serviceItem.findUniqueOrThrow({
    where: { id },
    select: { id: true, implementationCode: true, departmentId: true, status: true, version: true },
  });
  return item;
}

/**
 * Items published before versioning existed (the seed, older imports) have no version rows: their live guide
 * becomes the baseline published version, so history, diffs and rollback work for every item.
 */
async function ensureBaseline(tx: Tx, item: { id: string; status: string; version: number }) {
  if (item.status === "DRAFT") return;
  const published = await tx.itemVersion.findFirst({
    where: { serviceItemId: item.id, status: "PUBLISHED" },
    select: { id: true },
  });
  if (published) return;
  const content = await contentFromLive(tx, item.id);
  const highest = await tx.itemVersion.aggregate({ where: { serviceItemId: item.id }, _max: { number: true } });
  await tx.itemVersion.create({
    data: {
      serviceItemId: item.id,
      number: Math.max(item.version, (highest._max.number ?? 0) + 1),
      status: "PUBLISHED",
      content: content as Prisma.InputJsonValue,
      summary: "baseline",
      publishedAt: new Date(),
    },
  });
}

/**
 * The item's published version, made from its live guide first when it predates versioning: what a case filed at the
 * counter (lib/cases/counter.ts) runs under, like one filed online under the version its form came from.
 */
export async function publishedVersionOf(tx: Tx, item: { id: string; status: string; version: number }) {
  await ensureBaseline(tx, item);
  return tx.itemVersion.findFirst({
    where: { serviceItemId: item.id, status: "PUBLISHED" },
    select: { id: true, content: true },
  });
}

async function nextNumber(tx: Tx, serviceItemId: string): Promise<number> {
  const highest = await tx.itemVersion.aggregate({ where: { serviceItemId }, _max: { number: true } });
  return (highest._max.number ?? 0) + 1;
}

function parseDraft(content: unknown) {
  const parsed = GuideDraftContent.safeParse(content);
  if (!parsed.success)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

/** Submission and publishing need the complete guide, and a form that fits the item's materials. */
async function parseComplete(content: unknown) {
  const parsed = GuideContent.safeParse(content);
  if (!parsed.success)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.incomplete", { fieldErrors: fieldErrorsOf(parsed.error) });
  const formErrors = await checkForm(parsed.data);
  if (formErrors) throw new AppError("VALIDATION", "catalogueAdmin.errors.incomplete", { fieldErrors: formErrors });
  return parsed.data;
}

/** The form definition, validated against this version's materials by the form engine (lib/forms). */
async function checkForm(content: GuideContent): Promise<Record<string, string> | null> {
  if (content.form === null) return null;
  const result = validateFormDefinition(content.form, {
    materialCodes: content.materials.map((material) => material.code),
  });
  if (result.ok) return null;
  const fieldErrors: Record<string, string> = {};
  for (const problem of result.problems) fieldErrors[problem.path ? `form.${problem.path}` : "form"] ??= problem.key;
  return fieldErrors;
}

/**
 * Blank forms and samples become public with the version, so a guide may only name files uploaded as templates:
 * never an applicant's material (which would otherwise be published by guessing its id).
 */
async function checkTemplateFiles(content: GuideContent) {
  const wanted = content.materials.flatMap((material, index) => [
    ...(material.blankFormFileId ? [{ id: material.blankFormFileId, path: `materials.${index}.blankFormFileId` }] : []),
    ...(material.sampleFileId ? [{ id: material.sampleFileId, path: `materials.${index}.sampleFileId` }] : []),
  ]);
  if (wanted.length === 0) return;
  const found = new Set((await findTemplateFiles(wanted.map((file) => file.id))).map((file) => file.id));
  const fieldErrors = Object.fromEntries(
    wanted.filter((file) => !found.has(file.id)).map((file) => [file.path, "catalogueAdmin.errors.notTemplateFile"]),
  );
  if (Object.keys(fieldErrors).length > 0)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", { fieldErrors });
}

async function uniqueCodeCheck(tx: Tx, serviceItemId: string, implementationCode: string) {
  const other = await tx.serviceItem.findFirst({
    where: { implementationCode, NOT: { id: serviceItemId } },
    select: { id: true },
  });
  if (other)
    throw new AppError("CONFLICT", "catalogueAdmin.errors.codeTaken", {
      fieldErrors: { implementationCode: "catalogueAdmin.errors.codeTaken" },
    });
}

// ───────────────────────── Reading ─────────────────────────

const versionSummarySelect = {
  id: true,
  number: true,
  status: true,
  baseNumber: true,
  revision: true,
  summary: true,
  reviewNote: true,
  createdById: true,
  createdAt: true,
  updatedById: true,
  updatedAt: true,
  submittedById: true,
  submittedAt: true,
  publishedById: true,
  publishedAt: true,
} satisfies Prisma.ItemVersionSelect;

/** An item with its versions for the editor: the open draft (if any), the published content, and the history. */
export async function getItemForEditing(actor: Actor, implementationCode: string) {
  const item = await db().serviceItem.findUnique({
    where: { implementationCode },
    select: {
      id: true,
      implementationCode: true,
      name: true,
      nameEn: true,
      status: true,
      version: true,
      departmentId: true,
      regionCode: true,
      department: { select: { code: true, name: true, nameEn: true } },
      region: { select: { code: true, name: true, nameEn: true } },
      catalogItem: { select: { code: true, name: true, nameEn: true } },
    },
  });
  if (!item) throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchItem");
  assertCan(actor, "catalogue.item.edit", { kind: "serviceItem", departmentId: item.departmentId });
  await db().$transaction((tx) => ensureBaseline(tx, item));
  const versions = await db().itemVersion.findMany({
    where: { serviceItemId: item.id },
    orderBy: { number: "desc" },
    select: { ...versionSummarySelect, content: true },
  });
  const open = versions.find((version) => OPEN_VERSION_STATUSES.includes(version.status as ItemVersionStatus)) ?? null;
  const published = versions.find((version) => version.status === "PUBLISHED") ?? null;
  const staff = await staffNames(
    versions.flatMap((version) => [
      version.createdById,
      version.updatedById,
      version.submittedById,
      version.publishedById,
    ]),
  );
  return {
    item,
    open,
    published,
    history: versions.map((version) => ({ ...version, content: undefined })),
    staff,
  };
}

async function staffNames(ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return {} as Record<string, string>;
  const users = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, realName: true } });
  return Object.fromEntries(users.map((user) => [user.id, user.realName]));
}

/**
 * One version's content and the changes against the version it is compared with (default: the one before it).
 * The base's content comes along so the change table can name list entries as that version called them (a
 * removed material by its name, lib/catalogue/guide-changes.ts).
 */
export async function getVersionWithDiff(actor: Actor, implementationCode: string, number: number, against?: number) {
  const item = await db().serviceItem.findUnique({
    where: { implementationCode },
    select: { id: true, departmentId: true },
  });
  if (!item) throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchItem");
  assertCan(actor, "catalogue.item.edit", { kind: "serviceItem", departmentId: item.departmentId });
  const version = await db().itemVersion.findUnique({
    where: { serviceItemId_number: { serviceItemId: item.id, number } },
    select: { ...versionSummarySelect, content: true },
  });
  if (!version) throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchVersion");
  const baseNumber = against ?? version.baseNumber ?? (await previousPublishedNumber(item.id, number));
  const base = baseNumber
    ? await db().itemVersion.findUnique({
        where: { serviceItemId_number: { serviceItemId: item.id, number: baseNumber } },
        select: { number: true, content: true },
      })
    : null;
  return {
    version,
    baseNumber: base?.number ?? null,
    baseContent: base?.content ?? null,
    changes: diffContents(base?.content ?? null, version.content),
  };
}

async function previousPublishedNumber(serviceItemId: string, number: number): Promise<number | null> {
  const previous = await db().itemVersion.findFirst({
    where: { serviceItemId, number: { lt: number }, status: { in: [...PUBLISHED_VERSION_STATUSES] } },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return previous?.number ?? null;
}

/** Versions waiting for review that this actor may publish (not their own). */
export async function listReviewQueue(actor: Actor) {
  assertCan(actor, "catalogue.items.manage");
  const versions = await db().itemVersion.findMany({
    where: {
      status: "IN_REVIEW",
      serviceItem: departmentScope(actor, "catalogue.items.manage"),
    },
    orderBy: { submittedAt: "asc" },
    take: 200,
    select: {
      ...versionSummarySelect,
      serviceItem: {
        select: {
          implementationCode: true,
          name: true,
          nameEn: true,
          department: { select: { name: true, nameEn: true } },
        },
      },
    },
  });
  const staff = await staffNames(versions.map((version) => version.submittedById));
  return versions.map((version) => ({
    ...version,
    ownWork: version.submittedById === actor.userId || version.updatedById === actor.userId,
    submittedByName: version.submittedById ? (staff[version.submittedById] ?? null) : null,
  }));
}

// ───────────────────────── Writing ─────────────────────────

/** The new-item form: which basic-catalogue entry, for which department, under which implementation code. */
export const CreateItemInput = z.object({
  catalogItemCode: text()
    .min(1, "catalogueAdmin.errors.noSuchCatalogItem")
    .max(40, "catalogueAdmin.errors.noSuchCatalogItem"),
  departmentId: z.uuid({ message: "catalogueAdmin.errors.noSuchDepartment" }),
  implementationCode: GuideDraftContent.shape.implementationCode,
  name: text().max(200, "catalogueAdmin.errors.tooLong").optional(),
});
export type CreateItemInput = z.input<typeof CreateItemInput>;

/**
 * A new implementation of a basic-catalogue item by a department: a hidden item with a first draft.
 *
 * The policy and the schema answer before anything is read (penetration test point 9: `departmentId=""` reached
 * the database, as an unexpected error, before anyone asked whether the caller may create items): first whether the
 * actor manages items at all, then the input's shape, then whether they may create one in the department asked for.
 * Only then is the department looked up; an unknown one is a validation error like a malformed one.
 */
export async function createServiceItem(actor: Actor, input: unknown, ip: string | null) {
  assertCan(actor, "catalogue.items.manage");
  const parsed = CreateItemInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { catalogItemCode, departmentId, implementationCode, name } = parsed.data;
  assertCan(actor, "catalogue.item.create", { kind: "department", departmentId });
  const department = await db().department.findUnique({
    where: { id: departmentId },
    select: { id: true, regionCode: true, region: { select: { level: true } } },
  });
  if (!department)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", {
      fieldErrors: { departmentId: "catalogueAdmin.errors.noSuchDepartment" },
    });
  const catalogItem = await db().catalogItem.findUnique({ where: { code: catalogItemCode } });
  if (!catalogItem)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", {
      fieldErrors: { catalogItemCode: "catalogueAdmin.errors.noSuchCatalogItem" },
    });
  const level = { PROVINCE: 2, CITY: 3, COUNTY: 4, TOWNSHIP: 5 }[department.region.level];
  const content = newItemContent({
    implementationCode,
    name: name || catalogItem.name,
    nameEn: catalogItem.nameEn,
    itemType: catalogItem.itemType as ItemTypeName,
    audiences: catalogItem.audiences,
    exerciseLevel: level,
  });
  try {
    return await db().$transaction(async (tx) => {
      const item = await tx.serviceItem.create({
        data: {
          catalogItemId: catalogItem.id,
          departmentId: department.id,
          regionCode: department.regionCode,
          status: "DRAFT",
          version: 0,
          ...projectionColumns(content),
        },
        select: { id: true, implementationCode: true },
      });
      const version = await tx.itemVersion.create({
        data: {
          serviceItemId: item.id,
          number: 1,
          status: "DRAFT",
          content: content as Prisma.InputJsonValue,
          createdById: actor.userId,
          updatedById: actor.userId,
        },
        select: { id: true, number: true },
      });
      await audit(tx, { actor, ip }, "catalogue.item.create", item.id, null, {
        implementationCode: item.implementationCode,
        catalogItem: catalogItem.code,
        departmentId: department.id,
      });
      return { ...item, versionId: version.id };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "catalogueAdmin.errors.codeTaken", {
        fieldErrors: { implementationCode: "catalogueAdmin.errors.codeTaken" },
      });
    throw error;
  }
}

/** The open draft of an item, started from the published version when there is none. */
export async function startDraft(actor: Actor, implementationCode: string, ip: string | null) {
  return db().$transaction(async (tx) => {
    const item = await lockItem(tx, { implementationCode });
    assertCan(actor, "catalogue.item.edit", { kind: "serviceItem", departmentId: item.departmentId });
    const open = await tx.itemVersion.findFirst({
      where: { serviceItemId: item.id, status: { in: [...OPEN_VERSION_STATUSES] } },
      select: { id: true, number: true, status: true },
    });
    if (open) return open;
    await ensureBaseline(tx, item);
    const published = await tx.itemVersion.findFirst({
      where: { serviceItemId: item.id, status: "PUBLISHED" },
      select: { number: true, content: true },
    });
    if (!published) throw new AppError("CONFLICT", "catalogueAdmin.errors.noBaseVersion");
    const draft = await tx.itemVersion.create({
      data: {
        serviceItemId: item.id,
        number: await nextNumber(tx, item.id),
        status: "DRAFT",
        baseNumber: published.number,
        content: published.content as Prisma.InputJsonValue,
        createdById: actor.userId,
        updatedById: actor.userId,
      },
      select: { id: true, number: true, status: true },
    });
    await audit(tx, { actor, ip }, "catalogue.version.start", item.id, null, {
      number: draft.number,
      baseNumber: published.number,
    });
    return draft;
  });
}

/** Version references arrive from forms and API clients: anything that is not a version id is simply not found. */
const VersionRef = z.object({ versionId: z.uuid(), revision: z.number().int().min(0).max(1_000_000).optional() });

/** Loads an open version of the item under lock and checks the actor may edit the item. */
async function lockOpenVersion(tx: Tx, actor: Actor, versionId: string) {
  if (!VersionRef.safeParse({ versionId }).success)
    throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchVersion");
  const found = await tx.itemVersion.findUnique({ where: { id: versionId }, select: { serviceItemId: true } });
  if (!found) throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchVersion");
  const item = await lockItem(tx, { id: found.serviceItemId });
  assertCan(actor, "catalogue.item.edit", { kind: "serviceItem", departmentId: item.departmentId });
  const version = await tx.itemVersion.findUniqueOrThrow({ where: { id: versionId } });
  return { item, version };
}

/**
 * Saves the editor's content into the draft. `revision` is the revision the editor loaded: if someone saved in
 * between, the save is refused with CONFLICT and nothing is written (the editor keeps its values and shows the
 * other administrator's change).
 */
export async function saveDraft(
  actor: Actor,
  input: { versionId: string; revision: number; content: unknown; summary?: string | null },
  ip: string | null,
) {
  if (!VersionRef.safeParse(input).success) throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchVersion");
  const summaryProblem = typeof input.summary === "string" ? unsafeTextProblem(input.summary, "multiline") : null;
  if (summaryProblem)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", { fieldErrors: { summary: summaryProblem } });
  const content = parseDraft(input.content);
  await checkTemplateFiles(content);
  // The form definition is checked on every save (issue 4): a broken form never sits in a draft unnoticed.
  const formErrors = await checkForm(content);
  if (formErrors) throw new AppError("VALIDATION", "catalogueAdmin.errors.form", { fieldErrors: formErrors });
  return db().$transaction(async (tx) => {
    const { item, version } = await lockOpenVersion(tx, actor, input.versionId);
    if (!EDITABLE_VERSION_STATUSES.includes(version.status as ItemVersionStatus))
      throw new AppError(
        "CONFLICT",
        version.status === "IN_REVIEW" ? "catalogueAdmin.errors.inReview" : "catalogueAdmin.errors.notDraft",
      );
    if (version.revision !== input.revision) throw new AppError("CONFLICT", "catalogueAdmin.errors.staleRevision");
    await uniqueCodeCheck(tx, item.id, content.implementationCode);
    const updated = await tx.itemVersion.update({
      where: { id: version.id },
      data: {
        content: content as Prisma.InputJsonValue,
        revision: { increment: 1 },
        summary: input.summary === undefined ? version.summary : input.summary?.trim().slice(0, 500) || null,
        updatedById: actor.userId,
        updatedAt: new Date(),
      },
      select: { id: true, revision: true, number: true },
    });
    await audit(
      tx,
      { actor, ip },
      "catalogue.version.save",
      item.id,
      { number: version.number, revision: version.revision },
      {
        number: version.number,
        revision: updated.revision,
        changes: diffContents(version.content, content).map((change) => change.path),
      },
    );
    return updated;
  });
}

/** Hands the draft to a second administrator. The complete guide must validate first. */
export async function submitForReview(actor: Actor, input: { versionId: string; revision: number }, ip: string | null) {
  if (!VersionRef.safeParse(input).success) throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchVersion");
  return db().$transaction(async (tx) => {
    const { item, version } = await lockOpenVersion(tx, actor, input.versionId);
    const submitted = itemVersionMove(version.status, "submit");
    if (!submitted) throw new AppError("CONFLICT", "catalogueAdmin.errors.notDraft");
    if (version.revision !== input.revision) throw new AppError("CONFLICT", "catalogueAdmin.errors.staleRevision");
    await parseComplete(version.content);
    await tx.itemVersion.update({
      where: { id: version.id },
      data: {
        status: submitted,
        submittedById: actor.userId,
        submittedAt: new Date(),
        reviewNote: null,
        revision: { increment: 1 },
      },
    });
    await audit(
      tx,
      { actor, ip },
      "catalogue.version.submit",
      item.id,
      { number: version.number, status: "DRAFT" },
      { number: version.number, status: "IN_REVIEW" },
    );
  });
}

/** The reviewer sends the version back to its editors with a note; it becomes an editable draft again. */
export async function returnToDraft(actor: Actor, input: { versionId: string; note: string }, ip: string | null) {
  const note = String(input.note ?? "").trim();
  if (note.length < 2)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", {
      fieldErrors: { note: "catalogueAdmin.errors.noteRequired" },
    });
  const noteProblem = unsafeTextProblem(note, "multiline");
  if (noteProblem)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", { fieldErrors: { note: noteProblem } });
  return db().$transaction(async (tx) => {
    const { item, version } = await lockOpenVersion(tx, actor, input.versionId);
    const returned = itemVersionMove(version.status, "return");
    if (!returned) throw new AppError("CONFLICT", "catalogueAdmin.errors.notInReview");
    await tx.itemVersion.update({
      where: { id: version.id },
      data: { status: returned, reviewNote: note.slice(0, 2000), revision: { increment: 1 } },
    });
    await audit(
      tx,
      { actor, ip },
      "catalogue.version.return",
      item.id,
      { number: version.number, status: "IN_REVIEW" },
      { number: version.number, status: "DRAFT", note },
    );
  });
}

/** Abandons the open draft; the published version stays as it is. */
export async function discardDraft(actor: Actor, input: { versionId: string }, ip: string | null) {
  return db().$transaction(async (tx) => {
    const { item, version } = await lockOpenVersion(tx, actor, input.versionId);
    const discarded = itemVersionMove(version.status, "discard");
    if (!discarded) throw new AppError("CONFLICT", "catalogueAdmin.errors.notDraft");
    if (item.status === "DRAFT") throw new AppError("CONFLICT", "catalogueAdmin.errors.firstDraft");
    await tx.itemVersion.update({ where: { id: version.id }, data: { status: discarded } });
    await audit(
      tx,
      { actor, ip },
      "catalogue.version.discard",
      item.id,
      { number: version.number, status: version.status },
      { number: version.number, status: "DISCARDED" },
    );
  });
}

/** Makes `content` the live guide of the item in this transaction: projection, version bookkeeping, index. */
async function goLive(
  tx: Tx,
  item: { id: string; status: string },
  versionId: string,
  number: number,
  content: GuideContent,
  actor: Actor | null,
) {
  await tx.itemVersion.updateMany({
    where: { serviceItemId: item.id, status: { in: [...ITEM_VERSION_MOVES.supersede.from] } },
    data: { status: ITEM_VERSION_MOVES.supersede.to },
  });
  await tx.itemVersion.update({
    where: { id: versionId },
    data: { status: ITEM_VERSION_MOVES.publish.to, publishedById: actor?.userId ?? null, publishedAt: new Date() },
  });
  await projectContent(tx, item.id, content);
  // A suspended item stays suspended (its notice still applies); a never-published item goes live.
  await tx.serviceItem.update({
    where: { id: item.id },
    data: { version: number, ...(item.status === "DRAFT" ? { status: "ACTIVE" } : {}) },
  });
  await indexServiceItem(tx, item.id);
}

/**
 * Four-eyes publishing: a version in review goes live, published by an administrator who neither submitted nor
 * last edited it. The previous published version is kept as SUPERSEDED (cases filed under it keep pointing at it).
 */
export async function publishVersion(actor: Actor, input: { versionId: string }, ip: string | null) {
  return changedPublicContent(
    [PUBLIC_TAGS.catalogue],
    db().$transaction(async (tx) => {
      const { item, version } = await lockOpenVersion(tx, actor, input.versionId);
      assertCan(actor, "catalogue.item.publish", { kind: "serviceItem", departmentId: item.departmentId });
      assertRecentSecondFactor(actor);
      if (!itemVersionMove(version.status, "publish"))
        throw new AppError("CONFLICT", "catalogueAdmin.errors.notInReview");
      if (
        version.submittedById === actor.userId ||
        version.updatedById === actor.userId ||
        version.createdById === actor.userId
      )
        throw new AppError("FORBIDDEN", "catalogueAdmin.errors.fourEyes");
      const content = await parseComplete(version.content);
      await uniqueCodeCheck(tx, item.id, content.implementationCode);
      const previous = await tx.itemVersion.findFirst({
        where: { serviceItemId: item.id, status: "PUBLISHED" },
        select: { number: true, content: true },
      });
      await goLive(tx, item, version.id, version.number, content, actor);
      await audit(
        tx,
        { actor, ip },
        "catalogue.version.publish",
        item.id,
        { number: previous?.number ?? null },
        {
          number: version.number,
          changes: diffContents(previous?.content ?? null, content).map(({ path, kind }) => ({ path, kind })),
        },
      );
      return { number: version.number, implementationCode: content.implementationCode };
    }),
  );
}

/**
 * Rollback: an earlier published version goes live again as a new version (history only grows). The earlier
 * content already passed a four-eyes review, so this takes one administrator and a recorded reason.
 */
export async function rollbackToVersion(
  actor: Actor,
  input: { implementationCode: string; number: number; reason: string },
  ip: string | null,
) {
  const reason = String(input.reason ?? "").trim();
  if (!Number.isSafeInteger(input.number)) throw new AppError("NOT_FOUND", "catalogueAdmin.errors.noSuchVersion");
  if (reason.length < 4)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", {
      fieldErrors: { reason: "catalogueAdmin.errors.reasonRequired" },
    });
  const reasonProblem = unsafeTextProblem(reason, "multiline");
  if (reasonProblem)
    throw new AppError("VALIDATION", "catalogueAdmin.errors.form", { fieldErrors: { reason: reasonProblem } });
  return changedPublicContent(
    [PUBLIC_TAGS.catalogue],
    db().$transaction(async (tx) => {
      const item = await lockItem(tx, { implementationCode: input.implementationCode });
      assertCan(actor, "catalogue.item.publish", { kind: "serviceItem", departmentId: item.departmentId });
      assertRecentSecondFactor(actor);
      const target = await tx.itemVersion.findUnique({
        where: { serviceItemId_number: { serviceItemId: item.id, number: input.number } },
      });
      if (!target || target.status !== "SUPERSEDED")
        throw new AppError("CONFLICT", "catalogueAdmin.errors.notRollbackTarget");
      const open = await tx.itemVersion.findFirst({
        where: { serviceItemId: item.id, status: { in: [...OPEN_VERSION_STATUSES] } },
        select: { id: true },
      });
      if (open) throw new AppError("CONFLICT", "catalogueAdmin.errors.openDraftExists");
      const content = await parseComplete(target.content);
      await uniqueCodeCheck(tx, item.id, content.implementationCode);
      const previous = await tx.itemVersion.findFirst({
        where: { serviceItemId: item.id, status: "PUBLISHED" },
        select: { number: true, content: true },
      });
      const number = await nextNumber(tx, item.id);
      const created = await tx.itemVersion.create({
        data: {
          serviceItemId: item.id,
          number,
          status: "IN_REVIEW",
          baseNumber: previous?.number ?? null,
          content: content as Prisma.InputJsonValue,
          summary: `rollback:${target.number}`,
          reviewNote: reason.slice(0, 2000),
          createdById: actor.userId,
          updatedById: actor.userId,
          submittedById: actor.userId,
          submittedAt: new Date(),
        },
      });
      await goLive(tx, item, created.id, number, content, actor);
      await audit(
        tx,
        { actor, ip },
        "catalogue.version.rollback",
        item.id,
        { number: previous?.number ?? null },
        { number, restored: target.number, reason },
      );
      return { number };
    }),
  );
}

/**
 * Publishing without the four-eyes review, for the command-line importer only (`npm run catalogue -- import
 * --publish`): an operator with database access loads a catalogue that was reviewed outside the platform. The
 * caller audits the run. Imported catalogues often lack guide details (the real district data has names, codes and
 * types only), so `complete: false` publishes a catalogue listing whose guide is still to be written; the item
 * page then says so and points to the department's contacts.
 */
export async function publishWithoutReview(
  tx: Tx,
  input: { serviceItemId: string; versionId: string; actor: Actor | null; complete: boolean },
) {
  const item = await lockItem(tx, { id: input.serviceItemId });
  const version = await tx.itemVersion.findUniqueOrThrow({ where: { id: input.versionId } });
  if (version.serviceItemId !== item.id) throw new AppError("CONFLICT", "catalogueAdmin.errors.noSuchVersion");
  const content = input.complete ? await parseComplete(version.content) : parseDraft(version.content);
  await goLive(tx, item, version.id, version.number, content, input.actor);
}
