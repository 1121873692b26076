"use client";

import { useTranslations } from "next-intl";
import {
  type Control,
  type FieldErrors,
  type FieldValues,
  get,
  useFieldArray,
  type UseFormRegister,
} from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Checkbox, CheckboxGroup, fieldId, type Option, Select, TextArea, TextInput } from "./fields";

/** One column of a list entry: how to edit it. */
export type ColumnSpec =
  | { name: string; label: string; kind: "text" | "number"; hint?: string }
  | { name: string; label: string; kind: "textarea"; hint?: string }
  | { name: string; label: string; kind: "select"; options: Option[]; allowEmpty?: string; hint?: string }
  | { name: string; label: string; kind: "checkbox"; hint?: string }
  | { name: string; label: string; kind: "checkboxes"; options: Option[]; hint?: string };

type Props = {
  name: string;
  title: string;
  /** Names one entry for buttons and headings ("材料 2"). */
  entryLabel: string;
  columns: ColumnSpec[];
  /** A new, empty entry. */
  blank: () => Record<string, unknown>;
  control: Control<FieldValues>;
  register: UseFormRegister<FieldValues>;
  errors: FieldErrors;
  disabled?: boolean;
  /** Extra controls per entry (uploads of a material's blank form and sample). */
  extra?: (index: number) => React.ReactNode;
  max?: number;
};

/**
 * A list of records (legal bases, materials, fees, windows …): add, remove, move up and down. Each entry is a
 * fieldset named after its position so screen readers announce where they are; the list's own error (for example
 * "at least one legal basis") is shown under its heading.
 */
export function ListEditor({
  name,
  title,
  entryLabel,
  columns,
  blank,
  control,
  register,
  errors,
  disabled,
  extra,
  max = 100,
}: Props) {
  const t = useTranslations("catalogueAdmin.editor");
  const tAll = useTranslations();
  const { fields, append, remove, move } = useFieldArray({ control, name });
  const listError = (get(errors, name) as { message?: string } | undefined)?.message;
  return (
    <div className="flex flex-col gap-3" id={fieldId(name)}>
      <h3 className="text-lg font-bold">{title}</h3>
      {typeof listError === "string" && (
        <p className="font-semibold text-accent-600">
          <span aria-hidden="true">✕ </span>
          {tAll.has(listError) ? tAll(listError) : listError}
        </p>
      )}
      {fields.length === 0 && <p className="text-ink-muted">{t("emptyList")}</p>}
      <ol className="flex flex-col gap-4">
        {fields.map((field, index) => (
          <li key={field.id}>
            <fieldset className="rounded border border-line p-3">
              <legend className="px-1 font-semibold">
                {entryLabel} {index + 1}
              </legend>
              <div className="grid gap-3 sm:grid-cols-2">
                {columns.map((column) => {
                  const path = `${name}.${index}.${column.name}`;
                  const common = { name: path, label: column.label, hint: column.hint, register, errors, disabled };
                  switch (column.kind) {
                    case "text":
                    case "number":
                      return <TextInput key={path} {...common} type={column.kind} />;
                    case "textarea":
                      return <TextArea key={path} {...common} />;
                    case "select":
                      return <Select key={path} {...common} options={column.options} allowEmpty={column.allowEmpty} />;
                    case "checkbox":
                      return <Checkbox key={path} {...common} />;
                    case "checkboxes":
                      return <CheckboxGroup key={path} {...common} options={column.options} />;
                  }
                })}
              </div>
              {extra?.(index)}
              {!disabled && (
                <div className="mt-3 flex flex-wrap gap-2">
                  <Button type="button" onClick={() => move(index, index - 1)} disabled={index === 0} variant="quiet">
                    {t("moveUp")}
                    <span className="sr-only">
                      ：{entryLabel} {index + 1}
                    </span>
                  </Button>
                  <Button
                    type="button"
                    onClick={() => move(index, index + 1)}
                    disabled={index === fields.length - 1}
                    variant="quiet"
                  >
                    {t("moveDown")}
                    <span className="sr-only">
                      ：{entryLabel} {index + 1}
                    </span>
                  </Button>
                  <Button type="button" onClick={() => remove(index)} variant="danger">
                    {t("remove")}
                    <span className="sr-only">
                      ：{entryLabel} {index + 1}
                    </span>
                  </Button>
                </div>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      {!disabled && fields.length < max && (
        <Button type="button" onClick={() => append(blank())} variant="secondary" className="self-start">
          {t("add", { entry: entryLabel })}
        </Button>
      )}
    </div>
  );
}
