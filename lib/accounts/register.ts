import "server-only";
import { recordAudit } from "../audit/audit";
import { hashPassword } from "../auth/password";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { toStored, whereIdNumber, wherePhone } from "./identity-fields";
import { RegisterAccount } from "./schemas";

/** Assurance level of a self-registered account whose data was only format-checked (domain.md "People"). */
export const SELF_REGISTERED_LEVEL = 2;

/**
 * Registers a citizen, or a company's authorised agent (经办人) together with the company, which becomes the
 * applicant for everything the agent files. ID numbers and phones are unique across accounts.
 */
export async function registerAccount({ input, ip }: { input: unknown; ip: string | null }): Promise<{ userId: string }> {
  const parsed = RegisterAccount.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    throw new AppError("VALIDATION", "errors.form", { fieldErrors });
  }
  const data = parsed.data;
  // Found through the keyed hashes (the columns hold ciphertext): lib/accounts/identity-fields.ts.
  const identity = toStored({ idNumber: data.idNumber, phone: data.phone });
  const byId = whereIdNumber(data.idNumber);
  const byPhone = wherePhone(data.phone);
  const taken = await db().user.findMany({ where: { OR: [byId, byPhone] }, select: { idNumberHash: true, phoneHash: true } });
  if (taken.length > 0) {
    const fieldErrors: Record<string, string> = {};
    if (taken.some((user) => user.idNumberHash === byId.idNumberHash)) fieldErrors.idNumber = "errors.idNumber.taken";
    if (taken.some((user) => user.phoneHash === byPhone.phoneHash)) fieldErrors.phone = "errors.phone.taken";
    throw new AppError("CONFLICT", "errors.form", { fieldErrors });
  }
  const passwordHash = await hashPassword(data.password);
  try {
    return await db().$transaction(async (tx) => {
      let companyId: string | null = null;
      if (data.accountType === "company") {
        const creditCode = (data.creditCode ?? "").trim().toUpperCase();
        const company = await tx.company.upsert({
          where: { creditCode },
          update: {},
          create: { creditCode, name: data.companyName ?? "" },
        });
        companyId = company.id;
      }
      const user = await tx.user.create({
        data: {
          role: data.accountType === "company" ? "COMPANY_AGENT" : "CITIZEN",
          realName: data.realName,
          ...identity,
          passwordHash,
          assuranceLevel: SELF_REGISTERED_LEVEL,
          companyId,
        },
        select: { id: true, role: true, companyId: true },
      });
      await recordAudit(tx, {
        actor: { userId: user.id, role: user.role },
        action: "account.register",
        objectType: "User",
        objectId: user.id,
        after: { role: user.role, companyId: user.companyId },
        ip,
      });
      return { userId: user.id };
    });
  } catch (error) {
    // Two registrations racing for the same number: the loser gets the same answer as above.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "errors.form", { fieldErrors: { idNumber: "errors.account.taken" } });
    throw error;
  }
}
