import { describe, expect, it } from "vitest";
import { type FormDefinition, FORM_LIMITS } from "./definition";
import { SAMPLE_FORM } from "./fixtures.test-data";
import { prefillAnswers } from "./prefill";
import { isUnsafePattern, parseDefinitionJson, validateFormDefinition } from "./validate-definition";

const context = { materialCodes: ["M001", "M002"] };
const clone = (): FormDefinition => structuredClone(SAMPLE_FORM);

function problemsOf(input: unknown, materialCodes: string[] = context.materialCodes) {
  const result = validateFormDefinition(input, { materialCodes });
  return result.ok ? [] : result.problems;
}

describe("form definition validator", () => {
  it("accepts the sample three-step form", () => {
    expect(problemsOf(SAMPLE_FORM)).toEqual([]);
  });

  it("reports structural problems with paths and keys", () => {
    expect(problemsOf({ version: 1, steps: [] })).toEqual([{ path: "steps", key: "forms.definition.noSteps" }]);
    expect(problemsOf({ version: 2, steps: [] }).map((problem) => problem.path)).toContain("version");
    const definition = clone() as unknown as { steps: { fields: Record<string, unknown>[] }[] };
    definition.steps[0]!.fields[0]!.key = "Real name";
    definition.steps[0]!.fields[1]!.type = "fingerprint";
    definition.steps[0]!.fields[2]!.label = { zh: "" };
    definition.steps[0]!.fields[3]!.script = "alert(1)";
    const problems = problemsOf(definition);
    expect(problems).toContainEqual({ path: "steps.0.fields.0.key", key: "forms.definition.keyFormat" });
    expect(problems).toContainEqual({ path: "steps.0.fields.1.type", key: "forms.definition.invalid" });
    expect(problems).toContainEqual({ path: "steps.0.fields.2.label.zh", key: "forms.definition.textRequired" });
    expect(problems.some((problem) => problem.path.startsWith("steps.0.fields.3"))).toBe(true);
  });

  it("refuses reserved and prototype keys", () => {
    for (const key of ["constructor", "__proto__", "toString"]) {
      const definition = clone();
      definition.steps[0]!.fields[0]!.key = key;
      expect(problemsOf(definition).map((problem) => problem.path)).toContain("steps.0.fields.0.key");
    }
  });

  it("finds duplicate keys across steps and inside groups, and duplicate step ids", () => {
    const definition = clone();
    definition.steps[2]!.fields[1]!.key = "realName";
    const group = definition.steps[1]!.fields[6]!;
    if (group.type !== "group") throw new Error("fixture changed");
    group.fields[0]!.key = "phone";
    definition.steps[2]!.id = "applicant";
    const problems = problemsOf(definition);
    expect(problems).toContainEqual({
      path: "steps.2.fields.1.key",
      key: "forms.definition.duplicateKey",
      values: { key: "realName" },
    });
    expect(problems).toContainEqual({
      path: "steps.1.fields.6.fields.0.key",
      key: "forms.definition.duplicateKey",
      values: { key: "phone" },
    });
    expect(problems).toContainEqual({ path: "steps.2.id", key: "forms.definition.duplicateStepId" });
  });

  it("reports every problem at once", () => {
    const definition = clone();
    definition.steps.push({ id: "empty", title: { zh: "空" }, fields: [] });
    const select = definition.steps[0]!.fields[4]!;
    if (select.type !== "radio") throw new Error("fixture changed");
    select.options = [];
    const number = definition.steps[1]!.fields[2]!;
    if (number.type !== "number") throw new Error("fixture changed");
    number.min = 10;
    number.max = 1;
    const file = definition.steps[2]!.fields[0]!;
    if (file.type !== "file") throw new Error("fixture changed");
    file.materialCode = "M999";
    const keys = problemsOf(definition).map((problem) => `${problem.path} ${problem.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "steps.3.fields forms.definition.emptyStep",
        "steps.0.fields.4.options forms.definition.noOptions",
        "steps.1.fields.2.min forms.definition.minGreaterThanMax",
        "steps.2.fields.0.materialCode forms.definition.unknownMaterial",
      ]),
    );
    // The condition on applicantType = "company" no longer fits: the radio has no such option.
    expect(keys).toContain("steps.0.fields.5.visibleWhen forms.definition.conditionValue");
  });

  it("finds duplicate option values and min above max for lengths, dates, rows and checkboxes", () => {
    const definition = clone();
    const radio = definition.steps[0]!.fields[4]!;
    if (radio.type !== "radio") throw new Error("fixture changed");
    radio.options.push({ value: "person", label: { zh: "重复" } });
    const text = definition.steps[0]!.fields[0]!;
    if (text.type !== "text") throw new Error("fixture changed");
    text.minLength = 60;
    const date = definition.steps[1]!.fields[0]!;
    if (date.type !== "date") throw new Error("fixture changed");
    date.max = "2019-01-01";
    const boxes = definition.steps[1]!.fields[4]!;
    if (boxes.type !== "checkboxes") throw new Error("fixture changed");
    boxes.min = 4;
    const group = definition.steps[1]!.fields[6]!;
    if (group.type !== "group") throw new Error("fixture changed");
    group.minRows = 5;
    const keys = problemsOf(definition).map((problem) => `${problem.path} ${problem.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "steps.0.fields.4.options.2.value forms.definition.duplicateOption",
        "steps.0.fields.0.minLength forms.definition.minGreaterThanMax",
        "steps.1.fields.0.min forms.definition.minGreaterThanMax",
        "steps.1.fields.4.min forms.definition.minGreaterThanMax",
        "steps.1.fields.4.min forms.definition.minAboveOptions",
        "steps.1.fields.6.minRows forms.definition.minGreaterThanMax",
      ]),
    );
  });

  describe("conditions", () => {
    const withCondition = (condition: unknown, at: [number, number] = [1, 5]) => {
      const definition = clone() as unknown as { steps: { fields: Record<string, unknown>[] }[] };
      definition.steps[at[0]]!.fields[at[1]]!.visibleWhen = condition;
      return problemsOf(definition).map((problem) => problem.key);
    };

    it("must refer to an existing, earlier field", () => {
      expect(withCondition({ field: "nope", op: "truthy" })).toEqual(["forms.definition.conditionUnknownField"]);
      expect(withCondition({ field: "otherReason", op: "truthy" })).toEqual(["forms.definition.conditionSelf"]);
      expect(withCondition({ field: "idCopy", op: "truthy" })).toEqual(["forms.definition.conditionLaterStep"]);
      expect(withCondition({ field: "members", op: "truthy" })).toEqual(["forms.definition.conditionLaterField"]);
      expect(withCondition({ field: "realName", op: "truthy" })).toEqual([]);
    });

    it("cannot reach into another group's rows from outside", () => {
      expect(withCondition({ field: "relation", op: "eq", value: "child" }, [2, 1])).toEqual([
        "forms.definition.conditionUnknownField",
      ]);
    });

    it("values must fit the field", () => {
      expect(withCondition({ field: "reasons", op: "eq", value: "nope" })).toEqual(["forms.definition.conditionValue"]);
      expect(withCondition({ field: "area", op: "gt", value: "5" })).toEqual(["forms.definition.conditionValue"]);
      expect(withCondition({ field: "area", op: "gt", value: 5 })).toEqual([]);
      expect(withCondition({ field: "startDate", op: "lt", value: "2025-01-01" })).toEqual([]);
      expect(withCondition({ field: "startDate", op: "lt", value: "soon" })).toEqual([
        "forms.definition.conditionValue",
      ]);
      expect(withCondition({ field: "realName", op: "in", value: "王" })).toEqual(["forms.definition.conditionValue"]);
      expect(withCondition({ field: "home", op: "eq", value: "x" })).toEqual(["forms.definition.conditionValue"]);
      expect(
        withCondition({
          any: [
            { field: "realName", op: "truthy" },
            {
              all: [
                { field: "area", op: "gt", value: 1 },
                { field: "ghost", op: "falsy" },
              ],
            },
          ],
        }),
      ).toEqual(["forms.definition.conditionUnknownField"]);
    });

    it("refuses nesting deeper than two levels (bounded parsing)", () => {
      const deep = { all: [{ any: [{ all: [{ field: "realName", op: "truthy" }] }] }] };
      expect(withCondition(deep)).not.toEqual([]);
    });
  });

  describe("cross-field rules", () => {
    const withRule = (rule: unknown) => {
      const definition = clone() as unknown as { rules: unknown[] };
      definition.rules = [rule];
      return problemsOf(definition).map((problem) => `${problem.path} ${problem.key}`);
    };

    it("must name existing fields of comparable types in order", () => {
      expect(withRule({ field: "endDate", op: "gt", other: "ghost" })).toEqual([
        "rules.0.other forms.definition.ruleUnknownField",
      ]);
      expect(withRule({ field: "endDate", op: "gt", other: "endDate" })).toEqual([
        "rules.0.other forms.definition.ruleSameField",
      ]);
      expect(withRule({ field: "endDate", op: "gt", other: "area" })).toEqual(["rules.0 forms.definition.ruleTypes"]);
      expect(withRule({ field: "realName", op: "lt", other: "email" })).toEqual(["rules.0 forms.definition.ruleTypes"]);
      expect(withRule({ field: "realName", op: "neq", other: "email" })).toEqual([]);
      expect(withRule({ field: "startDate", op: "lt", other: "memberName" })).toEqual([
        "rules.0.other forms.definition.ruleUnknownField",
      ]);
      expect(withRule({ field: "realName", op: "eq", other: "postcode" })).toEqual([
        "rules.0.other forms.definition.ruleLaterStep",
      ]);
    });
  });

  it("prefill sources must fit the type and cannot sit in a group", () => {
    const definition = clone();
    const email = definition.steps[0]!.fields[3]!;
    if (email.type !== "email") throw new Error("fixture changed");
    email.prefill = "profile.idNumber";
    const group = definition.steps[1]!.fields[6]!;
    if (group.type !== "group" || group.fields[0]!.type !== "text") throw new Error("fixture changed");
    group.fields[0]!.prefill = "profile.realName";
    expect(problemsOf(definition)).toEqual([
      { path: "steps.0.fields.3.prefill", key: "forms.definition.prefillType" },
      { path: "steps.1.fields.6.fields.0.prefill", key: "forms.definition.prefillInGroup" },
    ]);
  });

  describe("patterns", () => {
    const withPattern = (regex: string) => {
      const definition = clone();
      const postcode = definition.steps[2]!.fields[1]!;
      if (postcode.type !== "text") throw new Error("fixture changed");
      postcode.pattern = { regex };
      return problemsOf(definition).map((problem) => problem.key);
    };

    it("refuses regexes that do not compile", () => {
      expect(withPattern("[a-")).toEqual(["forms.definition.patternInvalid"]);
      expect(withPattern("(")).toEqual(["forms.definition.patternInvalid"]);
    });

    it("refuses catastrophic patterns: nested quantifiers and back-references", () => {
      for (const regex of ["(a+)+", "(a*)*b", "(\\d+){2,}", "((ab)*c)+", "(x?)*", "(.+)\\1", "(?:[a-z]+\\s?)+"]) {
        expect(isUnsafePattern(regex), regex).toBe(true);
        expect(withPattern(regex)).toEqual(["forms.definition.patternUnsafe"]);
      }
    });

    it("accepts everyday patterns", () => {
      for (const regex of [
        "\\d{6}",
        "[A-Z]{2}\\d+",
        "(\\d{3}-)?\\d{8}",
        "\\p{Script=Han}{2,10}",
        "(ab|cd){2}",
        "[(+)*]+",
        "\\(a+\\)+",
      ]) {
        expect(isUnsafePattern(regex), regex).toBe(false);
        expect(withPattern(regex), regex).toEqual([]);
      }
    });
  });

  describe("size caps against hostile definitions", () => {
    it("caps steps, fields per step, options and the whole form", () => {
      const field = (index: number) => ({ key: `f${index}`, type: "text", label: { zh: "字段" } });
      const manySteps = {
        version: 1,
        steps: Array.from({ length: FORM_LIMITS.steps + 1 }, (_, index) => ({
          id: `s${index}`,
          title: { zh: "步" },
          fields: [field(index)],
        })),
      };
      expect(problemsOf(manySteps)).toContainEqual({ path: "steps", key: "forms.definition.tooManySteps" });
      const wide = {
        version: 1,
        steps: [
          {
            id: "s",
            title: { zh: "步" },
            fields: Array.from({ length: FORM_LIMITS.fieldsPerStep + 1 }, (_, index) => field(index)),
          },
        ],
      };
      expect(problemsOf(wide)).toContainEqual({ path: "steps.0.fields", key: "forms.definition.tooManyFields" });
      const total = {
        version: 1,
        steps: Array.from({ length: 4 }, (_, step) => ({
          id: `s${step}`,
          title: { zh: "步" },
          fields: Array.from({ length: 80 }, (_, index) => field(step * 100 + index)),
        })),
      };
      expect(problemsOf(total)).toContainEqual({
        path: "steps",
        key: "forms.definition.tooManyFields",
        values: { max: FORM_LIMITS.fieldsTotal },
      });
    });

    it("refuses oversized JSON before parsing it, and text that is not JSON", () => {
      const big = JSON.stringify({ version: 1, steps: [], padding: "x".repeat(FORM_LIMITS.definitionBytes) });
      expect(parseDefinitionJson(big, context)).toEqual({
        ok: false,
        problems: [{ path: "", key: "forms.definition.tooLarge", values: { max: 256 } }],
      });
      expect(parseDefinitionJson("{not json", context)).toEqual({
        ok: false,
        problems: [{ path: "", key: "forms.definition.notJson" }],
      });
      expect(parseDefinitionJson(JSON.stringify(SAMPLE_FORM), context).ok).toBe(true);
    });

    it("survives wrong types anywhere without throwing", () => {
      for (const bad of [
        null,
        1,
        "x",
        [],
        { version: 1, steps: "x" },
        { version: 1, steps: [null] },
        { version: 1, steps: [{ id: 1, title: 2, fields: {} }] },
      ]) {
        expect(problemsOf(bad).length).toBeGreaterThan(0);
      }
    });

    it("keeps the problem list bounded", () => {
      const junk = {
        version: 1,
        steps: Array.from({ length: 20 }, () => ({
          id: "!",
          title: {},
          fields: Array.from({ length: 100 }, () => ({ type: "text" })),
        })),
      };
      expect(problemsOf(junk).length).toBeLessThanOrEqual(200);
    });

    it("the material check uses the codes the caller passes", () => {
      expect(problemsOf(SAMPLE_FORM, [])).toEqual([
        { path: "steps.2.fields.0.materialCode", key: "forms.definition.unknownMaterial", values: { code: "M001" } },
      ]);
    });
  });
});

describe("prefill", () => {
  const data = {
    profile: { realName: "王小明", idNumber: "11010519491231002X", phone: "13800138000", email: null },
    company: { name: "广安市鑫源商贸有限公司", creditCode: "91350100M000100Y43" },
  };

  it("fills the fields that name a source", () => {
    expect(prefillAnswers(SAMPLE_FORM, data)).toEqual({
      realName: "王小明",
      idNumber: "11010519491231002X",
      phone: "13800138000",
      creditCode: "91350100M000100Y43",
    });
  });

  it("never overwrites what the applicant already entered, and ignores missing data", () => {
    expect(prefillAnswers(SAMPLE_FORM, { profile: { realName: "王小明" } }, { realName: "李华", phone: "" })).toEqual({
      realName: "李华",
      phone: "",
    });
    expect(prefillAnswers(SAMPLE_FORM, {})).toEqual({});
  });

  it("drops a __proto__ key from the draft", () => {
    const draft = JSON.parse('{"__proto__": {"polluted": true}, "email": "a@b.cn"}');
    const answers = prefillAnswers(SAMPLE_FORM, {}, draft);
    expect(answers).toEqual({ email: "a@b.cn" });
    expect(Object.getPrototypeOf(answers)).toBe(Object.prototype);
  });
});
