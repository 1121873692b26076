import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { canonicalJson, recordAudit } from "../../audit/audit";
import type { Actor } from "../../auth/policy";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { validateFormDefinition } from "../../forms/validate-definition";
import { rebuildSearchIndex } from "../../search/index";
import { GuideContent, GuideDraftContent } from "../guide-content";
import { contentFromLive, projectionColumns } from "../projection";
import { publishWithoutReview } from "../versions";
import { letterSuffix, type RegionInfo } from "./guangan";
import { goLiveNewItems, type NewItem } from "./bulk-publish";
import { randomIds, type IdSource } from "./ids";
import { readImportFile } from "./read";
import type {
  ImportFormat,
  ImportInput,
  ImportProblem,
  ImportReport,
  ImportSummary,
  ProgressListener,
  SourceRecord,
} from "./types";
import { invalidatePublicContent, PUBLIC_TAGS } from "../../cache/public-cache";

/**
 * The catalogue importer: validates every record (the content schema, codes, departments, themes, duplicates),
 * reports every problem with its row and field, and writes nothing unless the whole file is clean. A real import
 * runs in ONE transaction: departments, themes and catalogue items are created or matched, new items arrive as
 * hidden drafts (ServiceItem DRAFT + version 1), changed items get a new draft version (or their open draft is
 * updated), unchanged items are left alone, so importing the same file twice changes nothing the second time.
 * With `publish`, records marked PUBLISHED go live (listing-only data such as the district catalogue is published
 * as a listing; native records must pass the complete-guide rules): never-published items in bulk
 * (bulk-publish.ts), items that are already live through publishWithoutReview, then the search index is rebuilt.
 * Audited: one entry for the run naming every item it published; a run that changes nothing writes nothing.
 */

type Tx = Prisma.TransactionClient;
type Parsed = z.infer<typeof GuideDraftContent>;

const E = "catalogueImport.errors";
const ADMIN_ERRORS = "catalogueAdmin.errors.";
const BATCH = 500;

export type ImportOptions = {
  dryRun: boolean;
  publish: boolean;
  /** The administrator on the admin page; null on the command line. */
  actor: Actor | null;
  /** Who ran it: the OS user on the command line. Recorded in the audit entry. */
  operator?: string | null;
  source: { fileName: string | null; sha256: string | null; via: "cli" | "admin" };
  ip?: string | null;
  onProgress?: ProgressListener;
  /** Ids of the rows the import creates: random by default; the demo seed derives them from codes (reproducible). */
  newId?: IdSource;
};

/** Regions as the readers need them (names and levels, for department names and exercise levels). */
export async function loadRegions(client: Pick<PrismaClient, "region">): Promise<Map<string, RegionInfo>> {
  const regions = await client.region.findMany({ select: { code: true, name: true, level: true } });
  return new Map(regions.map((region) => [region.code, { name: region.name, level: region.level }]));
}

function shorten(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const TIME_LIMIT_PARTS: Record<string, string> = { limit: "Limit", unit: "Unit", note: "Note" };

/** A content path as the file names it: a CSV column (`promisedLimit`, `task_type`) or the JSON path. */
function fieldName(input: ImportInput, path: PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  if (head === undefined) return "_record";
  const table = input.format === "csv" || input.format === "xlsx";
  if (table && (head === "statutory" || head === "promised") && rest[0] && TIME_LIMIT_PARTS[rest[0]])
    return [`${head}${TIME_LIMIT_PARTS[rest[0]]}`, ...rest.slice(1)].join(".");
  return [input.fieldNames?.[head] ?? head, ...rest].join(".");
}

function valueAt(content: unknown, path: PropertyKey[]): unknown {
  let value: unknown = content;
  for (const key of path)
    value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function zodProblems(input: ImportInput, record: SourceRecord, error: z.ZodError): ImportProblem[] {
  const seen = new Set<string>();
  const problems: ImportProblem[] = [];
  for (const issue of error.issues) {
    const field = `${record.fieldPrefix ?? ""}${fieldName(input, issue.path)}`;
    if (seen.has(field)) continue;
    seen.add(field);
    const message = issue.message.startsWith(ADMIN_ERRORS) ? issue.message : `${E}.invalid`;
    const value = shorten(valueAt(record.content, issue.path));
    problems.push(
      value === undefined ? { row: record.row, field, message } : { row: record.row, field, message, value },
    );
  }
  return problems;
}

/** A column or field as the file names it, under the record's implementation when it has several. */
function fieldOf(input: ImportInput, record: SourceRecord, name: string): string {
  return `${record.fieldPrefix ?? ""}${input.fieldNames?.[name] ?? name}`;
}

/** Content compared by value: parsed again (defaults, trimming) and serialised with sorted keys. */
function sameContent(a: unknown, b: unknown): boolean {
  const left = GuideDraftContent.safeParse(a);
  const right = GuideDraftContent.safeParse(b);
  return left.success && right.success && canonicalJson(left.data) === canonicalJson(right.data);
}

type Checked = { record: SourceRecord; content: Parsed; publish: boolean };

/** Schema and file-level checks that need no database. */
function checkRecords(input: ImportInput, options: ImportOptions, problems: ImportProblem[]): Checked[] {
  const checked: Checked[] = [];
  const firstRowOf = new Map<string, number>();
  for (const record of input.records) {
    const before = problems.length;
    const field = (name: string) => fieldOf(input, record, name);
    if (!record.departmentCode)
      problems.push({ row: record.row, field: field("departmentCode"), message: `${E}.departmentMissing` });
    if (!record.catalogItemCode)
      problems.push({ row: record.row, field: field("catalogItemCode"), message: `${E}.catalogItemMissing` });
    else if (!/^[0-9A-Za-z-]{1,20}$/.test(record.catalogItemCode))
      problems.push({
        row: record.row,
        field: field("catalogItemCode"),
        message: `${E}.catalogItemCode`,
        value: shorten(record.catalogItemCode),
      });
    const parsed = GuideDraftContent.safeParse(record.content);
    if (!parsed.success) {
      problems.push(...zodProblems(input, record, parsed.error));
      continue;
    }
    const content = parsed.data;
    const code = content.implementationCode;
    const first = firstRowOf.get(code);
    if (first !== undefined)
      problems.push({
        row: record.row,
        field: field("implementationCode"),
        message: `${E}.duplicateCode`,
        value: `${code} (${first})`,
      });
    else firstRowOf.set(code, record.row);
    const publish = options.publish && record.status === "PUBLISHED";
    if (publish && !input.listingOnly) {
      const complete = GuideContent.safeParse(content);
      if (!complete.success) problems.push(...zodProblems(input, record, complete.error));
      else if (content.form !== null) {
        const result = validateFormDefinition(content.form, {
          materialCodes: content.materials.map((material) => material.code),
        });
        if (!result.ok)
          for (const problem of result.problems.slice(0, 20))
            problems.push({
              row: record.row,
              field: field(problem.path ? `form.${problem.path}` : "form"),
              message: problem.key,
            });
      }
    }
    if (problems.length === before) checked.push({ record, content, publish });
  }
  return checked;
}

type Existing = {
  id: string;
  departmentId: string;
  catalogItemId: string;
  status: string;
  version: number;
  open: { id: string; number: number; status: string; content: unknown } | null;
  published: { id: string; number: number; content: unknown } | null;
  highest: number;
};

async function loadExisting(tx: Tx, codes: string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  for (let start = 0; start < codes.length; start += BATCH) {
    const items = await tx.serviceItem.findMany({
      where: { implementationCode: { in: codes.slice(start, start + BATCH) } },
      select: {
        id: true,
        implementationCode: true,
        departmentId: true,
        catalogItemId: true,
        status: true,
        version: true,
        versions: {
          where: { status: { in: ["DRAFT", "IN_REVIEW", "PUBLISHED"] } },
          select: { id: true, number: true, status: true, content: true },
        },
      },
    });
    const highest = await tx.itemVersion.groupBy({
      by: ["serviceItemId"],
      where: { serviceItemId: { in: items.map((item) => item.id) } },
      _max: { number: true },
    });
    const highestOf = new Map(highest.map((row) => [row.serviceItemId, row._max.number ?? 0]));
    for (const item of items) {
      const open =
        item.versions.find((version) => version.status === "DRAFT" || version.status === "IN_REVIEW") ?? null;
      const published = item.versions.find((version) => version.status === "PUBLISHED") ?? null;
      found.set(item.implementationCode, { ...item, open, published, highest: highestOf.get(item.id) ?? 0 });
    }
  }
  return found;
}

type Plan = {
  departmentsToCreate: { id: string; code: string; name: string; regionCode: string }[];
  themesToCreate: { code: string; name: string; audience: "PERSONAL" | "CORPORATE" }[];
  catalogItemsToCreate: Prisma.CatalogItemCreateManyInput[];
  create: { checked: Checked; departmentId: string; regionCode: string; catalogItemId: string }[];
  /** A changed item: its open draft is updated, or a new draft version started. */
  update: { checked: Checked; existing: Existing }[];
  /** Unchanged content whose version still has to go live. */
  publishOnly: { checked: Checked; existing: Existing; versionId: string }[];
  unchanged: number;
};

/** Matches and checks against the database; collects problems; writes nothing. */
async function plan(
  tx: Tx,
  input: ImportInput,
  checked: Checked[],
  problems: ImportProblem[],
  newId: IdSource,
): Promise<Plan> {
  const result: Plan = {
    departmentsToCreate: [],
    themesToCreate: [],
    catalogItemsToCreate: [],
    create: [],
    update: [],
    publishOnly: [],
    unchanged: 0,
  };

  // Departments the data names: matched by name in their region, then by code; otherwise created.
  const departmentByCode = new Map<string, { id: string; regionCode: string }>();
  const codeAlias = new Map<string, string>();
  if (input.departments.length > 0) {
    const regionCodes = [...new Set(input.departments.map((spec) => spec.regionCode))];
    const inRegions = await tx.department.findMany({
      where: { regionCode: { in: regionCodes } },
      select: { id: true, code: true, name: true, regionCode: true },
    });
    const byCode = await tx.department.findMany({
      where: { code: { in: input.departments.map((spec) => spec.code) } },
      select: { id: true, code: true, name: true, regionCode: true },
    });
    const regions = new Set(
      (await tx.region.findMany({ where: { code: { in: regionCodes } }, select: { code: true } })).map(
        (region) => region.code,
      ),
    );
    for (const spec of input.departments) {
      const names = [spec.name, ...spec.aliases];
      const match =
        inRegions.find((department) => department.regionCode === spec.regionCode && names.includes(department.name)) ??
        byCode.find((department) => department.code === spec.code);
      if (match) {
        codeAlias.set(spec.code, match.code);
        departmentByCode.set(match.code, match);
      } else if (regions.has(spec.regionCode)) {
        const id = newId("department", spec.code);
        result.departmentsToCreate.push({ id, code: spec.code, name: spec.name, regionCode: spec.regionCode });
        departmentByCode.set(spec.code, { id, regionCode: spec.regionCode });
      }
    }
  }
  const wanted = [
    ...new Set(checked.map(({ record }) => codeAlias.get(record.departmentCode) ?? record.departmentCode)),
  ].filter((code) => !departmentByCode.has(code));
  for (const department of await tx.department.findMany({
    where: { code: { in: wanted } },
    select: { id: true, code: true, regionCode: true },
  }))
    departmentByCode.set(department.code, department);

  // Themes: matched by name, else created under the data's slug (or a free variant of it).
  const themeAlias = new Map<string, string>();
  if (input.themes.length > 0) {
    const existing = await tx.theme.findMany({ select: { code: true, name: true } });
    const taken = new Set(existing.map((theme) => theme.code));
    for (const spec of input.themes) {
      const match = existing.find((theme) => theme.name === spec.name);
      if (match) {
        themeAlias.set(spec.code, match.code);
        continue;
      }
      let code = spec.code;
      for (let index = 0; taken.has(code); index += 1) code = `${spec.code.slice(0, 36)}-${letterSuffix(index)}`;
      taken.add(code);
      themeAlias.set(spec.code, code);
      result.themesToCreate.push({ code, name: spec.name, audience: spec.audience });
    }
  }
  const knownThemes = new Set([
    ...(await tx.theme.findMany({ select: { code: true } })).map((theme) => theme.code),
    ...result.themesToCreate.map((theme) => theme.code),
  ]);

  const catalogCodes = [...new Set(checked.map(({ record }) => record.catalogItemCode))];
  const catalogItems = new Map<string, { id: string }>();
  for (let start = 0; start < catalogCodes.length; start += BATCH)
    for (const item of await tx.catalogItem.findMany({
      where: { code: { in: catalogCodes.slice(start, start + BATCH) } },
      select: { id: true, code: true },
    }))
      catalogItems.set(item.code, item);

  const existing = await loadExisting(
    tx,
    checked.map(({ content }) => content.implementationCode),
  );

  const levelsOfNew = new Map<string, Set<number>>();
  for (const entry of checked) {
    const { record } = entry;
    const field = (name: string) => fieldOf(input, record, name);
    const before = problems.length;
    entry.content.themeCodes = entry.content.themeCodes.map((code) => themeAlias.get(code) ?? code);
    for (const code of entry.content.themeCodes)
      if (!knownThemes.has(code))
        problems.push({ row: record.row, field: field("themeCodes"), message: `${E}.unknownTheme`, value: code });
    const departmentCode = codeAlias.get(record.departmentCode) ?? record.departmentCode;
    const department = departmentByCode.get(departmentCode);
    if (!department) {
      if (record.departmentCode)
        problems.push({
          row: record.row,
          field: field("departmentCode"),
          message: `${E}.unknownDepartment`,
          value: record.departmentCode,
        });
    } else if (record.regionCode && record.regionCode !== department.regionCode) {
      problems.push({
        row: record.row,
        field: field("regionCode"),
        message: `${E}.regionMismatch`,
        value: record.regionCode,
      });
    }
    let catalogItem = catalogItems.get(record.catalogItemCode);
    if (!catalogItem) {
      catalogItem = { id: newId("catalogItem", record.catalogItemCode) };
      catalogItems.set(record.catalogItemCode, catalogItem);
      const levels = new Set<number>();
      levelsOfNew.set(record.catalogItemCode, levels);
      result.catalogItemsToCreate.push({
        id: catalogItem.id,
        code: record.catalogItemCode,
        name: record.catalogItemName || entry.content.name,
        nameEn: record.catalogItemNameEn || entry.content.nameEn,
        itemType: entry.content.itemType,
        exerciseLevels: [],
        audiences: entry.content.audiences,
      });
    }
    // A new catalogue item is exercised at every level its implementations in the file are.
    levelsOfNew.get(record.catalogItemCode)?.add(entry.content.exerciseLevel);
    const found = existing.get(entry.content.implementationCode);
    if (found && department && found.departmentId !== department.id)
      problems.push({
        row: record.row,
        field: field("departmentCode"),
        message: `${E}.departmentChanged`,
        value: record.departmentCode,
      });
    if (found && found.catalogItemId !== catalogItem.id)
      problems.push({
        row: record.row,
        field: field("catalogItemCode"),
        message: `${E}.catalogItemChanged`,
        value: record.catalogItemCode,
      });
    if (problems.length > before || !department) continue;

    if (!found) {
      result.create.push({
        checked: entry,
        departmentId: department.id,
        regionCode: department.regionCode,
        catalogItemId: catalogItem.id,
      });
      continue;
    }
    const current =
      found.open?.content ??
      found.published?.content ??
      (found.status === "DRAFT" ? null : await contentFromLive(tx, found.id));
    if (current !== null && sameContent(current, entry.content)) {
      // Same content: nothing to write, unless it waits in an open version that should now go live.
      if (entry.publish && found.open)
        result.publishOnly.push({ checked: entry, existing: found, versionId: found.open.id });
      else result.unchanged += 1;
      continue;
    }
    if (found.open?.status === "IN_REVIEW") {
      problems.push({
        row: record.row,
        field: field("implementationCode"),
        message: `${E}.inReview`,
        value: entry.content.implementationCode,
      });
      continue;
    }
    result.update.push({ checked: entry, existing: found });
  }
  for (const item of result.catalogItemsToCreate)
    item.exerciseLevels = [...(levelsOfNew.get(item.code) ?? [])].sort((a, b) => a - b);
  return result;
}

function summaryOf(
  input: ImportInput,
  result: Plan | null,
  problems: ImportProblem[],
  published: number,
): ImportSummary {
  return {
    total: input.records.length,
    created: result?.create.length ?? 0,
    updated: result?.update.length ?? 0,
    unchanged: result?.unchanged ?? 0,
    published,
    errors: problems.length,
    departmentsCreated: result?.departmentsToCreate.length ?? 0,
    themesCreated: result?.themesToCreate.length ?? 0,
    catalogItemsCreated: result?.catalogItemsToCreate.length ?? 0,
  };
}

/** Runs an import (or its dry run) against the client's database. Never throws for bad input: see the report. */
export async function importCatalogue(
  client: PrismaClient,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const problems: ImportProblem[] = [...input.problems];
  const checked = checkRecords(input, options, problems);
  progress("check", input.records.length, input.records.length);
  const toPublishCount = (result: Plan) =>
    [...result.create, ...result.update, ...result.publishOnly].filter(({ checked: entry }) => entry.publish).length;
  const report = (result: Plan | null, committed: boolean, published: number): ImportReport => ({
    format: input.format,
    dryRun: options.dryRun,
    publish: options.publish,
    committed,
    summary: summaryOf(input, result, problems, published),
    problems: [...problems].sort((a, b) => a.row - b.row),
    milliseconds: Math.round(performance.now() - started),
  });

  let outcome: ImportReport | null = null;
  await client.$transaction(
    async (tx) => {
      const result = await plan(tx, input, checked, problems, options.newId ?? randomIds);
      if (problems.length > 0 || options.dryRun) {
        outcome = report(result, false, problems.length > 0 ? 0 : toPublishCount(result));
        return;
      }
      const published = await write(tx, input, options, result, progress);
      outcome = report(result, true, published);
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  const final: ImportReport = outcome ?? report(null, false, 0);
  // What the public pages show changed (the command-line importer too: it writes the store every instance follows).
  if (final.committed) await invalidatePublicContent([PUBLIC_TAGS.catalogue]);
  return final;
}

async function write(
  tx: Tx,
  input: ImportInput,
  options: ImportOptions,
  result: Plan,
  progress: ProgressListener,
): Promise<number> {
  const actorId = options.actor?.userId ?? null;
  const newId = options.newId ?? randomIds;
  const total = result.create.length + result.update.length;
  let done = 0;
  progress("write", 0, total);

  if (result.departmentsToCreate.length > 0)
    await tx.department.createMany({
      data: result.departmentsToCreate.map((department) => ({ ...department, nameEn: "", kind: "imported" })),
    });
  if (result.themesToCreate.length > 0)
    await tx.theme.createMany({ data: result.themesToCreate.map((theme) => ({ ...theme, nameEn: "" })) });
  for (let start = 0; start < result.catalogItemsToCreate.length; start += BATCH)
    await tx.catalogItem.createMany({ data: result.catalogItemsToCreate.slice(start, start + BATCH) });

  const newToPublish: NewItem[] = [];
  const toPublish: { serviceItemId: string; versionId: string; implementationCode: string }[] = [];
  for (let start = 0; start < result.create.length; start += BATCH) {
    const batch = result.create.slice(start, start + BATCH).map((entry) => ({
      ...entry,
      id: newId("serviceItem", entry.checked.content.implementationCode),
      versionId: newId("itemVersion", entry.checked.content.implementationCode, "1"),
    }));
    await tx.serviceItem.createMany({
      data: batch.map(({ id, checked: { content }, departmentId, regionCode, catalogItemId }) => ({
        id,
        catalogItemId,
        departmentId,
        regionCode,
        status: "DRAFT" as const,
        version: 0,
        ...projectionColumns(content),
      })),
    });
    await tx.itemVersion.createMany({
      data: batch.map(({ id, versionId, checked: { content } }) => ({
        id: versionId,
        serviceItemId: id,
        number: 1,
        status: "DRAFT" as const,
        content: content as Prisma.InputJsonValue,
        summary: "import",
        createdById: actorId,
        updatedById: actorId,
      })),
    });
    for (const entry of batch)
      if (entry.checked.publish)
        newToPublish.push({ serviceItemId: entry.id, versionId: entry.versionId, content: entry.checked.content });
    done += batch.length;
    progress("write", done, total);
  }

  if (result.update.length > 0) {
    const ids = result.update.map(({ existing }) => existing.id);
    await tx.$queryRaw`SELECT id FROM service_item WHERE id = ANY(${ids}::uuid[]) FOR UPDATE`;
  }
  for (const { checked: entry, existing } of result.update) {
    const content = entry.content as Prisma.InputJsonValue;
    let versionId: string;
    if (existing.open) {
      versionId = existing.open.id;
      await tx.itemVersion.update({
        where: { id: versionId },
        data: { content, revision: { increment: 1 }, summary: "import", updatedById: actorId, updatedAt: new Date() },
      });
    } else {
      let highest = existing.highest;
      let baseNumber = existing.published?.number ?? null;
      if (!existing.published && existing.status !== "DRAFT") {
        // Live since before versioning: its guide becomes the baseline, as the editor would do.
        highest = Math.max(existing.version, highest + 1);
        baseNumber = highest;
        await tx.itemVersion.create({
          data: {
            serviceItemId: existing.id,
            number: highest,
            status: "PUBLISHED",
            content: (await contentFromLive(tx, existing.id)) as Prisma.InputJsonValue,
            summary: "baseline",
            publishedAt: new Date(),
          },
        });
      }
      const created = await tx.itemVersion.create({
        data: {
          serviceItemId: existing.id,
          number: highest + 1,
          status: "DRAFT",
          baseNumber,
          content,
          summary: "import",
          createdById: actorId,
          updatedById: actorId,
        },
        select: { id: true },
      });
      versionId = created.id;
    }
    // A never-published item shows its draft's name and codes in admin lists.
    if (existing.status === "DRAFT")
      await tx.serviceItem.update({ where: { id: existing.id }, data: projectionColumns(entry.content) });
    if (entry.publish)
      toPublish.push({ serviceItemId: existing.id, versionId, implementationCode: entry.content.implementationCode });
    done += 1;
    if (done % 50 === 0) progress("write", done, total);
  }
  for (const { existing, versionId, checked: entry } of result.publishOnly) {
    // Never published (drafts of an earlier import): no child rows to replace, so the bulk path applies.
    if (existing.status === "DRAFT" && existing.open)
      newToPublish.push({
        serviceItemId: existing.id,
        versionId,
        content: entry.content,
        number: existing.open.number,
        refresh: true,
      });
    else
      toPublish.push({ serviceItemId: existing.id, versionId, implementationCode: entry.content.implementationCode });
  }
  progress("write", total, total);

  const publishedTotal = newToPublish.length + toPublish.length;
  progress("publish", 0, publishedTotal);
  if (newToPublish.length > 0) {
    if (!input.listingOnly) for (const item of newToPublish) GuideContent.parse(item.content); // checked before; a guard, not a path
    await goLiveNewItems(tx, newToPublish, actorId, newId);
    progress("publish", newToPublish.length, publishedTotal);
  }
  for (const [index, item] of toPublish.entries()) {
    await publishWithoutReview(tx, {
      serviceItemId: item.serviceItemId,
      versionId: item.versionId,
      actor: options.actor,
      complete: !input.listingOnly,
    });
    if ((index + 1) % 25 === 0 || index + 1 === toPublish.length)
      progress("publish", newToPublish.length + index + 1, publishedTotal);
  }
  if (newToPublish.length > 0) {
    progress("index", 0, 1);
    await rebuildSearchIndex(tx);
    progress("index", 1, 1);
  }

  const summary = summaryOf(input, result, [], publishedTotal);
  // A run that changes nothing (the same file again) leaves no trace, not even an audit entry.
  if (
    total +
      publishedTotal +
      result.departmentsToCreate.length +
      result.themesToCreate.length +
      result.catalogItemsToCreate.length ===
    0
  )
    return 0;
  await recordAudit(tx, {
    actor: options.actor ? { userId: options.actor.userId, role: options.actor.role } : null,
    action: "catalogue.import",
    objectType: "CatalogueImport",
    objectId: options.source.sha256,
    before: null,
    after: {
      ...summary,
      format: input.format,
      publish: options.publish,
      file: options.source.fileName,
      sha256: options.source.sha256,
      via: options.source.via,
      operator: options.operator ?? null,
      departments: result.departmentsToCreate.map((department) => department.code),
      themes: result.themesToCreate.map((theme) => theme.code),
      // One entry for the run names every item it published (a per-item entry each took longer than the import).
      publishedItems: [
        ...newToPublish.map(({ serviceItemId, content }) => ({ id: serviceItemId, code: content.implementationCode })),
        ...toPublish.map((item) => ({ id: item.serviceItemId, code: item.implementationCode })),
      ],
    },
    ip: options.ip ?? null,
  });
  return publishedTotal;
}

/** Reads a file (any supported format) and imports it: what the command line and the admin page call. */
export async function importCatalogueFile(
  client: PrismaClient,
  bytes: Uint8Array,
  options: Omit<ImportOptions, "source"> & { fileName: string | null; format?: ImportFormat; via: "cli" | "admin" },
): Promise<ImportReport> {
  const regions = await loadRegions(client);
  options.onProgress?.("read", 0, 1);
  const input = await readImportFile(bytes, {
    format: options.format,
    fileName: options.fileName ?? undefined,
    regions,
  });
  options.onProgress?.("read", 1, 1);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return importCatalogue(client, input, {
    ...options,
    source: { fileName: options.fileName, sha256, via: options.via },
  });
}
