import { randomUUID } from "node:crypto";
import { wherePhone } from "../../lib/accounts/identity-fields";
import { type Actor, isStaffRole } from "../../lib/auth/policy";
import { actorOf } from "../../lib/auth/actor";
import { hashQueryCode, newQueryCode, nextCaseNumber } from "../../lib/cases/case-number";
import { db } from "../../lib/db/client";
import type { Prisma } from "../../lib/generated/prisma/client";
import {
  DEFAULT_STEP_DUTY,
  type StaffDuty,
  type Workflow,
  WORKFLOW_STEP_KINDS,
} from "../../lib/catalogue/guide-content";

/**
 * Cases for the console tests, inserted the way a submission leaves them (Case + CaseSubmission #1 + the submit
 * event), without going through the citizen's application flow. The item version carries a small form and the
 * limits (5 working days promised, 20 statutory).
 */

export async function actorFor({ loginName, phone }: { loginName?: string; phone?: string }): Promise<Actor> {
  // Phones are found through their keyed hash (lib/accounts/identity-fields.ts).
  const user = await db().user.findFirstOrThrow({
    where: { ...(loginName !== undefined ? { loginName } : {}), ...(phone !== undefined ? wherePhone(phone) : {}) },
  });
  // Right after signing in: staff have just proven their second factor.
  return actorOf(
    { ...user, role: user.role as Actor["role"] },
    { secondFactorAt: isStaffRole(user.role) ? new Date() : null },
  );
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
        {
          key: "scope",
          type: "select",
          label: { zh: "经营项目", en: "Scope" },
          options: [{ value: "food", label: { zh: "预包装食品销售", en: "Packaged food" } }],
        },
        { key: "licenceCopy", type: "file", label: { zh: "营业执照", en: "Business licence" }, materialCode: "M1" },
      ],
    },
  ],
};

/** Every duty: the fixtures' clerks handle a simple item's cases alone (lib/cases/workflow.ts). */
export const ALL_DUTIES = ["INTAKE", "HANDLING", "REVIEW", "DECISION"] as const;

/**
 * 受理 → 办结 by one person, no sign-offs: the workflow of the fixtures' item versions unless a test names another,
 * so tests of the clock, queues and documents are not about who signs.
 */
export const SIMPLE_WORKFLOW: Workflow = {
  steps: WORKFLOW_STEP_KINDS.map((kind) => ({
    kind,
    enabled: !["EXAMINATION", "REVIEW", "DECISION"].includes(kind),
    duty: DEFAULT_STEP_DUTY[kind],
    departmentCode: null,
    limit: null,
  })),
  specialProceduresAllowed: true,
  separateDuties: false,
  jointDepartmentCodes: [],
  jointLimitDays: null,
  deliveryOptions: ["DOWNLOAD", "WINDOW_PICKUP"],
};

/** 受理 → 审查 → 审核 → 决定 → 办结 → 送达 with separation of duties (a licensing item). */
export const LICENSING_WORKFLOW: Workflow = {
  ...SIMPLE_WORKFLOW,
  steps: WORKFLOW_STEP_KINDS.map((kind) => ({
    kind,
    enabled: true,
    duty: DEFAULT_STEP_DUTY[kind],
    departmentCode: null,
    limit: null,
  })),
  separateDuties: true,
};

/** A second clerk in another department (not in the demo seed). */
export async function otherDepartmentClerk(): Promise<Actor> {
  const clerk = await actorFor({ loginName: "clerk" });
  const other = await db().department.findFirstOrThrow({
    where: { id: { not: clerk.departmentId ?? "" }, parentId: null },
    orderBy: { code: "asc" },
  });
  const loginName = `clerk-${other.code.slice(-6).toLowerCase()}`;
  const user =
    (await db().user.findUnique({ where: { loginName } })) ??
    (await db().user.create({
      data: {
        role: "CLERK",
        realName: "孙倩",
        loginName,
        passwordHash: "x",
        departmentId: other.id,
        duties: [...ALL_DUTIES],
      },
    }));
  return {
    userId: user.id,
    role: "CLERK",
    realName: user.realName,
    departmentId: user.departmentId,
    companyId: null,
    assuranceLevel: 2,
    duties: user.duties,
  };
}

export async function colleagueOf(
  actor: Actor,
  realName = "吴磊",
  duties: readonly StaffDuty[] = ALL_DUTIES,
): Promise<Actor> {
  const loginName = `colleague-${realName.length}-${[...duties].sort().join("").toLowerCase().slice(0, 24)}-${actor.departmentId?.slice(0, 8)}`;
  const user =
    (await db().user.findUnique({ where: { loginName } })) ??
    (await db().user.create({
      data: {
        role: "CLERK",
        realName,
        loginName,
        passwordHash: "x",
        departmentId: actor.departmentId,
        duties: [...duties],
      },
    }));
  return {
    userId: user.id,
    role: "CLERK",
    realName: user.realName,
    departmentId: user.departmentId,
    companyId: null,
    assuranceLevel: 2,
    duties: user.duties,
  };
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
  /** The item version's workflow (default: SIMPLE_WORKFLOW). */
  workflow?: Workflow;
};

export async function makeCase(options: MakeCaseOptions) {
  const applicant = options.applicant ?? (await actorFor({ phone: "13800138000" }));
  const item = options.serviceItemId
    ? await db().serviceItem.findUniqueOrThrow({ where: { id: options.serviceItemId } })
    : await db().serviceItem.findFirstOrThrow({
        where: { departmentId: options.departmentId },
        orderBy: { implementationCode: "asc" },
      });
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
        workflow: options.workflow ?? SIMPLE_WORKFLOW,
      } as unknown as Prisma.InputJsonValue,
    },
  });
  const submittedAt = options.submittedAt ?? new Date();
  const answers = options.answers ?? {
    shopName: "鑫源便利店",
    idNo: "511602199003071234",
    scope: "food",
    licenceCopy: options.fileIds ?? [],
  };
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
        // What a submission stores: the step the case waits for (预审), for the console's "待我办理".
        currentStep: (options.status ?? "SUBMITTED") === "SUBMITTED" ? "PRE_REVIEW" : null,
        currentDuty: (options.status ?? "SUBMITTED") === "SUBMITTED" ? "INTAKE" : null,
      },
    });
    await tx.caseSubmission.create({
      data: { caseId: row.id, number: 1, answers: answers as Prisma.InputJsonValue, files, createdAt: submittedAt },
    });
    await tx.caseEvent.create({
      data: {
        caseId: row.id,
        at: submittedAt,
        actorId: applicant.userId,
        actorRole: applicant.role,
        action: "submit",
        toStatus: "SUBMITTED",
        visibleToApplicant: true,
      },
    });
    return row;
  });
}

/** 10:00 Beijing time on a date. */
export const beijing = (date: string, hour = 10) => new Date(`${date}T${String(hour - 8).padStart(2, "0")}:00:00Z`);
