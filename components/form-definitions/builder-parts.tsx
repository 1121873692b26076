"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import {
  COMPARE_OPS,
  CONDITION_OPS,
  type Condition,
  type ConditionLeaf,
  type CrossFieldRule,
  FIELD_TYPES,
  type FieldDef,
  type FieldType,
  localize,
  PREFILL_SOURCES,
} from "@/lib/forms/definition";

/**
 * Pieces of the form builder: the editor of one field (type, key, labels, rules, options, conditions, material,
 * group children, prefill), the condition editor and the cross-field rule editor. Every control has a plain visible
 * label, scoped by the fieldset of its field ("字段 2：姓名"), so people and Playwright find it by name.
 */

/** A field being edited: the definition's shape, loosened because a draft may be half-written. */
export type DraftField = Partial<FieldDef> & {
  key: string;
  type: FieldType;
  label: { zh: string; en?: string };
} & Record<string, unknown>;
export type Problem = { path: string; key: string; values?: Record<string, string | number> };
export type Material = { code: string; name: string };
/** A field that a condition or rule may refer to: key, label and what kind of value it holds. */
export type FieldRef = { key: string; label: string; type: FieldType; options?: { value: string; label: string }[] };

/** Localised text of a definition problem; values default so a message never lacks a placeholder. */
export function useProblemText() {
  const t = useTranslations();
  return (problem: Problem) => {
    if (!t.has(problem.key as never)) return t("forms.definition.invalid");
    return t(problem.key as never, { key: "", value: "", code: "", max: "", ...problem.values } as never);
  };
}

/** Problems as a list; `where` prefixes each with where it is ("步骤 1 · realName") when shown away from the editor. */
export function ProblemList({
  problems,
  where,
}: Readonly<{ problems: Problem[]; where?: (problem: Problem) => string }>) {
  const text = useProblemText();
  if (problems.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1 rounded border-2 border-accent-600 bg-white p-2 text-sm font-semibold text-accent-600">
      {problems.map((problem, index) => (
        <li key={`${problem.path}-${problem.key}-${index}`}>
          <span aria-hidden="true">✕ </span>
          {where?.(problem)}
          {text(problem)}
        </li>
      ))}
    </ul>
  );
}

export function TextInput({
  id,
  label,
  value,
  onChange,
  hint,
  ...rest
}: Readonly<{
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  placeholder?: string;
  className?: string;
}>) {
  return (
    <div className={`flex flex-col gap-1 ${rest.className ?? ""}`}>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-ink-muted">
          {hint}
        </p>
      )}
      <Input
        id={id}
        type="text"
        value={value}
        placeholder={rest.placeholder}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
        className="w-full"
      />
    </div>
  );
}

export function NumberInput({
  id,
  label,
  value,
  onChange,
}: Readonly<{ id: string; label: string; value: number | undefined; onChange: (value: number | undefined) => void }>) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <Input
        id={id}
        type="number"
        value={value ?? ""}
        onChange={(event) =>
          onChange(
            event.target.value === "" || !Number.isFinite(Number(event.target.value))
              ? undefined
              : Number(event.target.value),
          )
        }
        className="w-full"
      />
    </div>
  );
}

export function SelectInput({
  id,
  label,
  value,
  onChange,
  options,
}: Readonly<{
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}>) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)} className="w-full">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
}: Readonly<{ id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }>) {
  return (
    <label htmlFor={id} className="flex min-h-11 items-center gap-2 font-semibold">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        className="h-5 w-5"
      />
      {label}
    </label>
  );
}

/** Sets or deletes an optional property (an empty text or undefined removes it, keeping the JSON tidy). */
export function setOptional<T extends Record<string, unknown>>(target: T, key: string, value: unknown) {
  if (
    value === undefined ||
    value === "" ||
    (typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every((part) => part === undefined || part === ""))
  ) {
    delete target[key];
  } else (target as Record<string, unknown>)[key] = value;
}

/** `{ zh, en }` from two inputs; English left out when empty. */
export function bilingual(zh: string, en: string | undefined): { zh: string; en?: string } {
  return en ? { zh, en } : { zh };
}

const OP_NEEDS_VALUE = new Set(["eq", "neq", "in", "notIn", "gt", "lt"]);

/** Turns what was typed into the value a condition on this field needs (numbers for number fields, lists for in/notIn). */
function conditionValue(target: FieldRef | undefined, op: string, text: string): ConditionLeaf["value"] {
  if (!OP_NEEDS_VALUE.has(op)) return undefined;
  const one = (part: string) =>
    target?.type === "number" && part.trim() !== "" && Number.isFinite(Number(part)) ? Number(part) : part.trim();
  if (op === "in" || op === "notIn")
    return text
      .split(/[,，、]/)
      .map(one)
      .filter((part) => part !== "");
  return one(text);
}

function valueText(value: ConditionLeaf["value"]): string {
  if (value === undefined) return "";
  return Array.isArray(value) ? value.join(",") : String(value);
}

/**
 * Edits visibleWhen / requiredWhen: none, one condition, or all / any of several. Nested groups (possible in
 * JSON) are shown read-only with a pointer to the JSON tab, so nothing is lost by a visual edit.
 */
export function ConditionEditor({
  id,
  legend,
  value,
  onChange,
  fields,
}: Readonly<{
  id: string;
  legend: string;
  value: Condition | undefined;
  onChange: (value: Condition | undefined) => void;
  fields: FieldRef[];
}>) {
  const t = useTranslations("forms.builder");
  const mode = !value ? "none" : "all" in value ? "all" : "any" in value ? "any" : "all";
  const list: Condition[] = !value ? [] : "all" in value ? value.all : "any" in value ? value.any : [value];
  const nested = list.some((entry) => "all" in entry || "any" in entry);
  const emit = (nextMode: string, leaves: Condition[]) => {
    if (nextMode === "none" || leaves.length === 0) return onChange(undefined);
    if (leaves.length === 1 && !("all" in leaves[0]!) && !("any" in leaves[0]!))
      return onChange(nextMode === "any" ? { any: leaves } : leaves[0]);
    onChange(nextMode === "any" ? { any: leaves } : { all: leaves });
  };
  const newLeaf = (): ConditionLeaf => {
    const target = fields[0];
    return {
      field: target?.key ?? "",
      op: target?.options?.length ? "eq" : "truthy",
      ...(target?.options?.length ? { value: target.options[0]!.value } : {}),
    };
  };
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-line p-2">
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      <SelectInput
        id={`${id}-mode`}
        label={t("conditionMode", { what: legend })}
        value={mode}
        onChange={(next) => emit(next, next === "none" ? [] : list.length > 0 ? list : [newLeaf()])}
        options={[
          { value: "none", label: t("conditionNone") },
          { value: "all", label: t("conditionAll") },
          { value: "any", label: t("conditionAny") },
        ]}
      />
      {nested ? (
        <p className="text-sm">{t("conditionNested")}</p>
      ) : (
        list.map((entry, index) => {
          const leaf = entry as ConditionLeaf;
          const target = fields.find((field) => field.key === leaf.field);
          const leafId = `${id}-${index}`;
          const replace = (next: ConditionLeaf) =>
            emit(
              mode,
              list.map((other, at) => (at === index ? next : other)),
            );
          const opLabel = (op: string) => t(`op.${op}` as never);
          return (
            <div key={index} className="grid gap-2 rounded bg-surface p-2 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
              <SelectInput
                id={`${leafId}-field`}
                label={t("conditionField", { index: index + 1 })}
                value={leaf.field}
                onChange={(key) =>
                  replace({ field: key, op: leaf.op, ...(leaf.value !== undefined ? { value: leaf.value } : {}) })
                }
                options={[
                  ...(target ? [] : [{ value: leaf.field, label: leaf.field || t("chooseField") }]),
                  ...fields.map((field) => ({ value: field.key, label: `${field.label}（${field.key}）` })),
                ]}
              />
              <SelectInput
                id={`${leafId}-op`}
                label={t("conditionOp", { index: index + 1 })}
                value={leaf.op}
                onChange={(op) => {
                  const next: ConditionLeaf = { field: leaf.field, op: op as ConditionLeaf["op"] };
                  const carried = conditionValue(target, op, valueText(leaf.value));
                  if (carried !== undefined) next.value = carried;
                  replace(next);
                }}
                options={CONDITION_OPS.map((op) => ({ value: op, label: opLabel(op) }))}
              />
              {OP_NEEDS_VALUE.has(leaf.op) ? (
                target?.options && (leaf.op === "eq" || leaf.op === "neq") ? (
                  <SelectInput
                    id={`${leafId}-value`}
                    label={t("conditionValue", { index: index + 1 })}
                    value={valueText(leaf.value)}
                    onChange={(text) => replace({ ...leaf, value: text })}
                    options={[
                      ...(target.options.some((option) => option.value === valueText(leaf.value))
                        ? []
                        : [{ value: valueText(leaf.value), label: t("chooseValue") }]),
                      ...target.options,
                    ]}
                  />
                ) : (
                  <TextInput
                    id={`${leafId}-value`}
                    label={t("conditionValue", { index: index + 1 })}
                    hint={
                      leaf.op === "in" || leaf.op === "notIn"
                        ? t("conditionListHint")
                        : target?.type === "date"
                          ? t("dateHint")
                          : undefined
                    }
                    value={valueText(leaf.value)}
                    onChange={(text) => replace({ ...leaf, value: conditionValue(target, leaf.op, text) })}
                  />
                )
              ) : (
                <span />
              )}
              <Button
                type="button"
                variant="danger"
                onClick={() =>
                  emit(
                    mode,
                    list.filter((_, at) => at !== index),
                  )
                }
              >
                {t("removeCondition", { index: index + 1 })}
              </Button>
            </div>
          );
        })
      )}
      {!nested && mode !== "none" && (
        <Button
          type="button"
          variant="secondary"
          className="self-start"
          onClick={() => emit(mode, [...list, newLeaf()])}
        >
          {t("addCondition", { what: legend })}
        </Button>
      )}
    </fieldset>
  );
}

/** Cross-field rules ("结束日期 晚于 开始日期") for the whole form or for the rows of a group. */
export function RulesEditor({
  id,
  legend,
  rules,
  onChange,
  fields,
}: Readonly<{
  id: string;
  legend: string;
  rules: CrossFieldRule[];
  onChange: (rules: CrossFieldRule[]) => void;
  fields: FieldRef[];
}>) {
  const t = useTranslations("forms.builder");
  const comparable = fields.filter(
    (field) =>
      field.type !== "group" && field.type !== "file" && field.type !== "address" && field.type !== "checkboxes",
  );
  const fieldOptions = (current: string) => [
    ...(comparable.some((field) => field.key === current)
      ? []
      : [{ value: current, label: current || t("chooseField") }]),
    ...comparable.map((field) => ({ value: field.key, label: `${field.label}（${field.key}）` })),
  ];
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-line p-2">
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      {rules.length === 0 && <p className="text-sm text-ink-muted">{t("noRules")}</p>}
      {rules.map((rule, index) => {
        const ruleId = `${id}-${index}`;
        const replace = (next: CrossFieldRule) => onChange(rules.map((other, at) => (at === index ? next : other)));
        return (
          <div key={index} className="grid gap-2 rounded bg-surface p-2 sm:grid-cols-2">
            <SelectInput
              id={`${ruleId}-field`}
              label={t("ruleField", { index: index + 1 })}
              value={rule.field}
              onChange={(field) => replace({ ...rule, field })}
              options={fieldOptions(rule.field)}
            />
            <SelectInput
              id={`${ruleId}-op`}
              label={t("ruleOp", { index: index + 1 })}
              value={rule.op}
              onChange={(op) => replace({ ...rule, op: op as CrossFieldRule["op"] })}
              options={COMPARE_OPS.map((op) => ({ value: op, label: t(`compare.${op}` as never) }))}
            />
            <SelectInput
              id={`${ruleId}-other`}
              label={t("ruleOther", { index: index + 1 })}
              value={rule.other}
              onChange={(other) => replace({ ...rule, other })}
              options={fieldOptions(rule.other)}
            />
            <TextInput
              id={`${ruleId}-message`}
              label={t("ruleMessage", { index: index + 1 })}
              value={rule.message?.zh ?? ""}
              onChange={(zh) => {
                const next: CrossFieldRule = { field: rule.field, op: rule.op, other: rule.other };
                if (zh) next.message = bilingual(zh, rule.message?.en);
                replace(next);
              }}
            />
            <Button
              type="button"
              variant="danger"
              className="self-start"
              onClick={() => onChange(rules.filter((_, at) => at !== index))}
            >
              {t("removeRule", { index: index + 1 })}
            </Button>
          </div>
        );
      })}
      <Button
        type="button"
        variant="secondary"
        className="self-start"
        disabled={comparable.length < 2}
        onClick={() =>
          onChange([...rules, { field: comparable[1]?.key ?? "", op: "gt", other: comparable[0]?.key ?? "" }])
        }
      >
        {t("addRule")}
      </Button>
      {comparable.length < 2 && <p className="text-xs text-ink-muted">{t("rulesNeedTwo")}</p>}
    </fieldset>
  );
}

/** Fields of a definition as condition/rule targets. */
export function fieldRef(field: DraftField, locale: string): FieldRef {
  const options = Array.isArray(field.options)
    ? (field.options as { value: string; label: { zh: string; en?: string } }[]).map((option) => ({
        value: option.value,
        label: localize(option.label, locale) || option.value,
      }))
    : undefined;
  return { key: field.key, label: localize(field.label, locale) || field.key, type: field.type, options };
}

export const TYPE_ORDER: readonly FieldType[] = FIELD_TYPES;
export const PREFILLS = PREFILL_SOURCES;

export function Row({ children }: Readonly<{ children: ReactNode }>) {
  return <div className="grid gap-2 sm:grid-cols-2">{children}</div>;
}
