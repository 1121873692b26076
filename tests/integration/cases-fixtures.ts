import { randomUUID } from "node:crypto";
import { wherePhone } from "../../lib/accounts/identity-fields";
import { type Actor, isStaffRole } from "../../lib/auth/policy";
import { actorOf } from "../../lib/auth/actor";
import { hashQueryCode, newQueryCode, nextCaseNumber } from "../../lib/cases/case-number";
import { db } from "../../lib/db/client";
import type { Prisma } from "../../lib/generated/prisma/client";

/**
 * Cases for the console tests, inserted the way a submission leaves them (Case + CaseSubmission #1 + the submit
 * event), without going through the citizen's application flow. The item version carries a small form and the
 * limits (5 working days promised, 20 statutory).
 */

export async function actorFor({ loginName, phone }: { loginName?: string; phone?: string }): Promise<Actor> {
  // Phones are found through their keyed hash (lib/accounts/identity-fields.ts).
  const user = await db().user.findFirstOrThrow({ where: { ...(loginName !== undefined ? { loginName } : {}), ...(phone !== undefined ? wherePhone(phone) : {}) } });
  // Right after signing in: staff have just proven their second factor.
  return actorOf({ ...user, role: user.role as Actor["role"] }, { secondFactorAt: isStaffRole(user.role) ? new Date() : null });
}

export const TEST_FORM = {
  version: 1,
  steps: [
    {
      id: "basic",
      title: { zh: "基本信息", en: "Basic information" },
      fields: [
        { key: "shopName", type: "text", label: { zh: "店铺名称", en: "Shop name" }, required: true },
        { key: "idNo", type: "idNumber", label: { zh: "身份证号码", en: "ID number" } },
        { key: "scope", type: "select", label: { zh: "经营项目", en: "Scope" }, options: [{ value: "food", label: { zh: "预包装食品销售", en: "Packaged food" } }] },
        { key: "licenceCopy", type: "file", label: { zh: "营业执照", en: "Business licence" }, materialCode: "M1" },
      ],
    },
  ],
};

/** A second clerk in another department (not in the demo seed). */
export async function otherDepartmentClerk(): Promise<Actor> {
  const clerk = await actorFor({ loginName: "clerk" });
  const other = await db().department.findFirstOrThrow({ where: { id: { not: clerk.departmentId ?? "" }, parentId: null }, orderBy: { code: "asc" } });
  const loginName = `clerk-${other.code.slice(-6).toLowerCase()}`;
  const user =
    (await db().user.findUnique({ where: { loginName } })) ??
    (await db().user.create({ data: { role: "CLERK", realName: "孙倩", loginName, passwordHash: "x", departmentId: other.id } }));
  return { userId: user.id, role: "CLERK", realName: user.realName, departmentId: user.departmentId, companyId: null, assuranceLevel: 2 };
}

export async function colleagueOf(actor: Actor, realName = "吴磊"): Promise<Actor> {
  const loginName = `colleague-${realName.length}-${actor.departmentId?.slice(0, 8)}`;
  const user =
    (await db().user.findUnique({ where: { loginName } })) ??
    (await db().user.create({ data: { role: "CLERK", realName, loginName, passwordHash: "x", departmentId: actor.departmentId } }));
  return { userId: user.id, role: "CLERK", realName: user.realName, departmentId: user.departmentId, companyId: null, assuranceLevel: 2 };
}

export type MakeCaseOptions = {
  departmentId: string;
  applicant?: Actor;
  applicantName?: string;
  submittedAt?: Date;
  status?: Prisma.CaseCreateInput["status"];
  fileIds?: string[];
  serviceItemId?: string;
  /** Promised limit in working days (default 5). */
  promisedDays?: number;
  answers?: Record<string, unknown>;
};

export async function makeCase(options: MakeCaseOptions) {
  const applicant = options.applicant ?? (await actorFor({ phone: "13800138000" }));
  const item = options.serviceItemId
    ? await db().serviceItem.findUniqueOrThrow({ where: { id: options.serviceItemId } })
    : await db().serviceItem.findFirstOrThrow({ where: { departmentId: options.departmentId }, orderBy: { implementationCode: "asc" } });
  const version = await db().itemVersion.create({
    data: {
      serviceItemId: item.id,
      number: 1000 + Math.floor(Math.random() * 1_000_000),
      status: "SUPERSEDED",
      content: {
        promised: { limit: options.promisedDays ?? 5, unit: "WORKING_DAY" },
        statutory: { limit: 20, unit: "WORKING_DAY" },
        form: TEST_FORM,
        materials: [{ code: "M1", name: "营业执照副本" }],
      },
    },
  });
  const submittedAt = options.submittedAt ?? new Date();
  const answers = options.answers ?? { shopName: "鑫源便利店", idNo: "511602199003071234", scope: "food", licenceCopy: options.fileIds ?? [] };
  const files = (options.fileIds ?? []).map((fileId) => ({ materialCode: "M1", fileId, trust: "C" }));
  return db().$transaction(async (tx) => {
    const caseNumber = await nextCaseNumber(tx, item.regionCode, submittedAt);
    const row = await tx.case.create({
      data: {
        caseNumber,
        queryCodeHash: hashQueryCode(newQueryCode()),
        serviceItemId: item.id,
        itemVersionId: version.id,
        departmentId: options.departmentId,
        regionCode: item.regionCode,
        applicantUserId: applicant.userId,
        applicantCompanyId: applicant.companyId,
        applicantName: options.applicantName ?? applicant.realName,
        status: options.status ?? "SUBMITTED",
        answers: answers as Prisma.InputJsonValue,
        idempotencyKey: randomUUID(),
        submittedAt,
      },
    });
    await tx.caseSubmission.create({ data: { caseId: row.id, number: 1, answers: answers as Prisma.InputJsonValue, files, createdAt: submittedAt } });
    await tx.caseEvent.create({ data: { caseId: row.id, at: submittedAt, actorId: applicant.userId, actorRole: applicant.role, action: "submit", toStatus: "SUBMITTED", visibleToApplicant: true } });
    return row;
  });
}

/** 10:00 Beijing time on a date. */
export const beijing = (date: string, hour = 10) => new Date(`${date}T${String(hour - 8).padStart(2, "0")}:00:00Z`);
