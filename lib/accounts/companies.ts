import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, assertRecentSecondFactor, can } from "../auth/policy";
import { chinaToday, dateColumnToIso, isoToDateColumn } from "../calendar/china-time";
import { type Db, db } from "../db/client";
import type { CompanyRegistryEntry, Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { isMainlandMobile, normalisePhone } from "../identity/phone";
import { checkIdNumber, normaliseIdNumber } from "../identity/id-number";
import { nameText, text } from "../validation/text";
import { isFileRejected } from "../files/errors";
import { storeUpload } from "../files/store";
import { whereIdNumber, wherePhone } from "./identity-fields";
import { creditCode } from "./schemas";

/**
 * Who acts for a company, on whose authority (统一身份认证: a legal person's account, whose legal representative
 * authorises agents, 经办人).
 *
 * - A company exists on the platform once its legal representative was verified: they ask online, then show the
 *   business licence and their ID card at a service counter; one administrator checks the request against the
 *   business registry (company_registry: the representative's name and ID number must match), a second one decides
 *   (four eyes). Approval creates the company (or finds it by credit code) and the representative's authorisation.
 *   Signing in through the unified identity provider as the company's legal representative (legal-person claims,
 *   lib/auth/oidc.ts) is the other proof; both end in establishCompany, after the same registry match.
 * - The representative, or someone they let do so, authorises agents: all items or listed ones, from and until
 *   dates. The agent accepts by signing in. Revoking takes effect on the next request.
 * - Access comes only from here: `companyAccess` gives the actor's company and scope from an ACTIVE authorisation
 *   valid today (China time); lib/auth/policy.ts checks resources against it. Typing a credit code grants nothing.
 * Every request, check, decision, grant, acceptance and revocation is audited; the company sees its authorisations.
 */

export type CompanyAccess = { companyId: string; serviceItemIds: string[] | null; mayAuthorise: boolean };

/** The ACTIVE authorisations valid today, one per company (the representative's first, then the newest accepted). */
async function validAuthorisations(userId: string, now: Date) {
  const today = isoToDateColumn(chinaToday(now));
  const rows = await db().companyAuthorisation.findMany({
    where: {
      userId,
      status: "ACTIVE",
      validFrom: { lte: today },
      OR: [{ validUntil: null }, { validUntil: { gte: today } }],
    },
    orderBy: [{ representative: "desc" }, { acceptedAt: "desc" }],
    select: {
      companyId: true,
      serviceItemIds: true,
      mayAuthorise: true,
      company: { select: { name: true, creditCode: true } },
    },
  });
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.companyId) && seen.add(row.companyId));
}

/**
 * The company a person acts for today, or null: the one chosen for this session (`preferredCompanyId`, 切换办事企业)
 * while an authorisation for it is valid, else the default one.
 */
export async function companyAccess(
  userId: string,
  now = new Date(),
  preferredCompanyId: string | null = null,
): Promise<CompanyAccess | null> {
  const rows = await validAuthorisations(userId, now);
  const row = rows.find((candidate) => candidate.companyId === preferredCompanyId) ?? rows[0];
  if (!row) return null;
  return {
    companyId: row.companyId,
    serviceItemIds: row.serviceItemIds.length > 0 ? row.serviceItemIds : null,
    mayAuthorise: row.mayAuthorise,
  };
}

/** The companies an agent may act for today, for choosing one (切换办事企业); the current one marked. */
export async function companiesToActFor(actor: Actor, now = new Date()) {
  if (!can(actor, "company.switch")) return [];
  const rows = await validAuthorisations(actor.userId, now);
  return rows.map((row) => ({
    companyId: row.companyId,
    name: row.company.name,
    creditCode: row.company.creditCode,
    current: row.companyId === actor.companyId,
  }));
}

export const SwitchCompanyInput = z.object({ companyId: z.uuid({ message: "companies.errors.switchNotAuthorised" }) });

/**
 * An agent authorised by several companies chooses which one this session acts for; every request after it acts
 * for that company (lib/auth/session.ts), until they choose again, sign out, or the authorisation ends. Audited.
 */
export async function switchCompany(
  actor: Actor | null,
  input: unknown,
  { sessionId, ip, now = new Date() }: { sessionId: string; ip: string | null; now?: Date },
): Promise<void> {
  assertCan(actor, "company.switch");
  const parsed = SwitchCompanyInput.safeParse(input);
  const companies = await validAuthorisations(actor.userId, now);
  const chosen = parsed.success ? companies.find((row) => row.companyId === parsed.data.companyId) : undefined;
  if (!chosen) throw validation({ companyId: "companies.errors.switchNotAuthorised" });
  await db().$transaction(async (tx) => {
    const updated = await tx.userSession.updateMany({
      where: { id: sessionId, userId: actor.userId, revokedAt: null },
      data: { actingCompanyId: chosen.companyId },
    });
    if (updated.count !== 1) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "company.switch",
      objectType: "Company",
      objectId: chosen.companyId,
      before: { companyId: actor.companyId },
      after: { companyId: chosen.companyId },
      ip,
    });
  });
}

function validation(fieldErrors: Record<string, string>): AppError {
  return new AppError("VALIDATION", "errors.form", { fieldErrors });
}

function firstErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return fieldErrors;
}

// ───────────────────────────── Verification (four eyes) ─────────────────────────────

export const CompanyVerificationRequest = z.object({
  creditCode,
  companyName: nameText().min(2, "errors.required").max(100, "errors.tooLong"),
});

/** Scans a representative may upload with the request: the business licence and their own ID card. */
export const EVIDENCE_KINDS = ["businessLicence", "idCard"] as const;
export type EvidenceUpload = { kind: (typeof EVIDENCE_KINDS)[number]; name: string; bytes: Buffer };

/**
 * The representative asks for their company to be verified; one open request per person. Scans of the business
 * licence and their ID card may come with it (stored as COMPANY_EVIDENCE, readable by them and the reviewers, every
 * reviewer's download in the read log); without them the originals are shown at a counter. A scan that cannot be
 * stored is a field error of its own, and nothing is requested.
 */
export async function requestCompanyVerification(
  actor: Actor | null,
  input: unknown,
  { ip, evidence = [] }: { ip: string | null; evidence?: readonly EvidenceUpload[] },
): Promise<{ id: string }> {
  assertCan(actor, "company.verification.request");
  const parsed = CompanyVerificationRequest.safeParse(input);
  if (!parsed.success) throw validation(firstErrors(parsed.error.issues));
  const open = await db().companyVerification.findFirst({
    where: { requesterId: actor.userId, status: { in: ["SUBMITTED", "CHECKED"] } },
    select: { id: true },
  });
  if (open) throw new AppError("CONFLICT", "companies.errors.requestOpen");
  const stored: { kind: EvidenceUpload["kind"]; fileId: string }[] = [];
  const rejected: Record<string, string> = {};
  for (const upload of evidence
    .filter((candidate) => (EVIDENCE_KINDS as readonly string[]).includes(candidate.kind))
    .slice(0, EVIDENCE_KINDS.length)) {
    try {
      stored.push({
        kind: upload.kind,
        fileId: (await storeUpload({ actor, purpose: "COMPANY_EVIDENCE", name: upload.name, bytes: upload.bytes, ip }))
          .fileId,
      });
    } catch (error) {
      if (!isFileRejected(error)) throw error;
      rejected[upload.kind] = "companies.errors.evidenceRejected";
    }
  }
  if (Object.keys(rejected).length > 0) throw validation(rejected);
  return db().$transaction(async (tx) => {
    const row = await tx.companyVerification.create({
      data: { requesterId: actor.userId, ...parsed.data, evidence: stored },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "company.verification.request",
      objectType: "CompanyVerification",
      objectId: row.id,
      after: { ...parsed.data, evidence: stored },
      ip,
    });
    return row;
  });
}

/** The evidence files of a request, for its reviewers (names and sizes; the files themselves through /files/{id}). */
export async function evidenceOf(request: { evidence: Prisma.JsonValue }) {
  const entries = (Array.isArray(request.evidence) ? request.evidence : []).flatMap((entry) => {
    const value = entry as { kind?: unknown; fileId?: unknown } | null;
    return value && typeof value.fileId === "string" && (EVIDENCE_KINDS as readonly unknown[]).includes(value.kind)
      ? [{ kind: value.kind as EvidenceUpload["kind"], fileId: value.fileId }]
      : [];
  });
  if (entries.length === 0) return [];
  const files = await db().storedFile.findMany({
    where: { id: { in: entries.map((entry) => entry.fileId) }, purpose: "COMPANY_EVIDENCE" },
    select: { id: true, originalName: true, size: true },
  });
  return entries.flatMap((entry) =>
    files
      .filter((file) => file.id === entry.fileId)
      .map((file) => ({ kind: entry.kind, fileId: file.id, name: file.originalName, size: file.size })),
  );
}

/** What a reviewer needs to decide: the request, the registry record and whether they match. */
export async function verificationForReview(actor: Actor | null, id: string) {
  assertCan(actor, "company.verification.review");
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND", "companies.errors.notFound");
  const request = await db().companyVerification.findUnique({ where: { id } });
  if (!request) throw new AppError("NOT_FOUND", "companies.errors.notFound");
  const requester = await db().user.findUnique({
    where: { id: request.requesterId },
    select: { realName: true, idNumberHash: true, assuranceLevel: true },
  });
  const registry = await db().companyRegistryEntry.findUnique({ where: { creditCode: request.creditCode } });
  const problems = registryMatchProblems(registry, {
    name: requester?.realName ?? null,
    idNumberHash: requester?.idNumberHash ?? null,
  });
  return { request, requesterName: requester?.realName ?? "", registry, problems, evidence: await evidenceOf(request) };
}

export type RegistryMatchProblem =
  "companies.match.notInRegistry" | "companies.match.inactive" | "companies.match.name" | "companies.match.idNumber";

/**
 * Why a person is not the registered legal representative of a company (empty: they are): the company must be in
 * the registry and still exist, and both name and ID number must be the representative's. The one rule for both
 * ways a company is established: the counter review here, and the legal-person sign-in (lib/auth/oidc.ts).
 */
export function registryMatchProblems(
  registry: Pick<CompanyRegistryEntry, "active" | "legalRepresentativeName" | "legalRepresentativeIdHash"> | null,
  person: { name: string | null; idNumberHash: string | null },
): RegistryMatchProblem[] {
  if (!registry) return ["companies.match.notInRegistry"];
  const problems: RegistryMatchProblem[] = [];
  if (!registry.active) problems.push("companies.match.inactive");
  if (!person.name || registry.legalRepresentativeName !== person.name) problems.push("companies.match.name");
  if (!person.idNumberHash || registry.legalRepresentativeIdHash !== person.idNumberHash)
    problems.push("companies.match.idNumber");
  return problems;
}

export const VerificationDecision = z.object({
  id: z.uuid("companies.errors.notFound"),
  approve: z.boolean(),
  note: text({ multiline: true }).max(500, "errors.tooLong").optional(),
});

/**
 * First step: an administrator checks the request against the registry and the documents seen at the counter and
 * passes it on (CHECKED) or rejects it. A request that does not match the registry can only be rejected.
 */
export async function checkCompanyVerification(
  actor: Actor | null,
  input: unknown,
  { ip }: { ip: string | null },
): Promise<void> {
  assertCan(actor, "company.verification.review");
  assertRecentSecondFactor(actor);
  const parsed = VerificationDecision.safeParse(input);
  if (!parsed.success) throw validation(firstErrors(parsed.error.issues));
  const { id, approve, note } = parsed.data;
  const review = await verificationForReview(actor, id);
  if (review.request.status !== "SUBMITTED") throw new AppError("CONFLICT", "companies.errors.notOpen");
  if (approve && review.problems.length > 0) throw new AppError("UNPROCESSABLE", "companies.errors.noMatch");
  if (!approve && !note) throw validation({ note: "companies.errors.reasonRequired" });
  await db().$transaction(async (tx) => {
    const { count } = await tx.companyVerification.updateMany({
      where: { id, status: "SUBMITTED" },
      data: approve
        ? { status: "CHECKED", checkedById: actor.userId, checkedAt: new Date(), checkNote: note ?? null }
        : {
            status: "REJECTED",
            checkedById: actor.userId,
            checkedAt: new Date(),
            decidedById: actor.userId,
            decidedAt: new Date(),
            reason: note ?? null,
          },
    });
    if (count !== 1) throw new AppError("CONFLICT", "companies.errors.notOpen");
    await recordAudit(tx, {
      actor,
      action: approve ? "company.verification.check" : "company.verification.reject",
      objectType: "CompanyVerification",
      objectId: id,
      after: { note: note ?? null },
      ip,
    });
  });
}

/**
 * Second step: another administrator approves (the company and the representative's authorisation come into
 * being; an earlier representative's authorisation ends) or rejects with a reason.
 */
export async function decideCompanyVerification(
  actor: Actor | null,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
): Promise<{ companyId: string | null }> {
  assertCan(actor, "company.verification.review");
  assertRecentSecondFactor(actor, now);
  const parsed = VerificationDecision.safeParse(input);
  if (!parsed.success) throw validation(firstErrors(parsed.error.issues));
  const { id, approve, note } = parsed.data;
  const review = await verificationForReview(actor, id);
  const { request, registry } = review;
  if (request.status !== "CHECKED") throw new AppError("CONFLICT", "companies.errors.notOpen");
  if (request.checkedById === actor.userId) throw new AppError("FORBIDDEN", "companies.errors.fourEyes");
  if (!approve && !note) throw validation({ note: "companies.errors.reasonRequired" });
  if (approve && (review.problems.length > 0 || !registry))
    throw new AppError("UNPROCESSABLE", "companies.errors.noMatch");
  return db().$transaction(async (tx) => {
    const { count } = await tx.companyVerification.updateMany({
      where: { id, status: "CHECKED" },
      data: {
        status: approve ? "APPROVED" : "REJECTED",
        decidedById: actor.userId,
        decidedAt: now,
        reason: note ?? null,
      },
    });
    if (count !== 1) throw new AppError("CONFLICT", "companies.errors.notOpen");
    if (!approve || !registry) {
      await recordAudit(tx, {
        actor,
        action: "company.verification.reject",
        objectType: "CompanyVerification",
        objectId: id,
        after: { note: note ?? null },
        ip,
      });
      return { companyId: null };
    }
    const established = await establishCompany(tx, {
      registry,
      representativeId: request.requesterId,
      decidedById: actor.userId,
      now,
    });
    await tx.companyVerification.update({ where: { id }, data: { companyId: established.companyId } });
    await recordAudit(tx, {
      actor,
      action: "company.verification.approve",
      objectType: "CompanyVerification",
      objectId: id,
      after: {
        companyId: established.companyId,
        authorisationId: established.authorisationId,
        replaced: established.replaced,
        checkedBy: request.checkedById,
      },
      ip,
    });
    return { companyId: established.companyId };
  });
}

/** `created`: the representative's authorisation is new; `replaced`: earlier representatives' authorisations ended. */
export type EstablishedCompany = { companyId: string; authorisationId: string; created: boolean; replaced: number };

/**
 * Establishes a company on the platform for its proven legal representative: the company (found by credit code, or
 * created from the registry record, whose name and representative it then carries) and the representative's ACTIVE
 * authorisation (all items, may authorise others, from today, no end date). An earlier representative's
 * authorisation ends, since a change of legal representative is registered at the regulator. A representative who
 * already holds theirs keeps it: a second proof adds no second authorisation.
 *
 * The caller has proven that `representativeId` is the registry's representative (registryMatchProblems) and records
 * the audit entry in the same transaction: two administrators at the counter (decideCompanyVerification), or the
 * unified identity provider's legal-person sign-in (lib/auth/oidc.ts; `decidedById` null, no person decided).
 */
export async function establishCompany(
  tx: Prisma.TransactionClient,
  {
    registry,
    representativeId,
    decidedById,
    now,
  }: {
    registry: Pick<CompanyRegistryEntry, "creditCode" | "name" | "legalRepresentativeName">;
    representativeId: string;
    decidedById: string | null;
    now: Date;
  },
): Promise<EstablishedCompany> {
  const company = await tx.company.upsert({
    where: { creditCode: registry.creditCode },
    update: { name: registry.name, legalRepresentative: registry.legalRepresentativeName },
    create: {
      creditCode: registry.creditCode,
      name: registry.name,
      legalRepresentative: registry.legalRepresentativeName,
    },
    select: { id: true },
  });
  const { count: replaced } = await tx.companyAuthorisation.updateMany({
    where: {
      companyId: company.id,
      representative: true,
      status: { in: ["ACTIVE", "OFFERED"] },
      userId: { not: representativeId },
    },
    data: { status: "REVOKED", revokedAt: now, revokedById: decidedById },
  });
  const today = isoToDateColumn(chinaToday(now));
  const held = await tx.companyAuthorisation.findFirst({
    where: {
      companyId: company.id,
      userId: representativeId,
      representative: true,
      status: "ACTIVE",
      validFrom: { lte: today },
      validUntil: null,
    },
    select: { id: true },
  });
  if (held) return { companyId: company.id, authorisationId: held.id, created: false, replaced };
  const authorisation = await tx.companyAuthorisation.create({
    data: {
      companyId: company.id,
      userId: representativeId,
      representative: true,
      mayAuthorise: true,
      serviceItemIds: [],
      validFrom: today,
      status: "ACTIVE",
      grantedById: decidedById,
      acceptedAt: now,
    },
    select: { id: true },
  });
  return { companyId: company.id, authorisationId: authorisation.id, created: true, replaced };
}

export async function verificationQueue(actor: Actor | null) {
  assertCan(actor, "company.verification.review");
  return db().companyVerification.findMany({
    where: { status: { in: ["SUBMITTED", "CHECKED"] } },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
}

export async function myVerificationRequests(actor: Actor) {
  return db().companyVerification.findMany({
    where: { requesterId: actor.userId },
    orderBy: { createdAt: "desc" },
    take: 10,
  });
}

// ───────────────────────────── Authorisations ─────────────────────────────

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "companies.errors.date");

export const AgentAuthorisation = z
  .object({
    /** The agent's account: their mobile number or ID number. */
    agent: text().min(1, "errors.required").max(32, "errors.tooLong"),
    /** Item codes (one per line or comma-separated); empty: all items. */
    itemCodes: text({ multiline: true }).max(2000, "errors.tooLong").default(""),
    validFrom: isoDate,
    validUntil: z.union([isoDate, z.literal("")]).default(""),
    mayAuthorise: z.boolean().default(false),
  })
  .superRefine((input, ctx) => {
    if (input.validUntil && input.validUntil < input.validFrom)
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "companies.errors.untilBeforeFrom" });
  });

async function findAgent(tx: Pick<Db, "user">, agent: string) {
  const trimmed = agent.trim();
  const where = isMainlandMobile(trimmed)
    ? wherePhone(normalisePhone(trimmed))
    : checkIdNumber(trimmed) === null
      ? whereIdNumber(normaliseIdNumber(trimmed))
      : null;
  if (!where) return null;
  return tx.user.findFirst({ where: { ...where, role: "COMPANY_AGENT", status: "ACTIVE" }, select: { id: true } });
}

/** Offers an authorisation to an agent's account; it gives access once the agent accepts it. */
export async function authoriseAgent(
  actor: Actor | null,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
): Promise<{ id: string }> {
  if (!actor?.companyId) throw new AppError("FORBIDDEN", "auth.forbidden");
  assertCan(actor, "company.authorise", { kind: "company", companyId: actor.companyId });
  const companyId = actor.companyId;
  const parsed = AgentAuthorisation.safeParse(input);
  if (!parsed.success) throw validation(firstErrors(parsed.error.issues));
  const { agent, itemCodes, validFrom, validUntil, mayAuthorise } = parsed.data;
  if (validFrom < chinaToday(now)) throw validation({ validFrom: "companies.errors.fromInPast" });
  const codes = [
    ...new Set(
      itemCodes
        .split(/[\s,，、]+/)
        .map((code) => code.trim())
        .filter(Boolean),
    ),
  ];
  const items =
    codes.length > 0
      ? await db().serviceItem.findMany({
          where: { implementationCode: { in: codes } },
          select: { id: true, implementationCode: true },
        })
      : [];
  if (items.length !== codes.length) throw validation({ itemCodes: "companies.errors.unknownItems" });
  // Someone authorised for listed items only cannot hand out more than they hold.
  if (actor.companyItemIds && (codes.length === 0 || items.some((item) => !actor.companyItemIds!.includes(item.id)))) {
    throw validation({ itemCodes: "companies.errors.beyondOwnScope" });
  }
  return db().$transaction(async (tx) => {
    const target = await findAgent(tx, agent);
    if (!target) throw validation({ agent: "companies.errors.noSuchAgent" });
    if (target.id === actor.userId) throw validation({ agent: "companies.errors.self" });
    const row = await tx.companyAuthorisation.create({
      data: {
        companyId,
        userId: target.id,
        mayAuthorise,
        serviceItemIds: items.map((item) => item.id),
        validFrom: isoToDateColumn(validFrom),
        validUntil: validUntil ? isoToDateColumn(validUntil) : null,
        status: "OFFERED",
        grantedById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "company.authorisation.grant",
      objectType: "CompanyAuthorisation",
      objectId: row.id,
      after: {
        companyId,
        userId: target.id,
        itemCodes: codes,
        validFrom,
        validUntil: validUntil || null,
        mayAuthorise,
      },
      ip,
    });
    return row;
  });
}

const AuthorisationRef = z.object({ id: z.uuid("companies.errors.notFound") });

/** The agent accepts an authorisation offered to them. */
export async function acceptAuthorisation(
  actor: Actor | null,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
): Promise<void> {
  assertCan(actor, "company.authorisation.accept");
  const parsed = AuthorisationRef.safeParse(input);
  if (!parsed.success) throw new AppError("NOT_FOUND", "companies.errors.notFound");
  await db().$transaction(async (tx) => {
    const { count } = await tx.companyAuthorisation.updateMany({
      where: { id: parsed.data.id, userId: actor.userId, status: "OFFERED" },
      data: { status: "ACTIVE", acceptedAt: now },
    });
    if (count !== 1) throw new AppError("NOT_FOUND", "companies.errors.notFound");
    await recordAudit(tx, {
      actor,
      action: "company.authorisation.accept",
      objectType: "CompanyAuthorisation",
      objectId: parsed.data.id,
      ip,
    });
  });
}

/** Revokes an authorisation of the actor's company (never the representative's own: that ends by a new verification). */
export async function revokeAuthorisation(
  actor: Actor | null,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
): Promise<void> {
  if (!actor?.companyId) throw new AppError("NOT_FOUND", "companies.errors.notFound");
  assertCan(actor, "company.authorise", { kind: "company", companyId: actor.companyId });
  const parsed = AuthorisationRef.safeParse(input);
  if (!parsed.success) throw new AppError("NOT_FOUND", "companies.errors.notFound");
  await db().$transaction(async (tx) => {
    const { count } = await tx.companyAuthorisation.updateMany({
      where: {
        id: parsed.data.id,
        companyId: actor.companyId!,
        representative: false,
        status: { in: ["OFFERED", "ACTIVE"] },
      },
      data: { status: "REVOKED", revokedAt: now, revokedById: actor.userId },
    });
    if (count !== 1) throw new AppError("NOT_FOUND", "companies.errors.notFound");
    await recordAudit(tx, {
      actor,
      action: "company.authorisation.revoke",
      objectType: "CompanyAuthorisation",
      objectId: parsed.data.id,
      ip,
    });
  });
}

/** The company's authorisations, with who holds them and what they cover, for those who manage them. */
export async function companyAuthorisations(actor: Actor | null) {
  if (!actor?.companyId) throw new AppError("FORBIDDEN", "auth.forbidden");
  assertCan(actor, "company.authorise", { kind: "company", companyId: actor.companyId });
  const rows = await db().companyAuthorisation.findMany({
    where: { companyId: actor.companyId, status: { not: "UNVERIFIED" } },
    orderBy: { createdAt: "desc" },
    include: { user: { select: { realName: true } } },
    take: 200,
  });
  const itemIds = [...new Set(rows.flatMap((row) => row.serviceItemIds))];
  const items =
    itemIds.length > 0
      ? await db().serviceItem.findMany({
          where: { id: { in: itemIds } },
          select: { id: true, implementationCode: true, name: true },
        })
      : [];
  const itemName = new Map(items.map((item) => [item.id, `${item.name}（${item.implementationCode}）`]));
  return rows.map((row) => ({
    id: row.id,
    holder: row.user.realName,
    representative: row.representative,
    mayAuthorise: row.mayAuthorise,
    items: row.serviceItemIds.map((itemId) => itemName.get(itemId) ?? itemId),
    validFrom: dateColumnToIso(row.validFrom),
    validUntil: row.validUntil ? dateColumnToIso(row.validUntil) : null,
    status: row.status,
    createdAt: row.createdAt,
    acceptedAt: row.acceptedAt,
    revokedAt: row.revokedAt,
  }));
}

/** Authorisations offered to the actor and their current company, for their account page. */
export async function myCompanyStatus(actor: Actor) {
  const [offers, company] = await Promise.all([
    db().companyAuthorisation.findMany({
      where: { userId: actor.userId, status: "OFFERED" },
      include: { company: { select: { name: true, creditCode: true } } },
      orderBy: { createdAt: "desc" },
    }),
    actor.companyId
      ? db().company.findUnique({ where: { id: actor.companyId }, select: { name: true, creditCode: true } })
      : null,
  ]);
  return {
    company,
    scoped: Boolean(actor.companyItemIds),
    mayAuthorise: actor.companyMayAuthorise === true,
    offers: offers.map((offer) => ({
      id: offer.id,
      company: offer.company.name,
      creditCode: offer.company.creditCode,
      validFrom: dateColumnToIso(offer.validFrom),
      validUntil: offer.validUntil ? dateColumnToIso(offer.validUntil) : null,
      allItems: offer.serviceItemIds.length === 0,
      itemCount: offer.serviceItemIds.length,
    })),
  };
}
