import type { FormDefinition } from "./definition";

/**
 * A three-step form like the one in issue 4's acceptance test: a conditional field, a repeating group with
 * row rules, a file upload, cross-field dates, prefill. Shared by the unit tests.
 */
export const SAMPLE_FORM: FormDefinition = {
  version: 1,
  steps: [
    {
      id: "applicant",
      title: { zh: "申请人信息", en: "Applicant" },
      fields: [
        {
          key: "realName",
          type: "text",
          label: { zh: "姓名", en: "Name" },
          required: true,
          maxLength: 50,
          prefill: "profile.realName",
        },
        { key: "idNumber", type: "idNumber", label: { zh: "身份证号码" }, required: true, prefill: "profile.idNumber" },
        { key: "phone", type: "phone", label: { zh: "手机号码" }, required: true, prefill: "profile.phone" },
        { key: "email", type: "email", label: { zh: "电子邮箱" } },
        {
          key: "applicantType",
          type: "radio",
          label: { zh: "申请人类型" },
          required: true,
          options: [
            { value: "person", label: { zh: "个人" } },
            { value: "company", label: { zh: "企业" } },
          ],
        },
        {
          key: "creditCode",
          type: "creditCode",
          label: { zh: "统一社会信用代码" },
          visibleWhen: { field: "applicantType", op: "eq", value: "company" },
          required: true,
          prefill: "company.creditCode",
        },
        { key: "home", type: "address", label: { zh: "住址" }, required: true },
      ],
    },
    {
      id: "details",
      title: { zh: "申请事项", en: "Details" },
      fields: [
        { key: "startDate", type: "date", label: { zh: "开始日期" }, required: true, min: "2020-01-01" },
        { key: "endDate", type: "date", label: { zh: "结束日期" }, required: true },
        { key: "area", type: "number", label: { zh: "面积" }, min: 1, max: 10000 },
        { key: "limit", type: "number", label: { zh: "上限" }, integer: true },
        {
          key: "reasons",
          type: "checkboxes",
          label: { zh: "申请原因" },
          options: [
            { value: "new", label: { zh: "新办" } },
            { value: "change", label: { zh: "变更" } },
            { value: "other", label: { zh: "其他" } },
          ],
          max: 2,
        },
        {
          key: "otherReason",
          type: "textarea",
          label: { zh: "其他原因说明" },
          visibleWhen: { field: "reasons", op: "eq", value: "other" },
          requiredWhen: { all: [{ field: "reasons", op: "eq", value: "other" }] },
          maxLength: 100,
        },
        {
          key: "members",
          type: "group",
          label: { zh: "家庭成员" },
          minRows: 1,
          maxRows: 3,
          fields: [
            { key: "memberName", type: "text", label: { zh: "成员姓名" }, required: true },
            {
              key: "relation",
              type: "select",
              label: { zh: "关系" },
              required: true,
              options: [
                { value: "spouse", label: { zh: "配偶" } },
                { value: "child", label: { zh: "子女" } },
              ],
            },
            {
              key: "memberId",
              type: "idNumber",
              label: { zh: "成员身份证号码" },
              requiredWhen: { field: "relation", op: "eq", value: "spouse" },
            },
            {
              key: "school",
              type: "text",
              label: { zh: "就读学校" },
              visibleWhen: { field: "relation", op: "eq", value: "child" },
            },
            { key: "joined", type: "date", label: { zh: "登记日期" } },
            { key: "left", type: "date", label: { zh: "迁出日期" } },
          ],
          rules: [{ field: "left", op: "gt", other: "joined" }],
        },
      ],
    },
    {
      id: "materials",
      title: { zh: "上传材料", en: "Materials" },
      fields: [
        {
          key: "idCopy",
          type: "file",
          label: { zh: "身份证复印件" },
          materialCode: "M001",
          required: true,
          maxFiles: 2,
        },
        {
          key: "postcode",
          type: "text",
          label: { zh: "邮政编码" },
          pattern: { regex: "\\d{6}", message: { zh: "邮编为 6 位数字", en: "6 digits" } },
        },
      ],
    },
  ],
  rules: [
    { field: "endDate", op: "gt", other: "startDate" },
    { field: "area", op: "lte", other: "limit", message: { zh: "面积不能超过上限" } },
  ],
};

export const VALID_ID = "11010519491231002X";
export const VALID_CODE = "91350100M000100Y43";

/** A complete, valid set of answers for SAMPLE_FORM (as a browser would post them: numbers as text). */
export function validAnswers(): Record<string, unknown> {
  return {
    realName: " 王小明 ",
    idNumber: "11010519491231002x",
    phone: "+86 138 0013 8000",
    email: "wang@example.com",
    applicantType: "person",
    creditCode: "",
    home: { province: "510000000000", city: "511600000000", county: "511602000000", detail: "建设路 1 号" },
    startDate: "2025-01-01",
    endDate: "2025-02-01",
    area: "80",
    limit: "100",
    reasons: ["new"],
    otherReason: "",
    members: [{ memberName: "李丽", relation: "spouse", memberId: VALID_ID, school: "", joined: "", left: "" }],
    idCopy: ["file_1"],
    postcode: "638000",
  };
}
