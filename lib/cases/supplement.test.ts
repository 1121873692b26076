import { describe, expect, it } from "vitest";
import type { FormDefinition } from "../forms/definition";
import { supplementChoices, supplementListProblems } from "./supplement";

const definition = {
  version: 1,
  steps: [
    {
      id: "basic",
      title: { zh: "基本信息" },
      fields: [
        { key: "shopName", type: "text", label: { zh: "店铺名称", en: "Shop name" }, required: true },
        { key: "licenceCopy", type: "file", label: { zh: "营业执照" }, materialCode: "M1" },
        { key: "photo", type: "file", label: { zh: "门头照片" }, materialCode: "M9" },
      ],
    },
  ],
} as unknown as FormDefinition;

describe("what a supplement request may name", () => {
  const choices = supplementChoices({ definition, materials: [{ code: "M1", name: "营业执照副本" }] }, "zh-CN");

  it("offers the version's materials (and file fields' materials it lacks) and the form's other answers", () => {
    expect(choices).toEqual({
      materials: [
        { code: "M1", name: "营业执照副本" },
        { code: "M9", name: "门头照片" },
      ],
      fields: [{ key: "shopName", label: "店铺名称" }],
    });
  });

  it("refuses an empty request, an entry naming nothing, and names the case does not have", () => {
    expect(
      supplementListProblems(
        [
          { materialCode: "M1", note: "不清晰" },
          { field: "shopName", note: "与执照不一致" },
        ],
        choices,
      ),
    ).toEqual({});
    expect(supplementListProblems([], choices)).toEqual({ supplementList: "cases.errors.required" });
    expect(supplementListProblems([{ note: "请补充" }], choices)).toEqual({
      supplementList: "cases.errors.supplementUnknown",
    });
    expect(supplementListProblems([{ materialCode: "resolution", note: "x" }], choices)).toEqual({
      supplementList: "cases.errors.supplementUnknown",
    });
    expect(supplementListProblems([{ field: "licenceCopy", note: "x" }], choices)).toEqual({
      supplementList: "cases.errors.supplementUnknown",
    });
  });
});
