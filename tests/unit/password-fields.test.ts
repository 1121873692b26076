import { readFileSync } from "node:fs";
import path from "node:path";
import { NextIntlClientProvider } from "next-intl";
import { type ComponentProps, createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { useForm } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { PasswordFields, type PasswordFieldsLabel, type PasswordPairField } from "@/components/form/password-fields";
import { messagesFor } from "@/lib/i18n/messages";

/**
 * components/form/password-fields.tsx: the new password typed twice, shared by registration, 找回密码 and 修改密码.
 * Rendered to HTML as the server sends it (the page without JavaScript): each input has its label, the
 * autocomplete a password manager needs, and its hint and error named by aria-describedby.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

function Harness({
  label,
  errors,
}: Readonly<{ label: PasswordFieldsLabel; errors: Partial<Record<PasswordPairField, string>> }>) {
  const form = useForm<{ password: string; confirmPassword: string }>();
  return createElement(PasswordFields, { label, register: form.register, errorOf: (field) => errors[field] });
}

function render(label: PasswordFieldsLabel, errors: Partial<Record<PasswordPairField, string>> = {}): string {
  return renderToStaticMarkup(
    createElement(
      // Typed with children optional, so the child can be passed as createElement's third argument.
      NextIntlClientProvider as (props: Omit<ComponentProps<typeof NextIntlClientProvider>, "children">) => ReactNode,
      { locale: "zh-CN", messages: messagesFor("zh-CN"), timeZone: "Asia/Shanghai" },
      createElement(Harness, { label, errors }),
    ),
  );
}

/** The attributes of the input with this id, names in lower case as HTML reads them (React writes `autoComplete`). */
function input(html: string, id: string): Record<string, string> {
  const tag = [...html.matchAll(/<input\b([^>]*)>/g)].find((match) => match[1]!.includes(` id="${id}"`));
  expect(tag, `an input with id ${id}`).toBeDefined();
  return Object.fromEntries(
    [...tag![1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((match) => [match[1]!.toLowerCase(), match[2]!]),
  );
}

function labelFor(html: string, id: string): string | undefined {
  return new RegExp(`<label for="${id}"[^>]*>([^<]*)</label>`).exec(html)?.[1];
}

function textOf(html: string, id: string): string | undefined {
  return new RegExp(`<p id="${id}"[^>]*>(.*?)</p>`).exec(html)?.[1]?.replace(/<[^>]+>/g, "");
}

describe("PasswordFields", () => {
  it("labels both inputs, names them as the schema does and asks for a new password", () => {
    const html = render("password");
    expect(labelFor(html, "password")).toBe("密码");
    expect(labelFor(html, "confirmPassword")).toBe("确认密码");
    for (const id of ["password", "confirmPassword"]) {
      expect(input(html, id)).toMatchObject({ name: id, type: "password", autocomplete: "new-password" });
      expect(input(html, id)).not.toHaveProperty("aria-invalid");
    }
    expect(input(html, "password")["aria-describedby"]).toBe("password-hint");
    expect(textOf(html, "password-hint")).toContain("至少 10 位");
    expect(input(html, "confirmPassword")).not.toHaveProperty("aria-describedby");
  });

  it("calls the first field 新密码 where one password replaces another", () => {
    const html = render("newPassword");
    expect(labelFor(html, "password")).toBe("新密码");
    expect(labelFor(html, "confirmPassword")).toBe("确认密码");
  });

  it("shows each field's error as text, translated from its message key, and points the input at it", () => {
    const html = render("newPassword", {
      password: "errors.password.tooShort",
      confirmPassword: "errors.password.mismatch",
    });
    expect(input(html, "password")).toMatchObject({
      "aria-invalid": "true",
      "aria-describedby": "password-hint password-error",
    });
    expect(textOf(html, "password-error")).toContain("密码至少 10 位。");
    expect(input(html, "confirmPassword")).toMatchObject({
      "aria-invalid": "true",
      "aria-describedby": "confirmPassword-error",
    });
    expect(textOf(html, "confirmPassword-error")).toContain("两次输入的密码不一致。");
  });

  it("is how registration, 找回密码 and 修改密码 ask for the new password", () => {
    for (const file of [
      "app/(portal)/register/register-form.tsx",
      "app/(portal)/login/forgot-password/reset-form.tsx",
      "app/(portal)/account/password/change-password-form.tsx",
    ]) {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      expect(source, file).toContain("<PasswordFields ");
      expect(source, file).not.toContain('autoComplete="new-password"');
    }
  });
});
