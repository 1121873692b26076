import { describe, expect, it } from "vitest";
import { FormDefinition } from "../forms/definition";
import { deriveKeys, PiiDecryptError } from "../security/pii";
import { openAnswers, sealAnswers } from "./answer-secrets";

const KEY = deriveKeys(Buffer.alloc(32, 3));
const definition = FormDefinition.parse({
  version: 1,
  steps: [
    {
      id: "basic",
      title: { zh: "基本信息", en: "Basic" },
      fields: [
        { key: "realName", type: "text", label: { zh: "姓名", en: "Name" } },
        { key: "idNumber", type: "idNumber", label: { zh: "身份证号", en: "ID" } },
        { key: "phone", type: "phone", label: { zh: "电话", en: "Phone" } },
        {
          key: "members",
          type: "group",
          label: { zh: "家庭成员", en: "Members" },
          fields: [
            { key: "name", type: "text", label: { zh: "姓名", en: "Name" } },
            { key: "memberIdNumber", type: "idNumber", label: { zh: "身份证号", en: "ID" } },
          ],
        },
      ],
    },
  ],
});

describe("secret answers", () => {
  const answers = {
    realName: "张三",
    idNumber: "11010519491231002X",
    phone: "13912345678",
    members: [{ name: "李四", memberIdNumber: "11010519491231002X" }],
  };

  it("encrypts ID numbers and phones (also in group rows), leaves other answers, and opens them again", () => {
    const sealed = sealAnswers(definition, answers, KEY);
    expect(JSON.stringify(sealed)).not.toMatch(/11010519491231002X|13912345678/);
    expect(sealed.realName).toBe("张三");
    expect((sealed.members as { name: string }[])[0]?.name).toBe("李四");
    expect(openAnswers(definition, sealed, KEY)).toEqual(answers);
    expect(sealAnswers(definition, sealed, KEY)).toEqual(sealed);
    expect(openAnswers(definition, answers, KEY)).toEqual(answers);
    expect(() => openAnswers(definition, sealed, deriveKeys(Buffer.alloc(32, 4)))).toThrow(PiiDecryptError);
  });
});
