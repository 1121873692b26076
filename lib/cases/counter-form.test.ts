import { describe, expect, it } from "vitest";
import type { FormDefinition } from "../forms/definition";
import { counterDefinition } from "./counter-form";

const form: FormDefinition = {
  version: 1,
  steps: [
    {
      id: "who",
      title: { zh: "申请人" },
      fields: [
        { key: "shopName", type: "text", label: { zh: "店名" }, required: true },
        { key: "licenceCopy", type: "file", label: { zh: "营业执照" }, materialCode: "M1", required: true },
      ],
    },
    {
      id: "papers",
      title: { zh: "材料" },
      fields: [{ key: "photos", type: "file", label: { zh: "照片" }, materialCode: "M2" }],
    },
  ],
} as unknown as FormDefinition;

describe("the counter's form", () => {
  it("keeps every field but uploads, and drops steps left empty", () => {
    const counter = counterDefinition(form);
    expect(counter?.steps.map((step) => [step.id, step.fields.map((field) => field.key)])).toEqual([
      ["who", ["shopName"]],
    ]);
  });

  it("drops rules about removed fields and is null when only uploads were asked", () => {
    const withRules = {
      ...form,
      rules: [{ field: "shopName", op: "ne", other: "licenceCopy" }],
    } as unknown as FormDefinition;
    expect(counterDefinition(withRules)?.rules).toEqual([]);
    expect(counterDefinition({ ...form, steps: [form.steps[1]!] })).toBeNull();
  });
});
