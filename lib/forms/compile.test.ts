import { describe, expect, it } from "vitest";
import { compileAnswersSchema, computeFieldState, computeVisibility, issuesToFieldErrors, stepOfPath } from "./compile";
import type { FormDefinition, RegionOption } from "./definition";
import { errorText } from "./error-text";
import { SAMPLE_FORM, VALID_CODE, VALID_ID, validAnswers } from "./fixtures.test-data";

const TODAY = "2025-06-15";
const schema = (definition: FormDefinition = SAMPLE_FORM, options: Parameters<typeof compileAnswersSchema>[1] = {}) =>
  compileAnswersSchema(definition, { today: TODAY, ...options });

function errorsOf(
  answers: unknown,
  definition: FormDefinition = SAMPLE_FORM,
  options: Parameters<typeof compileAnswersSchema>[1] = {},
) {
  const result = schema(definition, options).safeParse(answers);
  return result.success ? {} : issuesToFieldErrors(result.error.issues);
}

function oneField(field: Record<string, unknown>, extra: Partial<FormDefinition> = {}): FormDefinition {
  return {
    version: 1,
    steps: [{ id: "s", title: { zh: "步骤" }, fields: [{ key: "f", label: { zh: "字段" }, ...field } as never] }],
    ...extra,
  };
}

describe("compiled answers schema", () => {
  it("accepts complete answers and returns them clean and normalised", () => {
    const result = schema().safeParse(validAnswers());
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      realName: "王小明",
      idNumber: VALID_ID,
      phone: "13800138000",
      email: "wang@example.com",
      applicantType: "person",
      home: { province: "510000000000", city: "511600000000", county: "511602000000", detail: "建设路 1 号" },
      startDate: "2025-01-01",
      endDate: "2025-02-01",
      area: 80,
      limit: 100,
      reasons: ["new"],
      members: [{ memberName: "李丽", relation: "spouse", memberId: VALID_ID }],
      idCopy: ["file_1"],
      postcode: "638000",
    });
  });

  it("reports every missing required field with the required key", () => {
    const errors = errorsOf({});
    expect(errors).toMatchObject({
      realName: "forms.errors.required",
      idNumber: "forms.errors.required",
      phone: "forms.errors.required",
      applicantType: "forms.errors.required",
      "home.province": "forms.errors.required",
      startDate: "forms.errors.required",
      endDate: "forms.errors.required",
      members: "forms.errors.group.minRows",
      idCopy: "forms.errors.file.required",
    });
    expect(errors.email).toBeUndefined();
    expect(errors.creditCode).toBeUndefined();
  });

  it("treats whitespace-only text as missing", () => {
    expect(errorsOf({ ...validAnswers(), realName: "   " }).realName).toBe("forms.errors.required");
  });

  describe("text rules", () => {
    it("length limits count characters, not bytes", () => {
      const definition = oneField({ type: "text", minLength: 2, maxLength: 4 });
      expect(errorsOf({ f: "一" }, definition).f).toBe("forms.errors.tooShort");
      expect(errorsOf({ f: "一二三四" }, definition)).toEqual({});
      expect(errorsOf({ f: "😀😀😀😀" }, definition)).toEqual({});
      expect(errorsOf({ f: "一二三四五" }, definition).f).toBe("forms.errors.tooLong");
    });

    it("caps text without a maxLength at 200 characters and long text at 2000", () => {
      expect(errorsOf({ f: "a".repeat(201) }, oneField({ type: "text" })).f).toBe("forms.errors.tooLong");
      expect(errorsOf({ f: "a".repeat(2000) }, oneField({ type: "textarea" }))).toEqual({});
      expect(errorsOf({ f: "a".repeat(2001) }, oneField({ type: "textarea" })).f).toBe("forms.errors.tooLong");
    });

    it("pattern must match the whole answer, with the administrator's message", () => {
      expect(errorsOf({ ...validAnswers(), postcode: "63800" }).postcode).toBe("forms.errors.pattern");
      expect(errorsOf({ ...validAnswers(), postcode: "638000x" }).postcode).toBe("forms.errors.pattern");
      expect(errorText(SAMPLE_FORM, "postcode", "forms.errors.pattern", "zh-CN").custom).toBe("邮编为 6 位数字");
      expect(errorText(SAMPLE_FORM, "postcode", "forms.errors.pattern", "en").custom).toBe("6 digits");
    });

    it("refuses wrong types instead of coercing them", () => {
      expect(errorsOf({ ...validAnswers(), realName: { zh: "x" } }).realName).toBe("forms.errors.invalid");
      expect(errorsOf({ ...validAnswers(), realName: ["王"] }).realName).toBe("forms.errors.invalid");
      expect(errorsOf({ ...validAnswers(), realName: true }).realName).toBe("forms.errors.invalid");
    });
  });

  describe("identity formats", () => {
    it("ID numbers: format, birth date and checksum (GB 11643)", () => {
      expect(errorsOf({ ...validAnswers(), idNumber: "1101051949123100" }).idNumber).toBe(
        "forms.errors.idNumber.format",
      );
      expect(errorsOf({ ...validAnswers(), idNumber: "110105194902300023" }).idNumber).toBe(
        "forms.errors.idNumber.birthDate",
      );
      expect(errorsOf({ ...validAnswers(), idNumber: "110105194912310021" }).idNumber).toBe(
        "forms.errors.idNumber.checksum",
      );
    });

    it("mobile numbers", () => {
      expect(errorsOf({ ...validAnswers(), phone: "12800138000" }).phone).toBe("forms.errors.phone.format");
      expect(errorsOf({ ...validAnswers(), phone: "028-85551234" }).phone).toBe("forms.errors.phone.format");
    });

    it("email addresses", () => {
      for (const bad of ["wang", "wang@", "@example.com", "wang@example", "wang @example.com", "a@b..com"]) {
        expect(errorsOf({ ...validAnswers(), email: bad }).email, bad).toBe("forms.errors.email.format");
      }
      expect(errorsOf({ ...validAnswers(), email: "li.hua+apply@mail.example.cn" })).toEqual({});
    });

    it("credit codes (GB 32100), normalised to capitals", () => {
      const company = { ...validAnswers(), applicantType: "company" };
      expect(errorsOf({ ...company, creditCode: "91350100M000100Y44" }).creditCode).toBe(
        "forms.errors.creditCode.checksum",
      );
      expect(errorsOf({ ...company, creditCode: "91350100M000100I43" }).creditCode).toBe(
        "forms.errors.creditCode.format",
      );
      const result = schema().safeParse({ ...company, creditCode: VALID_CODE.toLowerCase() });
      expect(result.data?.creditCode).toBe(VALID_CODE);
    });
  });

  describe("numbers and dates", () => {
    it("numbers: range, integers, text that is not a number", () => {
      expect(errorsOf({ ...validAnswers(), area: "0" }).area).toBe("forms.errors.number.min");
      expect(errorsOf({ ...validAnswers(), area: "10001", limit: "20000" }).area).toBe("forms.errors.number.max");
      expect(errorsOf({ ...validAnswers(), area: "12abc" }).area).toBe("forms.errors.number.invalid");
      expect(errorsOf({ ...validAnswers(), area: "Infinity" }).area).toBe("forms.errors.number.invalid");
      expect(errorsOf({ ...validAnswers(), area: Number.NaN }).area).toBeUndefined();
      expect(errorsOf({ ...validAnswers(), limit: "1.5", area: "1" }).limit).toBe("forms.errors.number.integer");
      expect(schema().safeParse({ ...validAnswers(), area: 12.5 }).data?.area).toBe(12.5);
    });

    it("dates: real calendar days within bounds, 'today' resolved", () => {
      expect(errorsOf({ ...validAnswers(), startDate: "2025-02-30" }).startDate).toBe("forms.errors.date.invalid");
      expect(errorsOf({ ...validAnswers(), startDate: "2025/01/01" }).startDate).toBe("forms.errors.date.invalid");
      expect(errorsOf({ ...validAnswers(), startDate: "2019-12-31" }).startDate).toBe("forms.errors.date.min");
      const future = oneField({ type: "date", max: "today" });
      expect(errorsOf({ f: TODAY }, future)).toEqual({});
      expect(errorsOf({ f: "2025-06-16" }, future).f).toBe("forms.errors.date.max");
      expect(errorText(future, "f", "forms.errors.date.max", "zh-CN", TODAY).values).toEqual({ max: TODAY });
    });
  });

  describe("choices", () => {
    it("select and radio accept only listed values", () => {
      expect(errorsOf({ ...validAnswers(), applicantType: "robot" }).applicantType).toBe("forms.errors.option.invalid");
      expect(errorsOf({ ...validAnswers(), applicantType: ["person"] }).applicantType).toBe(
        "forms.errors.option.invalid",
      );
    });

    it("checkboxes: listed values only, at most max, kept in option order", () => {
      expect(errorsOf({ ...validAnswers(), reasons: ["new", "nope"] }).reasons).toBe("forms.errors.option.invalid");
      expect(errorsOf({ ...validAnswers(), reasons: ["new", "change", "other"], otherReason: "x" }).reasons).toBe(
        "forms.errors.checkboxes.max",
      );
      expect(schema().safeParse({ ...validAnswers(), reasons: ["change", "new", "new"] }).data?.reasons).toEqual([
        "new",
        "change",
      ]);
      expect(schema().safeParse({ ...validAnswers(), reasons: "change" }).data?.reasons).toEqual(["change"]);
      const many = oneField({ type: "checkboxes", options: [{ value: "a", label: { zh: "A" } }], min: 1 });
      expect(errorsOf({ f: Array.from({ length: 10_000 }, () => "a") }, many).f).toBe("forms.errors.option.invalid");
    });
  });

  describe("conditional visibility and requirement", () => {
    it("validates a conditional field only while it is shown, and strips it when hidden", () => {
      const hidden = schema().safeParse({ ...validAnswers(), applicantType: "person", creditCode: "not a code" });
      expect(hidden.success).toBe(true);
      expect(hidden.data).not.toHaveProperty("creditCode");
      expect(errorsOf({ ...validAnswers(), applicantType: "company", creditCode: "" }).creditCode).toBe(
        "forms.errors.required",
      );
      expect(
        schema().safeParse({ ...validAnswers(), applicantType: "company", creditCode: VALID_CODE }).data?.creditCode,
      ).toBe(VALID_CODE);
    });

    it("requiredWhen makes a field required only while its condition holds", () => {
      expect(errorsOf({ ...validAnswers(), reasons: ["other"], otherReason: "" }).otherReason).toBe(
        "forms.errors.required",
      );
      expect(errorsOf({ ...validAnswers(), reasons: ["new"], otherReason: "" })).toEqual({});
    });

    it("computes visibility for the renderer, rows included", () => {
      const answers = {
        ...validAnswers(),
        applicantType: "company",
        members: [{ relation: "child" }, { relation: "spouse" }],
      };
      const visible = computeVisibility(SAMPLE_FORM, answers);
      expect(visible.creditCode).toBe(true);
      expect(visible.otherReason).toBe(false);
      expect(visible["members.0.school"]).toBe(true);
      expect(visible["members.1.school"]).toBe(false);
      expect(computeVisibility(SAMPLE_FORM, null).creditCode).toBe(false);
    });

    it("tells the renderer which shown fields are required right now", () => {
      const state = (answers: Record<string, unknown>) => computeFieldState(SAMPLE_FORM, answers).required;
      expect(state({ reasons: ["new"], members: [{ relation: "child" }] })).toMatchObject({
        realName: true,
        email: false,
        "members.0.memberId": false,
      });
      expect(state({ reasons: ["new"] })).not.toHaveProperty("otherReason");
      expect(state({ reasons: ["other"], members: [{ relation: "spouse" }] })).toMatchObject({
        otherReason: true,
        "members.0.memberId": true,
      });
      expect(state({ applicantType: "person" })).not.toHaveProperty("creditCode");
    });

    it("a field hidden because its controller is hidden is hidden too (chains)", () => {
      const definition: FormDefinition = {
        version: 1,
        steps: [
          {
            id: "s",
            title: { zh: "步" },
            fields: [
              {
                key: "a",
                type: "radio",
                label: { zh: "A" },
                options: [
                  { value: "y", label: { zh: "是" } },
                  { value: "n", label: { zh: "否" } },
                ],
              },
              { key: "b", type: "text", label: { zh: "B" }, visibleWhen: { field: "a", op: "eq", value: "y" } },
              { key: "c", type: "text", label: { zh: "C" }, required: true, visibleWhen: { field: "b", op: "truthy" } },
            ],
          },
        ],
      };
      expect(errorsOf({ a: "y", b: "x" }, definition).c).toBe("forms.errors.required");
      expect(schema(definition).safeParse({ a: "n", b: "x", c: "" }).data).toEqual({ a: "n" });
    });

    it("supports all/any, in/notIn, gt/lt and falsy", () => {
      const definition: FormDefinition = {
        version: 1,
        steps: [
          {
            id: "s",
            title: { zh: "步" },
            fields: [
              { key: "age", type: "number", label: { zh: "年龄" } },
              {
                key: "kind",
                type: "select",
                label: { zh: "类型" },
                options: ["a", "b", "c"].map((value) => ({ value, label: { zh: value } })),
              },
              { key: "note", type: "text", label: { zh: "备注" } },
              {
                key: "x",
                type: "text",
                label: { zh: "X" },
                required: true,
                visibleWhen: {
                  all: [
                    { field: "age", op: "gt", value: 17 },
                    {
                      any: [
                        { field: "kind", op: "in", value: ["a", "b"] },
                        { field: "note", op: "falsy" },
                      ],
                    },
                  ],
                },
              },
              {
                key: "y",
                type: "text",
                label: { zh: "Y" },
                required: true,
                visibleWhen: {
                  any: [
                    { field: "age", op: "lt", value: 18 },
                    { field: "kind", op: "notIn", value: ["a", "b"] },
                  ],
                },
              },
            ],
          },
        ],
      };
      const visible = (answers: Record<string, unknown>) => computeVisibility(definition, answers);
      expect(visible({ age: "18", kind: "a", note: "n" })).toMatchObject({ x: true, y: false });
      expect(visible({ age: "18", kind: "c", note: "n" })).toMatchObject({ x: false, y: true });
      expect(visible({ age: "18", kind: "c", note: "" })).toMatchObject({ x: true, y: true });
      expect(visible({ age: "17", kind: "a" })).toMatchObject({ x: false, y: true });
      expect(visible({ age: "", kind: "a" })).toMatchObject({ x: false, y: false });
    });
  });

  describe("cross-field rules", () => {
    it("end date after start date, reported on the end date", () => {
      expect(errorsOf({ ...validAnswers(), endDate: "2025-01-01" })).toEqual({ endDate: "forms.errors.compare.gt" });
      expect(errorText(SAMPLE_FORM, "endDate", "forms.errors.compare.gt", "zh-CN").values).toEqual({
        other: "开始日期",
      });
    });

    it("number A ≤ number B, with the administrator's message", () => {
      expect(errorsOf({ ...validAnswers(), area: "200", limit: "100" })).toEqual({ area: "forms.errors.compare.lte" });
      expect(errorText(SAMPLE_FORM, "area", "forms.errors.compare.lte", "zh-CN").custom).toBe("面积不能超过上限");
    });

    it("is skipped while either side is empty or already wrong", () => {
      expect(errorsOf({ ...validAnswers(), area: "", limit: "" })).toEqual({});
      expect(errorsOf({ ...validAnswers(), endDate: "2025-02-30" })).toEqual({ endDate: "forms.errors.date.invalid" });
    });
  });

  describe("repeating groups", () => {
    it("validates every row with indexed paths", () => {
      const errors = errorsOf({
        ...validAnswers(),
        members: [
          { memberName: "李丽", relation: "spouse", memberId: "" },
          { memberName: "", relation: "child", memberId: "110105194912310021", school: "" },
          { memberName: "王", relation: "cousin" },
        ],
      });
      expect(errors).toEqual({
        "members.0.memberId": "forms.errors.required",
        "members.1.memberName": "forms.errors.required",
        "members.1.memberId": "forms.errors.idNumber.checksum",
        "members.2.relation": "forms.errors.option.invalid",
      });
    });

    it("min and max rows; blank rows count for nothing and are dropped", () => {
      expect(errorsOf({ ...validAnswers(), members: [] }).members).toBe("forms.errors.group.minRows");
      expect(errorsOf({ ...validAnswers(), members: [{ memberName: " ", relation: "", memberId: "" }] })).toEqual({
        members: "forms.errors.group.minRows",
      });
      const withBlank = schema().safeParse({
        ...validAnswers(),
        members: [{ memberName: "" }, { memberName: "王", relation: "child" }],
      });
      expect(withBlank.data?.members).toEqual([{ memberName: "王", relation: "child" }]);
      const four = Array.from({ length: 4 }, () => ({ memberName: "王", relation: "child" }));
      expect(errorsOf({ ...validAnswers(), members: four }).members).toBe("forms.errors.group.maxRows");
      expect(errorText(SAMPLE_FORM, "members", "forms.errors.group.maxRows", "zh-CN").values).toEqual({ max: 3 });
    });

    it("applies row rules and row conditions per row, and strips hidden row fields", () => {
      const result = schema().safeParse({
        ...validAnswers(),
        members: [
          { memberName: "王一", relation: "child", school: "实验小学", joined: "2020-01-01", left: "2019-01-01" },
          { memberName: "王二", relation: "spouse", memberId: VALID_ID, school: "should vanish" },
        ],
      });
      expect(result.success).toBe(false);
      expect(issuesToFieldErrors(result.error!.issues)).toEqual({ "members.0.left": "forms.errors.compare.gt" });
      const ok = schema().safeParse({
        ...validAnswers(),
        members: [
          { memberName: "王一", relation: "child", school: "实验小学" },
          { memberName: "王二", relation: "spouse", memberId: VALID_ID, school: "should vanish" },
        ],
      });
      expect(ok.data?.members).toEqual([
        { memberName: "王一", relation: "child", school: "实验小学" },
        { memberName: "王二", relation: "spouse", memberId: VALID_ID },
      ]);
    });

    it("refuses rows that are not objects and groups that are not lists", () => {
      expect(errorsOf({ ...validAnswers(), members: ["x"] })["members.0"]).toBe("forms.errors.invalid");
      expect(errorsOf({ ...validAnswers(), members: { 0: {} } }).members).toBe("forms.errors.invalid");
    });
  });

  describe("address", () => {
    const regions: RegionOption[] = [
      { code: "510000000000", name: "四川省", parentCode: null, level: "PROVINCE" },
      { code: "511600000000", name: "广安市", parentCode: "510000000000", level: "CITY" },
      { code: "511602000000", name: "广安区", parentCode: "511600000000", level: "COUNTY" },
      { code: "510100000000", name: "成都市", parentCode: "510000000000", level: "CITY" },
      { code: "510104000000", name: "锦江区", parentCode: "510100000000", level: "COUNTY" },
    ];

    it("needs province, city and detail; the county when the city has counties", () => {
      expect(errorsOf({ ...validAnswers(), home: { province: "510000000000" } })).toMatchObject({
        "home.city": "forms.errors.required",
        "home.detail": "forms.errors.required",
      });
      expect(
        errorsOf(
          { ...validAnswers(), home: { province: "510000000000", city: "511600000000", detail: "路" } },
          SAMPLE_FORM,
          { regions },
        ),
      ).toEqual({
        "home.county": "forms.errors.required",
      });
    });

    it("with the region list, codes must exist and nest", () => {
      const home = { province: "510000000000", city: "511600000000", county: "510104000000", detail: "路" };
      expect(errorsOf({ ...validAnswers(), home }, SAMPLE_FORM, { regions })).toEqual({
        "home.county": "forms.errors.address.region",
      });
      expect(
        errorsOf({ ...validAnswers(), home: { ...home, county: "511602000000" } }, SAMPLE_FORM, { regions }),
      ).toEqual({});
      expect(
        errorsOf({ ...validAnswers(), home: { ...home, province: "<script>" } }, SAMPLE_FORM)["home.province"],
      ).toBe("forms.errors.address.region");
    });
  });

  describe("files", () => {
    it("accepts a list of file ids, up to maxFiles, and refuses anything else", () => {
      expect(errorsOf({ ...validAnswers(), idCopy: ["a", "b", "c"] }).idCopy).toBe("forms.errors.file.tooMany");
      expect(errorsOf({ ...validAnswers(), idCopy: ["../etc/passwd"] }).idCopy).toBe("forms.errors.file.invalid");
      expect(errorsOf({ ...validAnswers(), idCopy: "file_1" }).idCopy).toBe("forms.errors.file.invalid");
      expect(errorsOf({ ...validAnswers(), idCopy: [] }).idCopy).toBe("forms.errors.file.required");
    });
  });

  describe("per-step validation", () => {
    it("checks only the asked step and returns only its answers", () => {
      const stepOne = schema(SAMPLE_FORM, { step: "applicant" });
      const answers = validAnswers();
      expect(stepOne.safeParse({ ...answers, endDate: "bad", members: [] }).data).toEqual({
        realName: "王小明",
        idNumber: VALID_ID,
        phone: "13800138000",
        email: "wang@example.com",
        applicantType: "person",
        home: answers.home,
      });
      expect(Object.keys(errorsOf({}, SAMPLE_FORM, { step: "materials" }))).toEqual(["idCopy"]);
    });

    it("applies a cross-field rule in the step of its field, reading the other side from an earlier step", () => {
      const definition: FormDefinition = {
        version: 1,
        steps: [
          { id: "one", title: { zh: "一" }, fields: [{ key: "start", type: "date", label: { zh: "开始" } }] },
          { id: "two", title: { zh: "二" }, fields: [{ key: "end", type: "date", label: { zh: "结束" } }] },
        ],
        rules: [{ field: "end", op: "gte", other: "start" }],
      };
      expect(errorsOf({ start: "2025-03-01", end: "2025-02-01" }, definition, { step: "one" })).toEqual({});
      expect(errorsOf({ start: "2025-03-01", end: "2025-02-01" }, definition, { step: "two" })).toEqual({
        end: "forms.errors.compare.gte",
      });
      expect(stepOfPath(definition, "end")).toBe("two");
      expect(stepOfPath(SAMPLE_FORM, "members.0.memberId")).toBe("details");
    });
  });

  describe("hostile input", () => {
    it("refuses answers that are not an object", () => {
      for (const bad of [null, "x", 42, [], true]) expect(errorsOf(bad)).toEqual({ "": "forms.errors.invalid" });
    });

    it("drops unknown keys, __proto__ and constructor, without touching Object.prototype", () => {
      const hostile = JSON.parse(
        JSON.stringify({ ...validAnswers(), extra: "x", constructor: { prototype: { polluted: true } } }).replace(
          /^\{/,
          '{"__proto__":{"polluted":true},',
        ),
      );
      const result = schema().safeParse(hostile);
      expect(result.success).toBe(true);
      expect(Object.keys(result.data!)).not.toContain("extra");
      expect(Object.keys(result.data!)).not.toContain("__proto__");
      expect(Object.keys(result.data!)).not.toContain("constructor");
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    });

    it("reads no inherited property as an answer", () => {
      const inherited = Object.create({ realName: "王小明" });
      expect(errorsOf(inherited).realName).toBe("forms.errors.required");
    });

    it("refuses huge strings quickly, before any pattern runs", () => {
      const huge = "9".repeat(5_000_000);
      const started = performance.now();
      const errors = errorsOf({
        ...validAnswers(),
        postcode: huge,
        realName: huge,
        idNumber: huge,
        area: huge,
        email: huge,
        startDate: huge,
      });
      expect(performance.now() - started).toBeLessThan(500);
      expect(errors).toMatchObject({
        postcode: "forms.errors.tooLong",
        realName: "forms.errors.tooLong",
        idNumber: "forms.errors.tooLong",
        area: "forms.errors.number.invalid",
        email: "forms.errors.tooLong",
        startDate: "forms.errors.date.invalid",
      });
    });

    it("refuses a huge number of rows without looking at them", () => {
      const rows = Array.from({ length: 100_000 }, () => ({ memberName: "x" }));
      expect(errorsOf({ ...validAnswers(), members: rows }).members).toBe("forms.errors.group.maxRows");
    });
  });
});
