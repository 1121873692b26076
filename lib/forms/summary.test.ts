import { describe, expect, it } from "vitest";
import { compileAnswersSchema } from "./compile";
import { SAMPLE_FORM, VALID_ID, validAnswers } from "./fixtures.test-data";
import { summarizeAnswers } from "./summary";

const regions = [
  { code: "510000000000", name: "四川省", nameEn: "Sichuan", parentCode: null, level: "PROVINCE" },
  { code: "511600000000", name: "广安市", nameEn: "Guang'an", parentCode: "510000000000", level: "CITY" },
  { code: "511602000000", name: "广安区", nameEn: "Guang'an District", parentCode: "511600000000", level: "COUNTY" },
];

describe("answer summary", () => {
  const clean = compileAnswersSchema(SAMPLE_FORM, { today: "2025-06-15" }).parse({
    ...validAnswers(),
    reasons: ["new", "other"],
    otherReason: "搬家",
  });

  it("lists every shown question per step with readable values", () => {
    const steps = summarizeAnswers(SAMPLE_FORM, clean, {
      locale: "zh-CN",
      regions,
      files: { file_1: { name: "身份证.pdf" } },
    });
    expect(steps.map((step) => step.stepId)).toEqual(["applicant", "details", "materials"]);
    const lines = Object.fromEntries(steps.flatMap((step) => step.lines).map((line) => [line.path, line.value]));
    expect(lines).toMatchObject({
      realName: "王小明",
      applicantType: "个人",
      home: "四川省广安市广安区 建设路 1 号",
      reasons: "新办、其他",
      otherReason: "搬家",
      area: "80",
      idCopy: "身份证.pdf",
    });
    expect(lines).not.toHaveProperty("creditCode");
    const members = steps[1]!.lines.find((line) => line.path === "members")!;
    expect(members.rows).toEqual([
      {
        label: "家庭成员 1",
        lines: [
          { path: "members.0.memberName", label: "成员姓名", value: "李丽" },
          { path: "members.0.relation", label: "关系", value: "配偶" },
          { path: "members.0.memberId", label: "成员身份证号码", value: VALID_ID },
          { path: "members.0.joined", label: "登记日期", value: "" },
          { path: "members.0.left", label: "迁出日期", value: "" },
        ],
      },
    ]);
  });

  it("uses English labels and names when asked", () => {
    const steps = summarizeAnswers(SAMPLE_FORM, clean, { locale: "en", regions });
    expect(steps[0]!.title).toBe("Applicant");
    expect(steps[0]!.lines.find((line) => line.path === "home")!.value).toBe(
      "Sichuan, Guang'an, Guang'an District, 建设路 1 号",
    );
  });
});
