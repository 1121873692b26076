import "server-only";
import { z } from "zod";
import { recordPersonalDataRead, type ReadPurpose } from "../audit/read-log";
import { type Actor, assertCan, can } from "../auth/policy";
import { chinaToday, dateColumnToIso, isoToDateColumn } from "../calendar/china-time";
import { caseResource } from "../cases/transition";
import { db } from "../db/client";
import { AppError } from "../errors";
import { isId } from "../http/params";

/**
 * 证照共享 (GB/T 36906-style, issue 20): a department's staff, in the console or through their system's API token,
 * look up the valid licences of a case's applicant (the company for a company's case), optionally of one type, to
 * check a material without asking for a copy. Only for a case they may see: the case is the purpose, and every
 * lookup is written to the read log (who asked, for which case, how many licences) that the applicant sees.
 */

export type SharedLicence = {
  number: string;
  typeCode: string;
  name: string;
  holderName: string;
  holderCode: string | null;
  issuerName: string;
  issuerCode: string;
  issuedAt: string;
  expiresAt: string | null;
  /** The signed QR payload (lib/results/signed-payload.ts): checkable with the published keys. */
  signedPayload: string | null;
};

const LicenceQuery = z.object({
  type: z
    .string()
    .regex(/^[0-9A-Za-z]{1,20}$/, "catalogueAdmin.licenceTypes.errors.code")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export async function licencesOfCaseApplicant(
  actor: Actor,
  caseNumber: string,
  input: unknown,
  { ip, purpose, now = new Date() }: { ip: string | null; purpose: ReadPurpose; now?: Date },
): Promise<SharedLicence[]> {
  assertCan(actor, "console.access");
  const query = LicenceQuery.safeParse(input ?? {});
  if (!query.success)
    throw new AppError("VALIDATION", "cases.errors.form", {
      fieldErrors: { type: query.error.issues[0]?.message ?? "cases.errors.form" },
    });
  if (!isId("caseNumber", caseNumber)) throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  const row = await db().case.findUnique({
    where: { caseNumber },
    select: {
      id: true,
      applicantUserId: true,
      applicantCompanyId: true,
      departmentId: true,
      serviceItemId: true,
      sharedDepartmentIds: true,
    },
  });
  if (!row || !can(actor, "case.staffView", caseResource(row)))
    throw new AppError("NOT_FOUND", "cases.errors.noSuchCase");
  const holder = row.applicantCompanyId
    ? { holderCompanyId: row.applicantCompanyId }
    : { holderUserId: row.applicantUserId, holderCompanyId: null };
  const licences = await db().licence.findMany({
    where: {
      ...holder,
      status: "VALID",
      OR: [{ expiresAt: null }, { expiresAt: { gte: isoToDateColumn(chinaToday(now)) } }],
      ...(query.data.type ? { typeCode: query.data.type } : {}),
    },
    orderBy: [{ issuedAt: "desc" }, { number: "asc" }],
    take: 100,
  });
  // The read is written before anything is handed out: without its trace, nothing is shown.
  await recordPersonalDataRead(db(), {
    actor,
    ip,
    action: "read.licences",
    subjectUserId: row.applicantUserId,
    subjectCompanyId: row.applicantCompanyId,
    caseNumber,
    serviceItemId: row.serviceItemId,
    objectType: "Case",
    objectId: row.id,
    purpose,
    details: { type: query.data.type ?? null, count: licences.length },
  });
  return licences.map((licence) => ({
    number: licence.number,
    typeCode: licence.typeCode,
    name: licence.name,
    holderName: licence.holderName,
    holderCode: licence.holderCode,
    issuerName: licence.issuerName,
    issuerCode: licence.issuerCode,
    issuedAt: dateColumnToIso(licence.issuedAt),
    expiresAt: dateColumnToIso(licence.expiresAt),
    signedPayload: licence.signedPayload,
  }));
}
