import "server-only";
import { type Actor, can } from "../auth/policy";
import { FormDefinition } from "../forms/definition";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";

/**
 * Who the applicant is, and what of a stored version an application needs. Ownership is always read from the
 * stored row and decided by lib/auth/policy.ts (`application.own`, `case.view`; for lists, `applicantScope`); an id
 * that is unknown and an id that belongs to someone else give the same NOT_FOUND, so ids cannot be probed.
 */

export type Tx = Prisma.TransactionClient;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function notFound(): AppError {
  return new AppError("NOT_FOUND", "applications.errors.notFound");
}

type OwnedRow = { applicantUserId: string; applicantCompanyId: string | null; serviceItemId?: string };

export function applicationResource(row: OwnedRow) {
  return {
    kind: "application" as const,
    applicantUserId: row.applicantUserId,
    applicantCompanyId: row.applicantCompanyId,
    serviceItemId: row.serviceItemId,
  };
}

/** Throws NOT_FOUND unless the actor owns the application. */
export function assertOwnsApplication(actor: Actor, row: OwnedRow | null | undefined): asserts row {
  if (!row || !can(actor, "application.own", applicationResource(row))) throw notFound();
}

/** Locks an application row for the rest of the transaction; NOT_FOUND for malformed, unknown and others' ids. */
export async function lockApplication(tx: Tx, actor: Actor, applicationId: string) {
  if (!UUID.test(applicationId)) throw notFound();
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM application WHERE id = ${applicationId}::uuid FOR UPDATE`;
  if (!rows[0]) throw notFound();
  const row = await tx.application.findUnique({ where: { id: applicationId } });
  assertOwnsApplication(actor, row);
  return row;
}

export type VersionMaterial = {
  code: string;
  name: string;
  necessity: "REQUIRED" | "OPTIONAL" | "DEFERRABLE";
  condition: string | null;
  source: "APPLICANT" | "DEPARTMENT" | "LICENCE" | "OTHER";
  sourceNote: string | null;
  licenceTypeCode: string | null;
  fillingNotes: string | null;
  blankFormFileId: string | null;
  sampleFileId: string | null;
};

export type VersionFacts = {
  definition: FormDefinition;
  materials: VersionMaterial[];
  situations: { name: string; description: string | null; materialCodes: string[] }[];
  promised: { limit: number; unit: "WORKING_DAY" | "CALENDAR_DAY" | "HOUR" | "MONTH" } | null;
};

/** What an application needs from the stored content of the version it is filled in for. */
export function versionFacts(content: unknown): VersionFacts {
  const record = (content ?? {}) as Record<string, unknown>;
  const definition = FormDefinition.safeParse(record.form);
  if (!definition.success) throw new AppError("UNPROCESSABLE", "applications.errors.noOnlineForm");
  const list = (value: unknown) => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);
  const text = (value: unknown) => (typeof value === "string" && value ? value : null);
  const materials = list(record.materials).map((material): VersionMaterial => ({
    code: String(material.code ?? ""),
    name: String(material.name ?? ""),
    necessity: (["REQUIRED", "OPTIONAL", "DEFERRABLE"].includes(String(material.necessity))
      ? material.necessity
      : "OPTIONAL") as VersionMaterial["necessity"],
    condition: text(material.condition),
    source: (["APPLICANT", "DEPARTMENT", "LICENCE", "OTHER"].includes(String(material.source))
      ? material.source
      : "APPLICANT") as VersionMaterial["source"],
    sourceNote: text(material.sourceNote),
    licenceTypeCode: text(material.licenceTypeCode),
    fillingNotes: text(material.fillingNotes),
    blankFormFileId: text(material.blankFormFileId),
    sampleFileId: text(material.sampleFileId),
  }));
  const situations = list(record.situations).map((situation) => ({
    name: String(situation.name ?? ""),
    description: text(situation.description),
    materialCodes: Array.isArray(situation.materialCodes) ? situation.materialCodes.map(String) : [],
  }));
  const promisedRaw = record.promised as { limit?: unknown; unit?: unknown } | undefined;
  const promised =
    promisedRaw && typeof promisedRaw.limit === "number" && typeof promisedRaw.unit === "string"
      ? ({ limit: promisedRaw.limit, unit: promisedRaw.unit } as VersionFacts["promised"])
      : null;
  return { definition: definition.data, materials, situations, promised };
}

/** Top-level file fields of a definition, by material code (a material has at most one field in practice). */
export function fileFieldsByMaterial(definition: FormDefinition): Map<string, string> {
  const map = new Map<string, string>();
  for (const step of definition.steps)
    for (const field of step.fields)
      if (field.type === "file" && !map.has(field.materialCode)) map.set(field.materialCode, field.key);
  return map;
}
