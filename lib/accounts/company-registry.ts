import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import { nameText, text } from "../validation/text";
import { idNumberHash } from "./identity-fields";
import { creditCode, idNumber } from "./schemas";

/**
 * Loads the business registry (企业登记信息) that company verification checks against (lib/accounts/companies.ts):
 * a CSV exported from the market regulator's system, one company a row, with the columns
 * 统一社会信用代码, 企业名称, 法定代表人, 法定代表人身份证号码, 登记状态 (or creditCode, name, legalRepresentative,
 * legalRepresentativeIdNumber, status). Every row is checked first; with any problem nothing is written. The
 * representative's ID number is kept only as its keyed hash. `npm run catalogue -- import-companies FILE`.
 */
const COLUMNS: Record<
  string,
  "creditCode" | "name" | "legalRepresentative" | "legalRepresentativeIdNumber" | "status"
> = {
  统一社会信用代码: "creditCode",
  creditCode: "creditCode",
  企业名称: "name",
  name: "name",
  法定代表人: "legalRepresentative",
  legalRepresentative: "legalRepresentative",
  法定代表人身份证号码: "legalRepresentativeIdNumber",
  legalRepresentativeIdNumber: "legalRepresentativeIdNumber",
  登记状态: "status",
  status: "status",
};

/** Registry statuses under which a company still exists (存续 / 在业 / 开业); anything else (注销, 吊销 …) is inactive. */
const ACTIVE_STATUSES = new Set(["存续", "在业", "开业", "active"]);

const Row = z.object({
  creditCode,
  name: nameText().min(2, "errors.required").max(200, "errors.tooLong"),
  legalRepresentative: nameText().min(1, "errors.required").max(50, "errors.tooLong"),
  legalRepresentativeIdNumber: idNumber,
  status: text().max(20, "errors.tooLong").default("存续"),
});

export type RegistryProblem = { row: number; field: string; message: string };

export async function importCompanyRegistry(
  client: Pick<PrismaClient, "$transaction">,
  bytes: Buffer,
): Promise<{ imported: number; problems: RegistryProblem[] }> {
  let records: Record<string, string>[];
  try {
    records = parse(bytes, {
      bom: true,
      columns: (header: string[]) => header.map((name) => COLUMNS[name.trim()] ?? name.trim()),
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    return { imported: 0, problems: [{ row: 0, field: "file", message: (error as Error).message }] };
  }
  const problems: RegistryProblem[] = [];
  const rows: z.output<typeof Row>[] = [];
  records.forEach((record, index) => {
    const parsed = Row.safeParse(record);
    if (parsed.success) rows.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({ row: index + 2, field: String(issue.path[0] ?? ""), message: issue.message });
  });
  const codes = new Set<string>();
  rows.forEach((row, index) => {
    if (codes.has(row.creditCode)) problems.push({ row: index + 2, field: "creditCode", message: "duplicate" });
    codes.add(row.creditCode);
  });
  if (problems.length > 0 || rows.length === 0)
    return { imported: 0, problems: problems.length > 0 ? problems : [{ row: 0, field: "file", message: "empty" }] };
  await client.$transaction(async (tx) => {
    for (const row of rows) {
      const data = {
        name: row.name,
        legalRepresentativeName: row.legalRepresentative,
        legalRepresentativeIdHash: idNumberHash(row.legalRepresentativeIdNumber),
        active: ACTIVE_STATUSES.has(row.status),
      };
      await tx.companyRegistryEntry.upsert({
        where: { creditCode: row.creditCode },
        update: data,
        create: { creditCode: row.creditCode, ...data },
      });
    }
  });
  return { imported: rows.length, problems: [] };
}
