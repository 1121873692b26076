import "server-only";
import { randomInt, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, assertRecentSecondFactor } from "../auth/policy";
import { chinaDate, chinaToday, dateColumnToIso, isoToDateColumn } from "../calendar/china-time";
import { db } from "../db/client";
import { publicBaseUrl } from "../http/public-url";
import { AppError } from "../errors";
import { createRateLimiter, type RateLimiter, refundPoint, retryAfterSeconds } from "../http/rate-limit";
import { storeUpload } from "../files/store";
import type { Prisma } from "../generated/prisma/client";
import { renderCertificatePdf, renderNoticePdf } from "./pdf";
import { maskCode, maskName } from "./signed-payload";
import { signLicence } from "./signing";
import { validUntil } from "./validity";
import { text } from "../validation/text";

/**
 * Result documents of a case. On completion (办结) of an approved case: the certificate PDF (number, issuer,
 * dates, QR code to /verify/{number}?code={checkCode}), stored as a RESULT_DOCUMENT owned by the holder, and a
 * Licence row (the applicant's material locker lists Licence rows). On 不予受理 / 不予许可: the written notice.
 *
 * The PDF is made and stored before the transition's transaction (storage is not transactional); the Licence row
 * is written inside it, so a case is COMPLETED exactly when its licence exists. If the transition then fails (a
 * colleague acted first), the stored file stays unreferenced and readable only by its holder, never listed.
 */

type Tx = Prisma.TransactionClient;

const CHECK_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newCheckCode(): string {
  return Array.from({ length: 8 }, () => CHECK_ALPHABET[randomInt(CHECK_ALPHABET.length)]).join("");
}

/** The certificate number: readable, unique per case (one result per case), and no personal data. */
export function licenceNumberFor(caseNumber: string): string {
  return `ZZ${caseNumber}`;
}

/**
 * The verification address. With a signed token it goes after `#`: browsers never send the fragment, so the page
 * checks the signature in the visitor's browser and the server only sees the number and check code.
 */
export function verifyUrl(number: string, checkCode: string, token?: string): string {
  return `${publicBaseUrl()}/verify/${encodeURIComponent(number)}?code=${encodeURIComponent(checkCode)}${token ? `#s=${token}` : ""}`;
}

type CaseFacts = {
  id: string;
  caseNumber: string;
  applicantUserId: string;
  applicantCompanyId: string | null;
  applicantName: string;
  departmentId: string;
  serviceItemId: string;
  submittedAt: Date;
};

async function contextOf(row: CaseFacts) {
  const [item, department, company] = await Promise.all([
    db().serviceItem.findUniqueOrThrow({
      where: { id: row.serviceItemId },
      select: { name: true, resultType: true, resultName: true, resultLicenceTypeCode: true },
    }),
    db().department.findUniqueOrThrow({ where: { id: row.departmentId }, select: { name: true, code: true } }),
    row.applicantCompanyId
      ? db().company.findUnique({ where: { id: row.applicantCompanyId }, select: { name: true, creditCode: true } })
      : null,
  ]);
  // A company's case is the company's: its certificate names the company and its credit code, never the agent.
  return { item, department, holderName: company?.name ?? row.applicantName, holderCode: company?.creditCode ?? null };
}

export type PreparedCertificate = {
  fileId: string;
  licence: Omit<Prisma.LicenceUncheckedCreateInput, "fileId" | "caseId">;
};

/** Renders and stores the certificate of an approved case; `attachLicence` writes the Licence in the transition. */
export async function prepareCertificate(
  actor: Actor,
  row: CaseFacts,
  { ip, now }: { ip: string | null; now: Date },
): Promise<PreparedCertificate> {
  assertCan(actor, "case.result.issue", {
    kind: "case",
    applicantUserId: row.applicantUserId,
    applicantCompanyId: row.applicantCompanyId,
    departmentId: row.departmentId,
  });
  const { item, department, holderName, holderCode } = await contextOf(row);
  // The licence type the item issues (证照类型): its code, name and validity (lib/results/licence-types.ts).
  const type = item.resultLicenceTypeCode
    ? await db().licenceType.findUnique({ where: { code: item.resultLicenceTypeCode } })
    : null;
  const number = licenceNumberFor(row.caseNumber);
  const checkCode = newCheckCode();
  const issuedOn = chinaToday(now);
  const expiresOn = validUntil(issuedOn, type?.validityMonths ?? null);
  const title = item.resultName ?? type?.name ?? `${item.name}准予决定书`;
  const typeCode = type?.code ?? item.resultType;
  // The QR code carries the signed facts (lib/results/signed-payload.ts): checkable offline with the published key.
  const signed = await signLicence(
    {
      n: number,
      t: title,
      c: typeCode,
      h: maskName(holderName),
      ...(holderCode ? { hc: maskCode(holderCode) } : {}),
      i: department.name,
      ic: department.code,
      d: issuedOn,
      ...(expiresOn ? { e: expiresOn } : {}),
    },
    now,
  );
  const bytes = await renderCertificatePdf({
    title,
    number,
    checkCode,
    holderName,
    holderCode,
    itemName: item.name,
    caseNumber: row.caseNumber,
    issuerName: department.name,
    issuedOn,
    expiresOn,
    verifyUrl: verifyUrl(number, checkCode, signed.token),
  });
  const stored = await storeUpload({
    actor,
    purpose: "RESULT_DOCUMENT",
    name: `${number}.pdf`,
    bytes,
    ip,
    ownerUserId: row.applicantUserId,
  });
  return {
    fileId: stored.fileId,
    licence: {
      typeCode,
      name: title,
      number,
      checkCode,
      holderName,
      holderCode,
      holderUserId: row.applicantCompanyId ? null : row.applicantUserId,
      holderCompanyId: row.applicantCompanyId,
      issuerName: department.name,
      issuerCode: department.code,
      issuedAt: isoToDateColumn(issuedOn),
      expiresAt: expiresOn ? isoToDateColumn(expiresOn) : null,
      status: "VALID",
      signedPayload: signed.token,
      signingKeyId: signed.keyId,
    },
  };
}

export async function attachLicence(tx: Tx, caseId: string, prepared: PreparedCertificate) {
  const licence = await tx.licence.create({ data: { ...prepared.licence, caseId, fileId: prepared.fileId } });
  return { licenceId: licence.id, licenceNumber: licence.number, resultFileId: prepared.fileId };
}

const NOTICES = {
  rejectAtIntake: {
    title: "不予受理通知书",
    body: "经审查，决定不予受理。",
    remedies:
      "如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
  },
  /** 补正材料通知书 (一次性告知, issue 19): written each time a supplement is asked for; the list is its "reason". */
  requestSupplement: {
    title: "补正材料通知书",
    body: "经审查，申请材料不齐全或者不符合法定形式。现一次性告知需要补正的全部内容，请补正后重新提交。",
    remedies:
      "补正期间不计入办理时限。补正材料可通过网上办事大厅提交，也可到窗口提交。如对本通知有疑问，可向本机关咨询。",
  },
  deny: {
    title: "不予行政许可决定书",
    body: "经审查，决定不予行政许可。",
    remedies:
      "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
  },
} as const;

/** The written notice of 不予受理 or 不予许可, stored for the applicant; its id goes into the timeline event. */
export async function prepareNotice(
  actor: Actor,
  row: CaseFacts,
  kind: keyof typeof NOTICES,
  { reason, legalBasis, ip, now }: { reason: string; legalBasis: string; ip: string | null; now: Date },
): Promise<{ noticeFileId: string }> {
  assertCan(actor, "case.result.issue", {
    kind: "case",
    applicantUserId: row.applicantUserId,
    applicantCompanyId: row.applicantCompanyId,
    departmentId: row.departmentId,
  });
  const { item, department, holderName } = await contextOf(row);
  const notice = NOTICES[kind];
  const bytes = await renderNoticePdf({
    title: notice.title,
    caseNumber: row.caseNumber,
    addressee: holderName,
    itemName: item.name,
    submittedOn: chinaDate(row.submittedAt),
    body: notice.body,
    reason,
    legalBasis,
    remedies: notice.remedies,
    issuerName: department.name,
    issuedOn: chinaToday(now),
  });
  const stored = await storeUpload({
    actor,
    purpose: "RESULT_DOCUMENT",
    name: `${notice.title}-${row.caseNumber}.pdf`,
    bytes,
    ip,
    ownerUserId: row.applicantUserId,
  });
  return { noticeFileId: stored.fileId };
}

export type LicenceCheck =
  | { found: false }
  | {
      found: true;
      status: "VALID" | "REVOKED" | "EXPIRED";
      name: string;
      number: string;
      holderName: string;
      /** The company holder's credit code (public); null for a person. */
      holderCode: string | null;
      issuerName: string;
      issuedAt: string;
      expiresAt: string | null;
      revokedAt: string | null;
      /** Why it was revoked (注销/撤销 reasons are public: whoever relies on the licence must know). */
      revocationReason: string | null;
    };

function sameCode(a: string, b: string): boolean {
  const left = Buffer.from(a.trim().toUpperCase());
  const right = Buffer.from(b.trim().toUpperCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Limits of the public verification (penetration test point 10: 40 guesses in 1.3 s, and licence numbers follow
 * case numbers, so they can be enumerated). Like the case status lookup (lib/tracking/lookup.ts): lookups per
 * address, and guesses per licence number from all addresses together. Shared by all instances
 * (lib/http/rate-limit.ts): N instances must not mean N times the guesses.
 */
export const VERIFY_LOOKUPS_PER_MINUTE = 20;
export const WRONG_CODES_PER_LICENCE_PER_HOUR = 10;
const perAddress = createRateLimiter({ keyPrefix: "verify-ip", points: VERIFY_LOOKUPS_PER_MINUTE, duration: 60 });
// Once a licence's wrong codes are used up, its verification stays locked for the whole hour, right code included.
const perLicence = createRateLimiter({
  keyPrefix: "verify-licence",
  points: WRONG_CODES_PER_LICENCE_PER_HOUR,
  duration: 3600,
  blockDuration: 3600,
});

/** A licence number and check code as typed or carried by the certificate's QR code. */
export const VerifyInput = z.object({ number: text().min(1).max(64), code: text().min(1).max(16) });

async function consume(limiter: RateLimiter, key: string): Promise<void> {
  const wait = await retryAfterSeconds(limiter, key);
  if (wait) throw new AppError("THROTTLED", "cases.verify.throttled", { retryAfterSeconds: wait });
}

/**
 * Public verification by number and check code: what the certificate itself states and its current status,
 * nothing more (no ID numbers, no case details). A wrong code answers exactly like an unknown number, and a
 * malformed number or code (NUL, too long) like both, without a query.
 *
 * Throws THROTTLED (with retryAfterSeconds) over either limit. The guess is counted against the licence number
 * *before* the code is compared and given back only when it was right: no number of concurrent guesses passes a
 * check that has not counted them yet, and a locked licence answers "throttled" whatever the code — a normal answer
 * to the right code after the lockout would tell it from the wrong ones.
 */
export async function verifyLicence(
  input: { number: string; code: string },
  { ip, now = new Date() }: { ip: string; now?: Date },
): Promise<LicenceCheck> {
  await consume(perAddress, ip);
  const parsed = VerifyInput.safeParse(input);
  if (!parsed.success) return { found: false };
  const { number, code } = parsed.data;
  await consume(perLicence, number);
  const licence = await db().licence.findUnique({
    where: { number },
    select: {
      name: true,
      number: true,
      checkCode: true,
      holderName: true,
      holderCode: true,
      issuerName: true,
      issuedAt: true,
      expiresAt: true,
      status: true,
      revokedAt: true,
      revocationReason: true,
    },
  });
  if (!licence || !sameCode(licence.checkCode, code)) return { found: false };
  await refundPoint(perLicence, number);
  const expired =
    licence.status === "VALID" && licence.expiresAt !== null && dateColumnToIso(licence.expiresAt) < chinaToday(now);
  return {
    found: true,
    status: expired ? "EXPIRED" : licence.status,
    name: licence.name,
    number: licence.number,
    holderName: licence.holderName,
    holderCode: licence.holderCode,
    issuerName: licence.issuerName,
    issuedAt: dateColumnToIso(licence.issuedAt),
    expiresAt: dateColumnToIso(licence.expiresAt),
    revokedAt: licence.revokedAt ? chinaDate(licence.revokedAt) : null,
    revocationReason: licence.status === "REVOKED" ? licence.revocationReason : null,
  };
}

export const RevokeRequest = z.object({
  reason: text({ multiline: true, typeMessage: "cases.errors.required" })
    .min(2, "cases.errors.required")
    .max(2000, "cases.errors.tooLong"),
});

/** 注销/撤销: the issuing department revokes a licence with a reason; verification shows it at once. */
export async function revokeLicence(
  actor: Actor,
  number: string,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
) {
  // A malformed number (NUL, a lone surrogate, 5 000 characters) names no licence: no query for it.
  if (!VerifyInput.shape.number.safeParse(number).success)
    throw new AppError("NOT_FOUND", "cases.errors.noSuchLicence");
  const parsed = RevokeRequest.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "cases.errors.form", {
      fieldErrors: { reason: parsed.error.issues[0]?.message ?? "cases.errors.required" },
    });
  return db().$transaction(async (tx) => {
    const licence = await tx.licence.findUnique({ where: { number } });
    const row = licence?.caseId ? await tx.case.findUnique({ where: { id: licence.caseId } }) : null;
    if (!licence || !row) throw new AppError("NOT_FOUND", "cases.errors.noSuchLicence");
    assertCan(actor, "case.result.issue", {
      kind: "case",
      applicantUserId: row.applicantUserId,
      applicantCompanyId: row.applicantCompanyId,
      departmentId: row.departmentId,
    });
    assertRecentSecondFactor(actor, now);
    if (licence.status === "REVOKED") throw new AppError("UNPROCESSABLE", "cases.errors.alreadyRevoked");
    const updated = await tx.licence.update({
      where: { id: licence.id },
      data: { status: "REVOKED", revokedAt: now, revocationReason: parsed.data.reason },
    });
    await tx.caseEvent.create({
      data: {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        actorRole: actor.role,
        action: "revokeLicence",
        reason: parsed.data.reason,
        data: { licenceNumber: number },
        visibleToApplicant: true,
      },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "licence.revoke",
      objectType: "Licence",
      objectId: licence.id,
      before: { status: licence.status },
      after: { status: "REVOKED", reason: parsed.data.reason },
      ip,
    });
    return updated;
  });
}
