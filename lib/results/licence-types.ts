import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import { text } from "../validation/text";
import { HOLDER_TYPES, ISSUING_LEVELS } from "./licence-type-codes";

/**
 * 证照类型 (GB/T 36902 电子证照目录, issue 20): the catalogue of licence types. An item names the type its certificate
 * is (the guide's `resultLicenceTypeCode`): the licence then carries the type's code, its holder must fit the type,
 * and its expiry date follows the type's validity. A material names the type that satisfies it (免提交,
 * lib/applications/licence-reuse.ts). Platform administrators maintain it in /admin/licence-types, audited.
 */

const E = "catalogueAdmin.licenceTypes.errors";

export const LicenceTypeInput = z.object({
  code: text()
    .min(1, "errors.required")
    .max(20, "errors.tooLong")
    .regex(/^[0-9A-Za-z]+$/, `${E}.code`),
  name: text().min(1, "errors.required").max(100, "errors.tooLong"),
  nameEn: text().max(200, "errors.tooLong").default(""),
  issuingLevel: z.enum(ISSUING_LEVELS, { message: `${E}.choice` }),
  holderType: z.enum(HOLDER_TYPES, { message: `${E}.choice` }),
  /** Months; empty: long-term. */
  validityMonths: z
    .union([
      z.literal("").transform(() => null),
      z.null(),
      z.coerce
        .number({ message: `${E}.validity` })
        .int(`${E}.validity`)
        .min(1, `${E}.validity`)
        .max(1200, `${E}.validity`),
    ])
    .default(null),
  active: z.boolean().default(true),
});
export type LicenceTypeInput = z.input<typeof LicenceTypeInput>;

export async function listLicenceTypes() {
  return db().licenceType.findMany({ orderBy: [{ active: "desc" }, { code: "asc" }] });
}

/** Active types for the item editor's choice. */
export async function licenceTypeOptions(locale: string): Promise<{ code: string; label: string }[]> {
  const types = await db().licenceType.findMany({
    where: { active: true },
    orderBy: { code: "asc" },
    select: { code: true, name: true, nameEn: true },
  });
  return types.map((type) => ({
    code: type.code,
    label: `${locale === "en" && type.nameEn ? type.nameEn : type.name}（${type.code}）`,
  }));
}

/** Creates a type, or changes the one with this code (`existing` says which the form meant, so a typo never overwrites). */
export async function saveLicenceType(
  actor: Actor,
  input: unknown,
  { existing, ip }: { existing: boolean; ip: string | null },
) {
  assertCan(actor, "licenceTypes.manage");
  const parsed = LicenceTypeInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.map(String).join(".") || "_"] ??= issue.message;
    throw new AppError("VALIDATION", `${E}.form`, { fieldErrors });
  }
  const data = parsed.data;
  return db().$transaction(async (tx) => {
    const before = await tx.licenceType.findUnique({ where: { code: data.code } });
    if (existing && !before) throw new AppError("NOT_FOUND", `${E}.notFound`);
    if (!existing && before) throw new AppError("CONFLICT", `${E}.taken`, { fieldErrors: { code: `${E}.taken` } });
    const values = {
      name: data.name,
      nameEn: data.nameEn,
      issuingLevel: data.issuingLevel,
      holderType: data.holderType,
      validityMonths: data.validityMonths,
      active: data.active,
    };
    const saved = before
      ? await tx.licenceType.update({ where: { code: data.code }, data: values })
      : await tx.licenceType.create({ data: { code: data.code, ...values } });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: before ? "licenceType.update" : "licenceType.create",
      objectType: "LicenceType",
      objectId: null,
      before: before ? { code: before.code, ...pick(before) } : null,
      after: { code: saved.code, ...pick(saved) },
      ip,
    });
    return saved;
  });
}

function pick(type: {
  name: string;
  nameEn: string;
  issuingLevel: string;
  holderType: string;
  validityMonths: number | null;
  active: boolean;
}) {
  return {
    name: type.name,
    nameEn: type.nameEn,
    issuingLevel: type.issuingLevel,
    holderType: type.holderType,
    validityMonths: type.validityMonths,
    active: type.active,
  };
}

/** Marks VALID licences past their expiry date EXPIRED (China date); returns how many. Idempotent (the jobs process). */
export async function expireLicences(today: string): Promise<number> {
  return db()
    .$executeRaw`UPDATE licence SET status = 'EXPIRED' WHERE status = 'VALID' AND expires_at IS NOT NULL AND expires_at < ${today}::date`;
}
