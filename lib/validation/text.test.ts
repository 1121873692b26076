import { describe, expect, it } from "vitest";
import { SignIn } from "../accounts/schemas";
import { AskInput } from "../consultations/schemas";
import { CatalogueFilters } from "../catalogue/filters";
import { compileAnswersSchema } from "../forms/compile";
import type { FormDefinition } from "../forms/definition";
import { DepartmentInput, StaffCreateInput } from "../reference/schemas";
import { isSafeText, nameText, text, TEXT_ERRORS, unsafeTextProblem } from "./text";

const CONTROL = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\u000b",
  "\u000c",
  "\u001b",
  "\u001f",
  "\u007f",
  "\u0080",
  "\u0085",
  "\u009f",
];
const FORMATTING = [
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200e",
  "\u200f",
  "\u061c",
  "\ufeff",
];
const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("the shared text primitive", () => {
  it("refuses every C0 and C1 control, DEL, bidi control and BOM, in one line and in many", () => {
    for (const character of [...CONTROL, ...FORMATTING]) {
      const value = `上海${character}市`;
      expect(unsafeTextProblem(value, "line"), JSON.stringify(character)).toBe(TEXT_ERRORS.control);
      expect(unsafeTextProblem(value, "multiline"), JSON.stringify(character)).toBe(TEXT_ERRORS.control);
      expect(messages(text().safeParse(value))).toEqual([TEXT_ERRORS.control]);
    }
  });

  it("refuses lone surrogate halves and noncharacters but keeps characters outside the BMP", () => {
    expect(isSafeText("a\ud800b")).toBe(false);
    expect(isSafeText("a\udc00b")).toBe(false);
    expect(isSafeText("a\uffffb")).toBe(false);
    expect(isSafeText("𠮷野家 😀")).toBe(true);
  });

  it("allows tab and line breaks only in multi-line text, with their own message", () => {
    for (const character of ["\t", "\n", "\r", "\u2028"]) {
      expect(unsafeTextProblem(`第一行${character}第二行`, "line")).toBe(TEXT_ERRORS.lineBreak);
    }
    expect(unsafeTextProblem("第一行\r\n\t第二行", "multiline")).toBeNull();
    expect(text({ multiline: true }).safeParse("第一行\n第二行").data).toBe("第一行\n第二行");
    expect(messages(text().safeParse("第一行\n第二行"))).toEqual([TEXT_ERRORS.lineBreak]);
  });

  it("trims first (a trailing newline or BOM is whitespace, not a refusal), unless told not to", () => {
    expect(text().safeParse("  张三\n").data).toBe("张三");
    expect(text().safeParse("\ufeff张三").data).toBe("张三");
    expect(text({ trim: false }).safeParse(" 张三 ").data).toBe(" 张三 ");
  });

  it("reports the character problem before the field's own rules, which still apply", () => {
    expect(messages(text().min(2, "short").safeParse("\u0000"))).toEqual([TEXT_ERRORS.control, "short"]);
    expect(messages(text().max(3, "long").safeParse("abcd"))).toEqual(["long"]);
  });

  it("names also refuse zero-width characters", () => {
    expect(isSafeText("张\u200b三")).toBe(true);
    for (const character of ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"]) {
      expect(messages(nameText().safeParse(`张${character}三`))).toEqual([TEXT_ERRORS.control]);
    }
    expect(nameText().safeParse("阿依古丽·买买提").success).toBe(true);
  });

  it("is what the schemas use: person and department names, titles, bodies, codes, searches", () => {
    const person = SignIn.safeParse({ username: "13800138000\u0000", password: "x" });
    expect(person.error?.issues.find((issue) => issue.path[0] === "username")?.message).toBe(TEXT_ERRORS.control);
    const staff = StaffCreateInput.safeParse({
      loginName: "clerk\u0000",
      realName: "李\u2066四",
      role: "PLATFORM_ADMIN",
      password: "Passw0rd!1",
      confirmPassword: "Passw0rd!1",
    });
    expect(staff.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual(
      expect.arrayContaining([
        ["loginName", TEXT_ERRORS.control],
        ["realName", TEXT_ERRORS.control],
      ]),
    );
    const department = DepartmentInput.safeParse({
      code: "x",
      name: "市场监督管理局\u0085",
      nameEn: "x",
      kind: "market",
      regionCode: "310000000000",
    });
    expect(department.error?.issues.find((issue) => issue.path[0] === "name")?.message).toBe(TEXT_ERRORS.control);
    const ask = AskInput.safeParse({
      kind: "QUESTION",
      itemCode: "A-1",
      title: "请问\n怎么办",
      body: "第一行\n第二行\u0000",
    });
    expect(ask.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["title", TEXT_ERRORS.lineBreak],
      ["body", TEXT_ERRORS.control],
    ]);
    expect(messages(CatalogueFilters.shape.q.safeParse("\u0000"))).toEqual([TEXT_ERRORS.control]);
    expect(CatalogueFilters.shape.q.safeParse("  社保  ").data).toBe("社保");
  });

  it("guards the answers of every compiled application form", () => {
    const definition = {
      version: 1,
      steps: [
        {
          id: "s",
          title: { zh: "步骤" },
          fields: [
            { key: "name", type: "text", label: { zh: "名称" } },
            { key: "story", type: "textarea", label: { zh: "说明" } },
          ],
        },
      ],
    } as unknown as FormDefinition;
    const schema = compileAnswersSchema(definition);
    const result = schema.safeParse({ name: "公司\u202e", story: "第一行\n第二行" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["name", TEXT_ERRORS.control],
    ]);
    expect(schema.safeParse({ name: "公司", story: "第一行\n第二行" }).success).toBe(true);
    expect(schema.safeParse({ name: "第一行\n第二行" }).error?.issues.map((issue) => issue.message)).toEqual([
      TEXT_ERRORS.lineBreak,
    ]);
  });
});
