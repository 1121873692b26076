import { createHash } from "node:crypto";
import { chinaTime, chinaToday } from "../../lib/calendar/china-time";
import { addDays, isoWeekday } from "../../lib/calendar/working-days";
import {
  DEFAULT_STEP_DUTY,
  defaultWorkflow,
  GuideContent,
  type Workflow,
  WORKFLOW_STEP_KINDS,
  type WorkflowStepKind,
} from "../../lib/catalogue/guide-content";
import type { FormDefinition } from "../../lib/forms/definition";
import { validateFormDefinition } from "../../lib/forms/validate-definition";
import type { Prisma, PrismaClient } from "../../lib/generated/prisma/client";

/**
 * Demo online applications (issue 5): three items get a published version whose content is the live guide plus
 * a realistic application form (2–3 steps, prefill, a conditional field, a repeating group, a file field per key
 * material), written as ItemVersion rows the way lib/catalogue/versions.ts keeps them (the live tables already
 * hold the same guide, so nothing needs projecting). Also two service halls with bookable visit slots for the
 * next two weeks (morning and afternoon, capacity 5).
 */

type Client = PrismaClient;

function stableId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const prefillApplicant: FormDefinition["steps"][number]["fields"] = [
  {
    key: "realName",
    type: "text",
    label: { zh: "姓名", en: "Name" },
    required: true,
    maxLength: 50,
    prefill: "profile.realName",
  },
  {
    key: "idNumber",
    type: "idNumber",
    label: { zh: "公民身份号码", en: "ID number" },
    required: true,
    prefill: "profile.idNumber",
  },
  { key: "phone", type: "phone", label: { zh: "联系电话", en: "Phone" }, required: true, prefill: "profile.phone" },
];

/** 居民身份证申领、换领、补领 (广安区公安分局). */
const ID_CARD_FORM: FormDefinition = {
  version: 1,
  steps: [
    {
      id: "applicant",
      title: { zh: "申请人信息", en: "Applicant" },
      fields: [
        ...prefillApplicant,
        {
          key: "reason",
          type: "radio",
          label: { zh: "申领类型", en: "Type of application" },
          required: true,
          options: [
            { value: "first", label: { zh: "首次申领", en: "First application" } },
            { value: "renew", label: { zh: "有效期满或损坏换领", en: "Renewal" } },
            { value: "lost", label: { zh: "遗失补领", en: "Replacement of a lost card" } },
          ],
        },
        {
          key: "oldCardExpiry",
          type: "date",
          label: { zh: "原证有效期截止日期", en: "Expiry date of the old card" },
          visibleWhen: { field: "reason", op: "eq", value: "renew" },
          required: true,
        },
      ],
    },
    {
      id: "household",
      title: { zh: "户籍与送达", en: "Household and delivery" },
      fields: [
        {
          key: "residence",
          type: "textarea",
          label: { zh: "户籍地址", en: "Registered residence" },
          required: true,
          maxLength: 200,
        },
        {
          key: "delivery",
          type: "select",
          label: { zh: "领取方式", en: "How to receive the card" },
          required: true,
          options: [
            { value: "window", label: { zh: "窗口领取", en: "Collect at the window" } },
            { value: "post", label: { zh: "邮寄送达", en: "By post" } },
          ],
        },
        {
          key: "members",
          type: "group",
          label: { zh: "同户成员（同时办理的）", en: "Household members applying together" },
          rowLabel: { zh: "成员", en: "Member" },
          maxRows: 5,
          fields: [
            { key: "memberName", type: "text", label: { zh: "姓名", en: "Name" }, required: true, maxLength: 50 },
            { key: "memberIdNumber", type: "idNumber", label: { zh: "公民身份号码", en: "ID number" }, required: true },
          ],
        },
      ],
    },
    {
      id: "uploads",
      title: { zh: "上传材料", en: "Documents" },
      fields: [
        {
          key: "photo",
          type: "file",
          label: { zh: "人像照片回执", en: "Photo receipt" },
          required: true,
          materialCode: "photo-receipt",
          maxFiles: 2,
        },
        {
          key: "householdRegister",
          type: "file",
          label: { zh: "居民户口簿（首页及本人页）", en: "Household register" },
          required: true,
          materialCode: "household-register",
          maxFiles: 4,
        },
      ],
    },
  ],
};

/** 企业变更登记 (广安市市场监督管理局): company agents apply for their company. */
const BUSINESS_CHANGE_FORM: FormDefinition = {
  version: 1,
  steps: [
    {
      id: "company",
      title: { zh: "企业与变更事项", en: "Company and changes" },
      fields: [
        {
          key: "companyName",
          type: "text",
          label: { zh: "企业名称", en: "Company name" },
          required: true,
          maxLength: 100,
          prefill: "company.name",
        },
        {
          key: "creditCode",
          type: "creditCode",
          label: { zh: "统一社会信用代码", en: "Unified social credit code" },
          required: true,
          prefill: "company.creditCode",
        },
        {
          key: "changes",
          type: "checkboxes",
          label: { zh: "变更事项", en: "What changes" },
          required: true,
          options: [
            { value: "name", label: { zh: "名称", en: "Name" } },
            { value: "address", label: { zh: "住所", en: "Registered address" } },
            { value: "representative", label: { zh: "法定代表人", en: "Legal representative" } },
            { value: "scope", label: { zh: "经营范围", en: "Business scope" } },
          ],
        },
        {
          key: "newName",
          type: "text",
          label: { zh: "变更后名称", en: "New name" },
          visibleWhen: { field: "changes", op: "eq", value: "name" },
          required: true,
          maxLength: 100,
        },
        {
          key: "agentPhone",
          type: "phone",
          label: { zh: "经办人电话", en: "Agent's phone" },
          required: true,
          prefill: "profile.phone",
        },
      ],
    },
    {
      id: "shareholders",
      title: { zh: "股东（出资人）", en: "Shareholders" },
      fields: [
        {
          key: "shareholders",
          type: "group",
          label: { zh: "变更后股东", en: "Shareholders after the change" },
          rowLabel: { zh: "股东", en: "Shareholder" },
          required: true,
          maxRows: 20,
          fields: [
            {
              key: "shareholderName",
              type: "text",
              label: { zh: "股东名称或姓名", en: "Name" },
              required: true,
              maxLength: 100,
            },
            {
              key: "share",
              type: "number",
              label: { zh: "出资比例", en: "Share" },
              required: true,
              min: 0,
              max: 100,
              unit: { zh: "%", en: "%" },
            },
          ],
        },
      ],
    },
    {
      id: "documents",
      title: { zh: "上传材料", en: "Documents" },
      fields: [
        {
          key: "applicationForm",
          type: "file",
          label: { zh: "登记（备案）申请书", en: "Application form" },
          required: true,
          materialCode: "application-form",
          maxFiles: 3,
        },
        {
          key: "resolution",
          type: "file",
          label: { zh: "股东会决议（决定）", en: "Shareholders' resolution" },
          required: true,
          materialCode: "resolution",
          maxFiles: 5,
        },
      ],
    },
  ],
};

/** 技能提升补贴申领 (广安市人力资源和社会保障局). */
const SKILL_SUBSIDY_FORM: FormDefinition = {
  version: 1,
  steps: [
    {
      id: "applicant",
      title: { zh: "申请人信息", en: "Applicant" },
      fields: [
        ...prefillApplicant,
        {
          key: "hasSocialCard",
          type: "radio",
          label: { zh: "是否已领取社会保障卡", en: "Do you hold a social security card?" },
          required: true,
          options: [
            { value: "yes", label: { zh: "是（补贴发放至社保卡金融账户）", en: "Yes (paid to its bank account)" } },
            { value: "no", label: { zh: "否", en: "No" } },
          ],
        },
        {
          key: "bankAccount",
          type: "text",
          label: { zh: "本人银行卡号", en: "Your bank account number" },
          visibleWhen: { field: "hasSocialCard", op: "eq", value: "no" },
          required: true,
          pattern: { regex: "\\d{12,19}", message: { zh: "请填写12至19位数字卡号", en: "Enter 12 to 19 digits" } },
        },
      ],
    },
    {
      id: "certificate",
      title: { zh: "证书与培训", en: "Certificate and training" },
      fields: [
        {
          key: "level",
          type: "select",
          label: { zh: "证书等级", en: "Certificate level" },
          required: true,
          options: [
            { value: "5", label: { zh: "初级工（五级）", en: "Level 5" } },
            { value: "4", label: { zh: "中级工（四级）", en: "Level 4" } },
            { value: "3", label: { zh: "高级工（三级）", en: "Level 3" } },
          ],
        },
        {
          key: "certificateNumber",
          type: "text",
          label: { zh: "证书编号", en: "Certificate number" },
          required: true,
          maxLength: 40,
        },
        { key: "issuedOn", type: "date", label: { zh: "发证日期", en: "Date of issue" }, required: true, max: "today" },
        {
          key: "training",
          type: "group",
          label: { zh: "参加培训情况", en: "Training attended" },
          rowLabel: { zh: "培训", en: "Training" },
          maxRows: 5,
          fields: [
            {
              key: "institution",
              type: "text",
              label: { zh: "培训机构", en: "Institution" },
              required: true,
              maxLength: 100,
            },
            { key: "hours", type: "number", label: { zh: "学时", en: "Hours" }, integer: true, min: 1, max: 2000 },
          ],
        },
        {
          key: "certificate",
          type: "file",
          label: { zh: "证书电子版（联网可查的可不上传）", en: "Certificate scan (optional when verifiable online)" },
          materialCode: "skill-certificate",
          maxFiles: 2,
        },
      ],
    },
  ],
};

const step = (kind: WorkflowStepKind, enabled: boolean) => ({
  kind,
  enabled,
  duty: DEFAULT_STEP_DUTY[kind],
  departmentCode: null,
  limit: null,
});

/** 受理 → 办结 by one clerk: a simple service. */
const SIMPLE_WORKFLOW = {
  steps: WORKFLOW_STEP_KINDS.map((kind) =>
    step(kind, kind === "PRE_REVIEW" || kind === "ACCEPTANCE" || kind === "COMPLETION" || kind === "DELIVERY"),
  ),
  specialProceduresAllowed: false,
  separateDuties: false,
  jointDepartmentCodes: [],
  jointLimitDays: null,
  deliveryOptions: ["DOWNLOAD", "WINDOW_PICKUP"],
} satisfies Workflow;

/**
 * 受理 → 审查 → 审核 → 决定 → 办结 → 送达 by three people (issue 19): the demo clerk takes in and examines, the review
 * clerk reviews, the department administrator decides. No step limits: the item promises one working day in all.
 */
const LICENSING_WORKFLOW = {
  steps: WORKFLOW_STEP_KINDS.map((kind) => step(kind, true)),
  specialProceduresAllowed: false,
  separateDuties: true,
  jointDepartmentCodes: [],
  jointLimitDays: null,
  deliveryOptions: ["DOWNLOAD", "WINDOW_PICKUP"],
} satisfies Workflow;

/** The demo items with a form: catalogue code, region, form and workflow. */
export const DEMO_FORMS = [
  { catalogCode: "000105003000", regionCode: "511602000000", form: ID_CARD_FORM, workflow: SIMPLE_WORKFLOW },
  { catalogCode: "000125003000", regionCode: "511600000000", form: BUSINESS_CHANGE_FORM, workflow: LICENSING_WORKFLOW },
  { catalogCode: "000109004000", regionCode: "511600000000", form: SKILL_SUBSIDY_FORM, workflow: SIMPLE_WORKFLOW },
] as const;

/** The live guide of a seeded item as version content (what lib/catalogue/projection.ts contentFromLive reads). */
async function liveContent(client: Client, serviceItemId: string) {
  const item = await client.serviceItem.findUniqueOrThrow({
    where: { id: serviceItemId },
    include: {
      themes: { select: { code: true } },
      legalBases: { orderBy: { sortOrder: "asc" } },
      materials: { orderBy: { sortOrder: "asc" } },
      situations: {
        orderBy: { sortOrder: "asc" },
        include: { materials: { select: { code: true }, orderBy: { sortOrder: "asc" } } },
      },
      fees: { orderBy: { sortOrder: "asc" } },
      windows: { orderBy: { sortOrder: "asc" } },
      faqs: { orderBy: { sortOrder: "asc" } },
      steps: { orderBy: { sortOrder: "asc" } },
      specialProcedures: { orderBy: { sortOrder: "asc" } },
    },
  });
  return {
    item,
    content: {
      ...item,
      themeCodes: item.themes.map((theme) => theme.code),
      statutory:
        item.statutoryLimit !== null && item.statutoryUnit
          ? { limit: item.statutoryLimit, unit: item.statutoryUnit, note: item.statutoryNote }
          : null,
      promised: { limit: item.promisedLimit, unit: item.promisedUnit, note: item.promisedNote },
      situations: item.situations.map((situation) => ({
        ...situation,
        materialCodes: situation.materials.map((material) => material.code),
      })),
      workflow: { ...defaultWorkflow(item.itemType), specialProceduresAllowed: item.specialProcedures.length > 0 },
    },
  };
}

export async function seedForms(client: Client): Promise<number> {
  let count = 0;
  for (const demo of DEMO_FORMS) {
    const serviceItem = await client.serviceItem.findFirst({
      where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
      select: { id: true },
    });
    if (!serviceItem) throw new Error(`demo form: no item ${demo.catalogCode} in ${demo.regionCode}`);
    const { item, content } = await liveContent(client, serviceItem.id);
    const checked = validateFormDefinition(demo.form, {
      materialCodes: item.materials.map((material) => material.code),
    });
    if (!checked.ok) throw new Error(`demo form for ${item.name} is invalid: ${JSON.stringify(checked.problems)}`);
    const parsed = GuideContent.safeParse({
      ...content,
      onlineCapable: true,
      form: checked.definition,
      workflow: { ...demo.workflow, specialProceduresAllowed: content.workflow.specialProceduresAllowed },
    });
    if (!parsed.success) throw new Error(`demo guide for ${item.name} is incomplete: ${parsed.error.message}`);
    await client.itemVersion.create({
      data: {
        id: stableId("version", item.implementationCode, "1"),
        serviceItemId: item.id,
        number: item.version,
        status: "PUBLISHED",
        content: parsed.data as unknown as Prisma.InputJsonValue,
        summary: "demo application form",
        publishedAt: new Date("2025-01-01T00:00:00Z"),
      },
    });
    await client.serviceItem.update({ where: { id: item.id }, data: { onlineCapable: true } });
    count++;
  }
  return count;
}

/** Two joint service halls (政务服务中心) of 广安 with slots for visits on the next ten weekdays. */
export async function seedOfficesAndSlots(client: Client, now: Date = new Date()): Promise<number> {
  const halls = [
    {
      code: "GA-511600-HALL",
      regionCode: "511600000000",
      name: "广安市政务服务中心",
      nameEn: "Guang'an City Service Centre",
      address: "广安市广安区金安大道二段 168 号",
    },
    {
      code: "GA-511602-HALL",
      regionCode: "511602000000",
      name: "广安区政务服务中心",
      nameEn: "Guang'an District Service Centre",
      address: "广安市广安区渠江北路 36 号",
    },
  ];
  let slots = 0;
  for (const hall of halls) {
    const existing = await client.office.findUnique({ where: { code: hall.code }, select: { id: true } });
    const office =
      existing ??
      (await client.office.create({
        data: {
          ...hall,
          id: stableId("office", hall.code),
          phone: "0826-12345",
          openingHours: "工作日 上午 9:00—12:00，下午 13:30—17:30（法定节假日除外）",
          transport: "公交可达",
          active: true,
        },
        select: { id: true },
      }));
    const data: Prisma.OfficeSlotCreateManyInput[] = [];
    for (let offset = 1; data.length < 20 && offset < 30; offset++) {
      const day = addDays(chinaToday(now), offset);
      if (isoWeekday(day) >= 6) continue;
      // Beijing time: 09:00–11:30 and 14:00–17:00.
      data.push({
        officeId: office.id,
        startsAt: chinaTime(day, "09:00"),
        endsAt: chinaTime(day, "11:30"),
        capacity: 5,
      });
      data.push({
        officeId: office.id,
        startsAt: chinaTime(day, "14:00"),
        endsAt: chinaTime(day, "17:00"),
        capacity: 5,
      });
    }
    slots += (await client.officeSlot.createMany({ data, skipDuplicates: true })).count;
  }
  return slots;
}

/** Everything this file seeds (called once from seed.ts). */
/**
 * 食品经营许可 in 广安区 with joint approval (issue 19): accepted and decided by the district market-regulation bureau,
 * with the opinions of the district housing bureau (fire safety of the premises) and ecology bureau (discharges),
 * 3 working days each. No online form: such cases are registered at the counter.
 */
async function seedJointWorkflow(client: Client, departments: ReadonlyMap<string, { id: string; code: string }>) {
  const item = await client.serviceItem.findFirst({
    where: { regionCode: "511602000000", catalogItem: { code: "000125010000" } },
    select: { id: true },
  });
  const housing = departments.get("511602000000:housing");
  const ecology = departments.get("511602000000:ecology");
  if (!item || !housing || !ecology)
    throw new Error("demo joint workflow: the food business licence or a district bureau is missing");
  const { item: live, content } = await liveContent(client, item.id);
  const workflow = {
    steps: WORKFLOW_STEP_KINDS.map((kind) => step(kind, !["PRE_REVIEW", "EXAMINATION", "REVIEW"].includes(kind))),
    specialProceduresAllowed: content.workflow.specialProceduresAllowed,
    separateDuties: true,
    jointDepartmentCodes: [housing.code, ecology.code],
    jointLimitDays: 3,
    deliveryOptions: ["DOWNLOAD", "WINDOW_PICKUP"],
  } satisfies Workflow;
  const parsed = GuideContent.safeParse({ ...content, workflow });
  if (!parsed.success) throw new Error(`demo guide for ${live.name} is incomplete: ${parsed.error.message}`);
  await client.itemVersion.create({
    data: {
      id: stableId("version", live.implementationCode, "1"),
      serviceItemId: live.id,
      number: live.version,
      status: "PUBLISHED",
      content: parsed.data as unknown as Prisma.InputJsonValue,
      summary: "demo joint approval",
      publishedAt: new Date("2025-01-01T00:00:00Z"),
    },
  });
}

export async function seedApplicationDemo(
  client: Client,
  departments: ReadonlyMap<string, { id: string; code: string }>,
): Promise<void> {
  await seedForms(client);
  await seedJointWorkflow(client, departments);
  await seedOfficesAndSlots(client);
}
