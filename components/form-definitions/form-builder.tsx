"use client";

import { useLocale, useTranslations } from "next-intl";
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import {
  type CrossFieldRule,
  type FieldType,
  type FormDefinition,
  emptyFormDefinition,
  FormDefinition as FormDefinitionSchema,
  localize,
  type RegionOption,
} from "@/lib/forms/definition";
import { validateFormDefinition } from "@/lib/forms/validate-definition";
import {
  bilingual,
  Checkbox,
  ConditionEditor,
  type DraftField,
  type FieldRef,
  fieldRef,
  type Material,
  NumberInput,
  PREFILLS,
  type Problem,
  ProblemList,
  Row,
  RulesEditor,
  SelectInput,
  setOptional,
  TextInput,
  TYPE_ORDER,
  useProblemText,
} from "./builder-parts";
import { FormRenderer } from "./form-renderer";

/**
 * Props of {@link FormBuilder}.
 */
export type FormBuilderProps = Readonly<{
  /** The definition being edited (may be half-written; `null`/`undefined` starts from one empty step). */
  value: FormDefinition | null | undefined;
  /** Called with the whole new definition on every edit (not necessarily valid: see the problems it shows). */
  onChange: (value: FormDefinition) => void;
  /** The item's materials; file fields bind to one of them (and validation refuses other codes). */
  materials: readonly Material[];
  /** Regions for the preview's address cascade (`{ code, name, nameEn, parentCode, level }`). */
  regions?: readonly RegionOption[];
  /** When set, the definition is also emitted as JSON in `<input type="hidden" name={name}>` for a plain form post. */
  name?: string;
}>;

type DraftStep = {
  id: string;
  title: { zh: string; en?: string };
  description?: { zh: string; en?: string };
  fields: DraftField[];
};
type Draft = { version: 1; steps: DraftStep[]; rules?: CrossFieldRule[] };

/** Reads whatever arrived (a stored draft, JSON typed by hand) into the shape the editor walks, never throwing. */
function asDraft(value: unknown): Draft {
  const source = (value && typeof value === "object" ? value : emptyFormDefinition()) as Partial<Draft>;
  const steps = Array.isArray(source.steps) ? source.steps : [];
  return {
    ...(source as object),
    version: 1,
    steps: steps.map((step) => ({
      ...(step as object),
      id: typeof step?.id === "string" ? step.id : "",
      title: step?.title && typeof step.title === "object" ? step.title : { zh: "" },
      fields: Array.isArray(step?.fields) ? step.fields.filter((field) => field && typeof field === "object") : [],
    })),
  } as Draft;
}

function allKeys(draft: Draft): Set<string> {
  const keys = new Set<string>();
  for (const step of draft.steps) {
    for (const field of step.fields) {
      keys.add(field.key);
      if (Array.isArray(field.fields)) for (const child of field.fields as DraftField[]) keys.add(child.key);
    }
  }
  return keys;
}

function uniqueKey(base: string, used: Set<string>): string {
  for (let n = 1; ; n++) {
    const key = `${base}${n}`;
    if (!used.has(key)) return key;
  }
}

const CHOICE_TYPES = new Set<FieldType>(["select", "radio", "checkboxes"]);
const PREFILL_TYPES = new Set<FieldType>(["text", "idNumber", "phone", "email", "creditCode"]);

/** The field with another type: common settings kept, settings of the old type dropped, the new type's defaults added. */
function retype(field: DraftField, type: FieldType, materials: readonly Material[], used: Set<string>): DraftField {
  const next: DraftField = { key: field.key, type, label: field.label };
  for (const common of ["help", "required", "visibleWhen", "requiredWhen"] as const)
    if (field[common] !== undefined) next[common] = field[common] as never;
  if (CHOICE_TYPES.has(type))
    next.options = (
      Array.isArray(field.options) ? field.options : [{ value: "1", label: { zh: "选项 1", en: "Option 1" } }]
    ) as never;
  if (type === "file") next.materialCode = (materials[0]?.code ?? "") as never;
  if (type === "group")
    next.fields = [{ key: uniqueKey("item", used), type: "text", label: { zh: "子字段", en: "Item" } }] as never;
  if (PREFILL_TYPES.has(type) && field.prefill) next.prefill = field.prefill as never;
  return next;
}

function move<T>(list: T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (target < 0 || target >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}

/** Problems that belong to the editor at `path`, without those of its child fields (shown in their own editors). */
function problemsAt(problems: Problem[], path: string, exact = false): Problem[] {
  return problems.filter((problem) => {
    if (problem.path === path) return true;
    if (exact || !problem.path.startsWith(`${path}.`)) return false;
    return !/^\.fields\.\d+/.test(problem.path.slice(path.length));
  });
}

type FieldEditorProps = {
  field: DraftField;
  path: string;
  index: number;
  total: number;
  idBase: string;
  child?: boolean;
  earlier: FieldRef[];
  materials: readonly Material[];
  problems: Problem[];
  used: Set<string>;
  locale: string;
  onChange: (field: DraftField) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
};

/** The editor of one field; for a repeating group, also of its child fields and row rules. */
function FieldEditor({
  field,
  path,
  index,
  total,
  idBase,
  child,
  earlier,
  materials,
  problems,
  used,
  locale,
  onChange,
  onMove,
  onRemove,
}: FieldEditorProps) {
  const t = useTranslations("forms.builder");
  const id = `${idBase}-${index}`;
  const edit = (mutate: (draft: DraftField) => void) => {
    const next = structuredClone(field);
    mutate(next);
    onChange(next);
  };
  const optional = (key: string, value: unknown) => edit((draft) => setOptional(draft, key, value));
  const label = localize(field.label, locale) || field.key;
  const types = child ? TYPE_ORDER.filter((type) => type !== "group" && type !== "file") : TYPE_ORDER;
  const options = Array.isArray(field.options)
    ? (field.options as { value: string; label: { zh: string; en?: string } }[])
    : [];
  const children = Array.isArray(field.fields) ? (field.fields as DraftField[]) : [];
  const pattern = field.pattern as { regex: string; message?: { zh: string; en?: string } } | undefined;

  return (
    <>
      <fieldset className="flex flex-col gap-3 rounded border-2 border-line bg-white p-3">
        <legend className="px-1 font-bold">
          {t(child ? "childLegend" : "fieldLegend", {
            index: index + 1,
            label,
            type: t(`types.${field.type}` as never),
          })}
        </legend>
        <ProblemList problems={problemsAt(problems, path)} />
        <Row>
          <SelectInput
            id={`${id}-type`}
            label={t("fieldType")}
            value={field.type}
            onChange={(type) => onChange(retype(field, type as FieldType, materials, used))}
            options={types.map((type) => ({ value: type, label: t(`types.${type}` as never) }))}
          />
          <TextInput
            id={`${id}-key`}
            label={t("fieldKey")}
            hint={t("fieldKeyHint")}
            value={field.key}
            onChange={(key) => edit((draft) => void (draft.key = key.trim()))}
          />
        </Row>
        <Row>
          <TextInput
            id={`${id}-label-zh`}
            label={t("labelZh")}
            value={field.label?.zh ?? ""}
            onChange={(zh) => edit((draft) => void (draft.label = bilingual(zh, draft.label?.en)))}
          />
          <TextInput
            id={`${id}-label-en`}
            label={t("labelEn")}
            value={field.label?.en ?? ""}
            onChange={(en) => edit((draft) => void (draft.label = bilingual(draft.label?.zh ?? "", en)))}
          />
        </Row>
        <Row>
          <TextInput
            id={`${id}-help-zh`}
            label={t("helpZh")}
            value={field.help?.zh ?? ""}
            onChange={(zh) => optional("help", zh ? bilingual(zh, field.help?.en) : undefined)}
          />
          <TextInput
            id={`${id}-help-en`}
            label={t("helpEn")}
            value={field.help?.en ?? ""}
            onChange={(en) => optional("help", field.help?.zh ? bilingual(field.help.zh, en) : undefined)}
          />
        </Row>
        {field.type === "group" ? (
          <Row>
            <NumberInput
              id={`${id}-minRows`}
              label={t("minRows")}
              value={field.minRows as number | undefined}
              onChange={(value) => optional("minRows", value)}
            />
            <NumberInput
              id={`${id}-maxRows`}
              label={t("maxRows")}
              value={field.maxRows as number | undefined}
              onChange={(value) => optional("maxRows", value)}
            />
            <TextInput
              id={`${id}-rowLabel`}
              label={t("rowLabel")}
              value={(field.rowLabel as { zh: string } | undefined)?.zh ?? ""}
              onChange={(zh) => optional("rowLabel", zh ? { zh } : undefined)}
            />
          </Row>
        ) : (
          <Checkbox
            id={`${id}-required`}
            label={t("required")}
            checked={Boolean(field.required)}
            onChange={(checked) => optional("required", checked || undefined)}
          />
        )}

        {(field.type === "text" || field.type === "textarea") && (
          <Row>
            <NumberInput
              id={`${id}-minLength`}
              label={t("minLength")}
              value={field.minLength as number | undefined}
              onChange={(value) => optional("minLength", value)}
            />
            <NumberInput
              id={`${id}-maxLength`}
              label={t("maxLength")}
              value={field.maxLength as number | undefined}
              onChange={(value) => optional("maxLength", value)}
            />
          </Row>
        )}
        {field.type === "text" && (
          <Row>
            <TextInput
              id={`${id}-pattern`}
              label={t("pattern")}
              hint={t("patternHint")}
              value={pattern?.regex ?? ""}
              onChange={(regex) =>
                optional(
                  "pattern",
                  regex ? { regex, ...(pattern?.message ? { message: pattern.message } : {}) } : undefined,
                )
              }
            />
            <TextInput
              id={`${id}-pattern-message`}
              label={t("patternMessage")}
              value={pattern?.message?.zh ?? ""}
              onChange={(zh) =>
                optional(
                  "pattern",
                  pattern
                    ? { regex: pattern.regex, ...(zh ? { message: bilingual(zh, pattern.message?.en) } : {}) }
                    : undefined,
                )
              }
            />
          </Row>
        )}
        {field.type === "number" && (
          <Row>
            <NumberInput
              id={`${id}-min`}
              label={t("min")}
              value={field.min as number | undefined}
              onChange={(value) => optional("min", value)}
            />
            <NumberInput
              id={`${id}-max`}
              label={t("max")}
              value={field.max as number | undefined}
              onChange={(value) => optional("max", value)}
            />
            <TextInput
              id={`${id}-unit`}
              label={t("unit")}
              value={(field.unit as { zh: string } | undefined)?.zh ?? ""}
              onChange={(zh) => optional("unit", zh ? { zh } : undefined)}
            />
            <Checkbox
              id={`${id}-integer`}
              label={t("integer")}
              checked={Boolean(field.integer)}
              onChange={(checked) => optional("integer", checked || undefined)}
            />
          </Row>
        )}
        {field.type === "date" && (
          <Row>
            <TextInput
              id={`${id}-minDate`}
              label={t("minDate")}
              hint={t("dateBoundHint")}
              value={(field.min as string | undefined) ?? ""}
              onChange={(value) => optional("min", value.trim())}
            />
            <TextInput
              id={`${id}-maxDate`}
              label={t("maxDate")}
              hint={t("dateBoundHint")}
              value={(field.max as string | undefined) ?? ""}
              onChange={(value) => optional("max", value.trim())}
            />
          </Row>
        )}
        {CHOICE_TYPES.has(field.type) && (
          <fieldset className="flex flex-col gap-2 rounded border border-line p-2">
            <legend className="px-1 text-sm font-semibold">{t("options")}</legend>
            {options.map((option, at) => (
              <div key={at} className="grid gap-2 rounded bg-surface p-2 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
                <TextInput
                  id={`${id}-opt-${at}-value`}
                  label={t("optionValue", { index: at + 1 })}
                  value={option.value}
                  onChange={(value) => edit((draft) => void ((draft.options as typeof options)[at]!.value = value))}
                />
                <TextInput
                  id={`${id}-opt-${at}-zh`}
                  label={t("optionZh", { index: at + 1 })}
                  value={option.label?.zh ?? ""}
                  onChange={(zh) =>
                    edit(
                      (draft) => void ((draft.options as typeof options)[at]!.label = bilingual(zh, option.label?.en)),
                    )
                  }
                />
                <TextInput
                  id={`${id}-opt-${at}-en`}
                  label={t("optionEn", { index: at + 1 })}
                  value={option.label?.en ?? ""}
                  onChange={(en) =>
                    edit(
                      (draft) =>
                        void ((draft.options as typeof options)[at]!.label = bilingual(option.label?.zh ?? "", en)),
                    )
                  }
                />
                <Button
                  type="button"
                  variant="danger"
                  onClick={() =>
                    edit((draft) => void (draft.options = options.filter((_, other) => other !== at) as never))
                  }
                >
                  {t("removeOption", { index: at + 1 })}
                </Button>
              </div>
            ))}
            <Button
              type="button"
              variant="secondary"
              className="self-start"
              onClick={() =>
                edit(
                  (draft) =>
                    void (draft.options = [
                      ...options,
                      { value: String(options.length + 1), label: { zh: `选项 ${options.length + 1}` } },
                    ] as never),
                )
              }
            >
              {t("addOption")}
            </Button>
            {field.type === "checkboxes" && (
              <Row>
                <NumberInput
                  id={`${id}-minChecked`}
                  label={t("minChecked")}
                  value={field.min as number | undefined}
                  onChange={(value) => optional("min", value)}
                />
                <NumberInput
                  id={`${id}-maxChecked`}
                  label={t("maxChecked")}
                  value={field.max as number | undefined}
                  onChange={(value) => optional("max", value)}
                />
              </Row>
            )}
          </fieldset>
        )}
        {field.type === "file" && (
          <Row>
            <SelectInput
              id={`${id}-material`}
              label={t("material")}
              value={(field.materialCode as string | undefined) ?? ""}
              onChange={(code) => edit((draft) => void (draft.materialCode = code as never))}
              options={[
                ...(materials.some((material) => material.code === field.materialCode)
                  ? []
                  : [{ value: (field.materialCode as string | undefined) ?? "", label: t("chooseMaterial") }]),
                ...materials.map((material) => ({
                  value: material.code,
                  label: `${material.name}（${material.code}）`,
                })),
              ]}
            />
            <NumberInput
              id={`${id}-maxFiles`}
              label={t("maxFiles")}
              value={field.maxFiles as number | undefined}
              onChange={(value) => optional("maxFiles", value)}
            />
          </Row>
        )}
        {PREFILL_TYPES.has(field.type) && !child && (
          <SelectInput
            id={`${id}-prefill`}
            label={t("prefill")}
            value={(field.prefill as string | undefined) ?? ""}
            onChange={(source) => optional("prefill", source || undefined)}
            options={[
              { value: "", label: t("noPrefill") },
              ...PREFILLS.map((source) => ({
                value: source,
                label: t(`prefillSources.${source.replace(".", "_")}` as never),
              })),
            ]}
          />
        )}
        <ConditionEditor
          id={`${id}-visible`}
          legend={t("visibleWhen")}
          value={field.visibleWhen}
          onChange={(value) => optional("visibleWhen", value)}
          fields={earlier}
        />
        {field.type !== "group" && (
          <ConditionEditor
            id={`${id}-requiredWhen`}
            legend={t("requiredWhen")}
            value={field.requiredWhen}
            onChange={(value) => optional("requiredWhen", value)}
            fields={earlier}
          />
        )}

        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" disabled={index === 0} onClick={() => onMove(-1)}>
            {t(child ? "moveChildUp" : "moveFieldUp")}
            <span className="sr-only">：{label}</span>
          </Button>
          <Button type="button" variant="secondary" disabled={index === total - 1} onClick={() => onMove(1)}>
            {t(child ? "moveChildDown" : "moveFieldDown")}
            <span className="sr-only">：{label}</span>
          </Button>
          <Button type="button" variant="danger" onClick={onRemove}>
            {t(child ? "removeChild" : "removeField")}
            <span className="sr-only">：{label}</span>
          </Button>
        </div>
      </fieldset>
      {field.type === "group" && (
        <section
          aria-label={t("childFieldsOf", { label })}
          className="ml-2 flex flex-col gap-3 border-l-4 border-brand-600 pl-3"
        >
          <h4 className="font-semibold">{t("childFieldsOf", { label })}</h4>
          {children.map((childField, at) => (
            <FieldEditor
              key={at}
              field={childField}
              path={`${path}.fields.${at}`}
              index={at}
              total={children.length}
              idBase={`${id}-c`}
              child
              earlier={[...earlier, ...children.slice(0, at).map((other) => fieldRef(other, locale))]}
              materials={materials}
              problems={problems}
              used={used}
              locale={locale}
              onChange={(next) => edit((draft) => void ((draft.fields as DraftField[])[at] = next))}
              onMove={(delta) => edit((draft) => void (draft.fields = move(children, at, delta) as never))}
              onRemove={() =>
                edit((draft) => void (draft.fields = children.filter((_, other) => other !== at) as never))
              }
            />
          ))}
          <Button
            type="button"
            variant="secondary"
            className="self-start"
            onClick={() =>
              edit(
                (draft) =>
                  void (draft.fields = [
                    ...children,
                    { key: uniqueKey("item", used), type: "text", label: { zh: "新子字段" } },
                  ] as never),
              )
            }
          >
            {t("addChildField")}
          </Button>
          <RulesEditor
            id={`${id}-rules`}
            legend={t("rowRules")}
            rules={(field.rules as CrossFieldRule[] | undefined) ?? []}
            onChange={(rules) => optional("rules", rules.length > 0 ? rules : undefined)}
            fields={children.map((other) => fieldRef(other, locale))}
          />
        </section>
      )}
    </>
  );
}

/**
 * The administrator's form builder: a structured editor of the definition (steps, fields of every type, rules,
 * conditions, options, material binding, repeating groups, prefill), an "edit as JSON" tab, the problems found by
 * `validateFormDefinition` shown next to what they concern, and a live preview with the citizens' FormRenderer and
 * the same compiled schema. Controlled: `value` in, `onChange` out; `name` also posts it as JSON.
 */
export function FormBuilder({ value, onChange, materials, regions = [], name }: FormBuilderProps) {
  const t = useTranslations("forms.builder");
  const locale = useLocale();
  const problemText = useProblemText();
  const baseId = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const draft = useMemo(() => asDraft(value), [value]);
  const [tab, setTab] = useState<"visual" | "json">("visual");
  const [jsonText, setJsonText] = useState("");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [newType, setNewType] = useState<Record<number, FieldType>>({});
  const [previewLocale, setPreviewLocale] = useState(locale);
  const [previewDone, setPreviewDone] = useState(false);
  // The control to focus once an added step or field is on screen (set by the add buttons).
  const focusTarget = useRef<string | null>(null);
  const materialCodes = useMemo(() => materials.map((material) => material.code), [materials]);
  const result = useMemo(
    () => validateFormDefinition(value ?? draft, { materialCodes }),
    [value, draft, materialCodes],
  );
  const problems = useMemo(() => (result.ok ? [] : result.problems), [result]);
  const used = allKeys(draft);

  // The preview needs a structurally sound definition; semantic problems (an empty step, a condition on a missing
  // field) do not stop it, so the administrator keeps seeing the form while fixing them. Unsafe patterns do.
  const previewable = useMemo(() => {
    const parsed = FormDefinitionSchema.safeParse(value ?? draft);
    if (!parsed.success || problems.some((problem) => problem.key === "forms.definition.patternUnsafe")) return null;
    return parsed.data;
  }, [value, draft, problems]);
  const previewKey = useMemo(() => JSON.stringify(previewable), [previewable]);

  useEffect(() => {
    if (!focusTarget.current) return;
    document.getElementById(focusTarget.current)?.focus();
    focusTarget.current = null;
  }, [draft]);

  const edit = (mutate: (next: Draft) => void) => {
    const next = structuredClone(draft);
    mutate(next);
    setPreviewDone(false);
    onChange(next as unknown as FormDefinition);
  };

  const topFields = draft.steps.flatMap((step) => step.fields);
  const stepIds = new Set(draft.steps.map((step) => step.id));

  const openJson = () => {
    setJsonText(JSON.stringify(value ?? draft, null, 2));
    setJsonError(null);
    setTab("json");
  };
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    if (tab === "visual") {
      openJson();
      document.getElementById(`${baseId}-tab-json`)?.focus();
    } else {
      setTab("visual");
      document.getElementById(`${baseId}-tab-visual`)?.focus();
    }
  };
  const where = (problem: Problem) => {
    const match = /^steps\.(\d+)(?:\.fields\.(\d+)(?:\.fields\.(\d+))?)?/.exec(problem.path);
    if (!match) return "";
    const step = draft.steps[Number(match[1])];
    const field = match[2] !== undefined ? step?.fields[Number(match[2])] : undefined;
    const child =
      match[3] !== undefined && Array.isArray(field?.fields)
        ? (field.fields as DraftField[])[Number(match[3])]
        : undefined;
    const parts = [t("whereStep", { index: Number(match[1]) + 1 }), field?.key, child?.key].filter(Boolean);
    return `${parts.join(" · ")}：`;
  };
  const generalProblems = problems.filter(
    (problem) => !problem.path.startsWith("steps.") || /^steps\.\d+$/.test(problem.path),
  );

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      {name && <input type="hidden" name={name} value={JSON.stringify(value ?? draft)} />}
      <section aria-labelledby={`${baseId}-editor-title`} className="flex min-w-0 flex-col gap-4">
        <h3 id={`${baseId}-editor-title`} className="text-lg font-bold">
          {t("title")}
        </h3>
        <div role="status" className={problems.length > 0 ? "font-semibold text-accent-600" : "font-semibold text-ok"}>
          {problems.length > 0 ? t("problemCount", { count: problems.length }) : t("noProblems")}
        </div>
        <ProblemList problems={generalProblems} />
        <div role="tablist" aria-label={t("tabs")} className="flex gap-2 border-b-2 border-line">
          <button
            type="button"
            role="tab"
            id={`${baseId}-tab-visual`}
            aria-selected={tab === "visual"}
            aria-controls={`${baseId}-panel-visual`}
            tabIndex={tab === "visual" ? 0 : -1}
            onKeyDown={onTabKey}
            onClick={() => setTab("visual")}
            className={`min-h-11 px-4 font-semibold ${tab === "visual" ? "border-b-4 border-brand-700 text-brand-700" : "text-ink-muted"}`}
          >
            {t("tabVisual")}
          </button>
          <button
            type="button"
            role="tab"
            id={`${baseId}-tab-json`}
            aria-selected={tab === "json"}
            aria-controls={`${baseId}-panel-json`}
            tabIndex={tab === "json" ? 0 : -1}
            onKeyDown={onTabKey}
            onClick={openJson}
            className={`min-h-11 px-4 font-semibold ${tab === "json" ? "border-b-4 border-brand-700 text-brand-700" : "text-ink-muted"}`}
          >
            {t("tabJson")}
          </button>
        </div>

        {tab === "json" ? (
          <div
            role="tabpanel"
            id={`${baseId}-panel-json`}
            aria-labelledby={`${baseId}-tab-json`}
            className="flex flex-col gap-2"
          >
            <ProblemList problems={problems} where={where} />
            <label htmlFor={`${baseId}-json`} className="font-semibold">
              {t("jsonLabel")}
            </label>
            {jsonError && (
              <p id={`${baseId}-json-error`} className="font-semibold text-accent-600">
                {jsonError}
              </p>
            )}
            <Textarea
              id={`${baseId}-json`}
              value={jsonText}
              spellCheck={false}
              rows={24}
              aria-invalid={jsonError ? true : undefined}
              aria-describedby={jsonError ? `${baseId}-json-error` : undefined}
              onChange={(event) => setJsonText(event.target.value)}
              className="w-full font-mono text-sm"
            />
            <Button
              type="button"
              variant="secondary"
              className="self-start"
              onClick={() => {
                try {
                  const parsed = JSON.parse(jsonText) as FormDefinition;
                  setJsonError(null);
                  setPreviewDone(false);
                  onChange(parsed);
                } catch {
                  setJsonError(problemText({ path: "", key: "forms.definition.notJson" }));
                }
              }}
            >
              {t("applyJson")}
            </Button>
          </div>
        ) : (
          <div
            role="tabpanel"
            id={`${baseId}-panel-visual`}
            aria-labelledby={`${baseId}-tab-visual`}
            className="flex flex-col gap-4"
          >
            {draft.steps.map((step, stepIndex) => {
              const stepId = `${baseId}-s${stepIndex}`;
              const before = draft.steps.slice(0, stepIndex).flatMap((other) => other.fields);
              const pickType = newType[stepIndex] ?? "text";
              return (
                <fieldset
                  key={stepIndex}
                  className="flex flex-col gap-3 rounded border-2 border-brand-600 bg-brand-50 p-3"
                >
                  <legend className="px-1 text-lg font-bold">
                    {t("stepLegend", { index: stepIndex + 1, title: localize(step.title, locale) })}
                  </legend>
                  <ProblemList
                    problems={problemsAt(problems, `steps.${stepIndex}`).filter(
                      (problem) =>
                        !/^steps\.\d+\.fields\.\d+/.test(problem.path) && problem.path !== `steps.${stepIndex}`,
                    )}
                  />
                  <Row>
                    <TextInput
                      id={`${stepId}-id`}
                      label={t("stepId")}
                      value={step.id}
                      onChange={(id) => edit((next) => void (next.steps[stepIndex]!.id = id.trim()))}
                    />
                    <TextInput
                      id={`${stepId}-title-zh`}
                      label={t("stepTitleZh")}
                      value={step.title?.zh ?? ""}
                      onChange={(zh) =>
                        edit((next) => void (next.steps[stepIndex]!.title = bilingual(zh, step.title?.en)))
                      }
                    />
                    <TextInput
                      id={`${stepId}-title-en`}
                      label={t("stepTitleEn")}
                      value={step.title?.en ?? ""}
                      onChange={(en) =>
                        edit((next) => void (next.steps[stepIndex]!.title = bilingual(step.title?.zh ?? "", en)))
                      }
                    />
                    <TextInput
                      id={`${stepId}-description`}
                      label={t("stepDescription")}
                      value={step.description?.zh ?? ""}
                      onChange={(zh) =>
                        edit((next) =>
                          setOptional(
                            next.steps[stepIndex]! as unknown as Record<string, unknown>,
                            "description",
                            zh ? bilingual(zh, step.description?.en) : undefined,
                          ),
                        )
                      }
                    />
                  </Row>
                  {step.fields.map((field, fieldIndex) => (
                    <FieldEditor
                      key={fieldIndex}
                      field={field}
                      path={`steps.${stepIndex}.fields.${fieldIndex}`}
                      index={fieldIndex}
                      total={step.fields.length}
                      idBase={`${stepId}-f`}
                      earlier={[...before, ...step.fields.slice(0, fieldIndex)].map((other) => fieldRef(other, locale))}
                      materials={materials}
                      problems={problems}
                      used={used}
                      locale={locale}
                      onChange={(nextField) =>
                        edit((next) => void (next.steps[stepIndex]!.fields[fieldIndex] = nextField))
                      }
                      onMove={(delta) =>
                        edit((next) => void (next.steps[stepIndex]!.fields = move(step.fields, fieldIndex, delta)))
                      }
                      onRemove={() => edit((next) => void next.steps[stepIndex]!.fields.splice(fieldIndex, 1))}
                    />
                  ))}
                  <div className="flex flex-wrap items-end gap-2">
                    <div className="min-w-40">
                      <SelectInput
                        id={`${stepId}-new-type`}
                        label={t("newFieldType")}
                        value={pickType}
                        onChange={(type) => setNewType((previous) => ({ ...previous, [stepIndex]: type as FieldType }))}
                        options={TYPE_ORDER.map((type) => ({ value: type, label: t(`types.${type}` as never) }))}
                      />
                    </div>
                    <Button
                      type="button"
                      variant="secondary"
                      onClick={() => {
                        const key = uniqueKey("field", used);
                        const created = retype(
                          { key, type: "text", label: { zh: t("newFieldLabel") } },
                          pickType,
                          materials,
                          new Set([...used, key]),
                        );
                        edit((next) => void next.steps[stepIndex]!.fields.push(created));
                        focusTarget.current = `${stepId}-f-${step.fields.length}-label-zh`;
                      }}
                    >
                      {t("addField")}
                    </Button>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <Button
                      type="button"
                      variant="secondary"
                      disabled={stepIndex === 0}
                      onClick={() => edit((next) => void (next.steps = move(next.steps, stepIndex, -1)))}
                    >
                      {t("moveStepUp")}
                      <span className="sr-only">：{localize(step.title, locale)}</span>
                    </Button>
                    <Button
                      type="button"
                      variant="secondary"
                      disabled={stepIndex === draft.steps.length - 1}
                      onClick={() => edit((next) => void (next.steps = move(next.steps, stepIndex, 1)))}
                    >
                      {t("moveStepDown")}
                      <span className="sr-only">：{localize(step.title, locale)}</span>
                    </Button>
                    <Button
                      type="button"
                      variant="danger"
                      disabled={draft.steps.length === 1}
                      onClick={() => edit((next) => void next.steps.splice(stepIndex, 1))}
                    >
                      {t("removeStep")}
                      <span className="sr-only">：{localize(step.title, locale)}</span>
                    </Button>
                  </div>
                </fieldset>
              );
            })}
            <Button
              type="button"
              variant="secondary"
              className="self-start"
              onClick={() => {
                const id = uniqueKey("step", stepIds);
                edit(
                  (next) =>
                    void next.steps.push({
                      id,
                      title: { zh: t("newStepTitle", { index: draft.steps.length + 1 }) },
                      fields: [],
                    }),
                );
                focusTarget.current = `${baseId}-s${draft.steps.length}-title-zh`;
              }}
            >
              {t("addStep")}
            </Button>
            <RulesEditor
              id={`${baseId}-rules`}
              legend={t("formRules")}
              rules={draft.rules ?? []}
              onChange={(rules) =>
                edit((next) =>
                  setOptional(
                    next as unknown as Record<string, unknown>,
                    "rules",
                    rules.length > 0 ? rules : undefined,
                  ),
                )
              }
              fields={topFields.map((field) => fieldRef(field, locale))}
            />
          </div>
        )}
      </section>

      <aside
        aria-labelledby={`${baseId}-preview-title`}
        className="flex min-w-0 flex-col gap-3 rounded border-2 border-line p-3 xl:sticky xl:top-4 xl:self-start"
      >
        <h3 id={`${baseId}-preview-title`} className="text-lg font-bold">
          {t("preview")}
        </h3>
        <div className="max-w-48">
          <SelectInput
            id={`${baseId}-preview-locale`}
            label={t("previewLocale")}
            value={previewLocale}
            onChange={setPreviewLocale}
            options={[
              { value: "zh-CN", label: "中文" },
              { value: "en", label: "English" },
            ]}
          />
        </div>
        {previewable ? (
          <>
            <FormRenderer
              key={`${previewKey}-${previewLocale}`}
              definition={previewable}
              locale={previewLocale}
              regions={regions}
              idPrefix={`${baseId}-preview`}
              embedded
              submitLabel={t("previewCheck")}
              onComplete={() => setPreviewDone(true)}
            />
            <p role="status" className="font-semibold text-ok">
              {previewDone ? t("previewPassed") : ""}
            </p>
          </>
        ) : (
          <p>{t("previewUnavailable")}</p>
        )}
      </aside>
    </div>
  );
}
