"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useState, useTransition } from "react";
import { Controller, type FieldValues, type Resolver, useForm, useWatch } from "react-hook-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { Button } from "@/components/ui/button";
import {
  CASE_TYPES,
  CHANNELS,
  DELIVERY_OPTIONS,
  GuideDraftContent,
  type GuideContentInput,
  ITEM_TYPES,
  MATERIAL_FORMS,
  MATERIAL_NECESSITIES,
  MATERIAL_SOURCES,
  ONLINE_DEPTHS,
  RESULT_TYPES,
  STAFF_DUTIES,
  TIME_UNITS,
  WORKFLOW_STEP_KINDS,
} from "@/lib/catalogue/guide-content";
import { AUDIENCES } from "@/lib/catalogue/filters";
import { emptyFormDefinition } from "@/lib/forms/definition";
import { Checkbox, CheckboxGroup, fieldId, type Option, Select, TextArea, TextInput } from "./fields";
import { ListEditor } from "./list-editor";
import { TemplateUpload } from "./template-upload";

export type EditorActionResult =
  { ok: true; value?: unknown } | { ok: false; code: string; formError: string; fieldErrors?: Record<string, string> };

type Props = {
  versionId: string;
  revision: number;
  content: GuideContentInput;
  themes: { code: string; label: string }[];
  /** Active licence types (证照类型) the result can be. */
  licenceTypes?: { code: string; label: string }[];
  /** Renders the application-form builder for the `form` field (injected so this editor stays about the guide). */
  formBuilder?: (props: {
    value: unknown;
    onChange: (value: unknown) => void;
    materials: { code: string; name: string }[];
  }) => ReactNode;
  readOnly?: boolean;
  save: (input: {
    versionId: string;
    revision: number;
    content: unknown;
    summary?: string | null;
  }) => Promise<EditorActionResult>;
  submit: (input: { versionId: string; revision: number }) => Promise<EditorActionResult>;
};

/** Checkbox groups give a string (one box) or false (none) instead of a list; the schema wants a list. */
function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === "string");
  return typeof value === "string" && value ? [value] : [];
}

/** Shapes the form's values as the content schema expects before sending them. */
function normalise(values: FieldValues): FieldValues {
  const statutory = values.statutory as { limit?: unknown; unit?: unknown; note?: unknown } | null;
  return {
    ...values,
    audiences: asList(values.audiences),
    channels: asList(values.channels),
    onlineDepth: asList(values.onlineDepth),
    themeCodes: asList(values.themeCodes),
    statutory:
      statutory && statutory.limit !== null && statutory.limit !== undefined && statutory.limit !== ""
        ? statutory
        : null,
    situations: ((values.situations as FieldValues[] | undefined) ?? []).map((situation) => ({
      ...situation,
      materialCodes: asList(situation.materialCodes),
    })),
    workflow: {
      ...values.workflow,
      deliveryOptions: asList(values.workflow?.deliveryOptions),
    },
  };
}

const SECTIONS = [
  "basic",
  "conditions",
  "limits",
  "process",
  "online",
  "result",
  "legalBases",
  "materials",
  "situations",
  "fees",
  "windows",
  "steps",
  "specialProcedures",
  "faqs",
  "form",
  "workflow",
] as const;

/**
 * The administrator's editor of one draft version: every standard guide field, the lists, the application form
 * and the workflow. It validates with the same schema as the server; the server's answer (including rules that
 * need the whole guide, and "someone else saved first") comes back as messages next to the fields, and nothing
 * typed is lost.
 */
export function ItemEditor({
  versionId,
  revision: initialRevision,
  content,
  themes,
  licenceTypes = [],
  formBuilder,
  readOnly = false,
  save,
  submit,
}: Props) {
  const t = useTranslations("catalogueAdmin");
  const tg = useTranslations("guide");
  const tc = useTranslations("catalogue");
  const router = useRouter();
  const [revision, setRevision] = useState(initialRevision);
  const [formError, setFormError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const {
    control,
    register,
    handleSubmit,
    setError,
    clearErrors,
    formState: { errors },
  } = useForm<FieldValues>({
    defaultValues: content as FieldValues,
    // Raw values: the editor sends what was typed (normalised below) and the server parses it with the same schema.
    resolver: zodResolver(GuideDraftContent, undefined, { raw: true }) as unknown as Resolver<FieldValues>,
    mode: "onSubmit",
  });
  const materials = useWatch({ control, name: "materials" }) as { code?: string; name?: string }[] | undefined;
  const materialOptions: Option[] = (materials ?? [])
    .filter((material) => material?.code)
    .map((material) => ({ value: material.code!, label: `${material.name || material.code} (${material.code})` }));

  const options = (values: readonly string[], label: (value: string) => string): Option[] =>
    values.map((value) => ({ value, label: label(value) }));
  const units = options(TIME_UNITS, (unit) => tc(`units.${unit}`));
  const common = { register, errors, disabled: readOnly };

  function applyServerErrors(fieldErrors: Record<string, string> | undefined) {
    setServerErrors(fieldErrors ?? {});
    for (const [path, message] of Object.entries(fieldErrors ?? {})) setError(path, { type: "server", message });
  }

  function run(kind: "save" | "submit") {
    return handleSubmit(
      (values) =>
        startTransition(async () => {
          clearErrors();
          setServerErrors({});
          setFormError(undefined);
          setNotice(undefined);
          const saved = await save({ versionId, revision, content: normalise(values) });
          if (!saved.ok) {
            applyServerErrors(saved.fieldErrors);
            setFormError(saved.formError);
            return;
          }
          const nextRevision = (saved.value as { revision: number }).revision;
          setRevision(nextRevision);
          if (kind === "save") {
            setNotice("editor.saved");
            return;
          }
          const submitted = await submit({ versionId, revision: nextRevision });
          if (!submitted.ok) {
            applyServerErrors(submitted.fieldErrors);
            setFormError(submitted.formError);
            return;
          }
          router.refresh();
        }),
      (clientErrors) => {
        setServerErrors({});
        setFormError("catalogueAdmin.errors.form");
        void clientErrors;
      },
    );
  }

  // "申请材料 2 · 材料编码" rather than a path: the summary names the answer a person has to fix.
  const labelFor = (path: string) => {
    const [top = "", index, field] = path.split(".");
    const name = t.has(`fieldNames.${top}`) ? t(`fieldNames.${top}`) : top;
    const entry = index !== undefined && /^\d+$/.test(index) ? ` ${Number(index) + 1}` : "";
    const inner =
      field && t.has(`fields.${field}`)
        ? ` · ${t(`fields.${field}`)}`
        : index !== undefined && !entry && t.has(`fields.${index}`)
          ? ` · ${t(`fields.${index}`)}`
          : "";
    return `${name}${entry}${inner}`;
  };
  const summary = Object.entries(serverErrors).map(([path, message]) => ({
    field: fieldId(path),
    message,
    label: labelFor(path),
  }));
  const clientSummary = collectErrors(errors).map(([path, message]) => ({
    field: fieldId(path),
    message,
    label: labelFor(path),
  }));

  return (
    <form onSubmit={(event) => event.preventDefault()} noValidate className="flex flex-col gap-8">
      <ErrorSummary errors={summary.length ? summary : clientSummary} formError={formError} />
      <nav aria-label={t("editor.sections")} className="no-print">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {SECTIONS.map((section) => (
            <li key={section}>
              <a href={`#section-${section}`} className="text-brand-700 underline underline-offset-4">
                {t(`sections.${section}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="basic" title={t("sections.basic")}>
        <TextInput name="name" label={t("fields.name")} {...common} maxLength={200} />
        <TextInput name="nameEn" label={t("fields.nameEn")} {...common} maxLength={300} />
        <TextInput
          name="implementationCode"
          label={t("fields.implementationCode")}
          hint={t("hints.implementationCode")}
          {...common}
        />
        <TextInput name="handlingItemCode" label={t("fields.handlingItemCode")} {...common} />
        <Select
          name="itemType"
          label={tg("itemType")}
          options={options(ITEM_TYPES, (type) => tc(`itemTypes.${type}`))}
          {...common}
        />
        <Select
          name="exerciseLevel"
          label={tg("exerciseLevel")}
          options={options(["1", "2", "3", "4", "5", "6"], (level) => tg(`levels.${level}`))}
          {...common}
        />
        <Select
          name="caseType"
          label={tg("caseType")}
          options={options(CASE_TYPES, (type) => tg(`caseTypes.${type}`))}
          {...common}
        />
        <Select
          name="minAssuranceLevel"
          label={t("fields.minAssuranceLevel")}
          options={options(["1", "2", "3", "4", "5"], (level) => t("assuranceLevel", { level }))}
          {...common}
        />
        <TextInput name="entrustingDepartment" label={t("fields.entrustingDepartment")} {...common} />
        <TextInput name="coHandlingBodies" label={t("fields.coHandlingBodies")} {...common} />
        <CheckboxGroup
          name="audiences"
          label={tg("audiences")}
          options={options(AUDIENCES, (audience) => tc(`audiences.${audience}`))}
          {...common}
        />
        <CheckboxGroup
          name="themeCodes"
          label={t("fields.themes")}
          options={themes.map((theme) => ({ value: theme.code, label: theme.label }))}
          {...common}
        />
      </Section>

      <Section id="conditions" title={t("sections.conditions")}>
        <TextArea name="acceptanceConditions" label={tg("conditions")} rows={5} {...common} />
        <TextArea name="reviewStandard" label={tg("reviewStandard")} {...common} />
      </Section>

      <Section id="limits" title={t("sections.limits")}>
        <TextInput
          name="promised.limit"
          type="number"
          label={tg("promisedLimit")}
          hint={t("hints.promised")}
          {...common}
        />
        <Select name="promised.unit" label={t("fields.unit")} options={units} {...common} />
        <TextInput name="promised.note" label={t("fields.limitNote")} {...common} />
        <TextInput
          name="statutory.limit"
          type="number"
          label={tg("statutoryLimit")}
          hint={t("hints.statutory")}
          {...common}
        />
        <Select name="statutory.unit" label={t("fields.unit")} options={units} {...common} />
        <TextInput name="statutory.note" label={t("fields.limitNote")} {...common} />
        <TextInput name="visits" type="number" label={tg("visits")} {...common} />
        <TextInput name="visitReason" label={tg("visitReason")} hint={t("hints.visitReason")} {...common} />
        <Checkbox name="feeCharged" label={t("fields.feeCharged")} {...common} />
        <TextArea name="feeBasis" label={tg("feeBasis")} hint={t("hints.feeBasis")} {...common} />
      </Section>

      <Section id="process" title={t("sections.process")}>
        <TextArea name="windowProcess" label={tg("windowProcess")} rows={4} {...common} />
        <TextArea name="onlineProcess" label={tg("onlineProcess")} rows={4} {...common} />
        <TextArea name="consultation" label={tg("consultation")} {...common} />
        <TextArea name="complaint" label={tg("complaint")} {...common} />
        <TextArea name="reconsideration" label={tg("reconsideration")} {...common} />
        <TextArea name="litigation" label={tg("litigation")} {...common} />
      </Section>

      <Section id="online" title={t("sections.online")}>
        <CheckboxGroup
          name="channels"
          label={tg("channels")}
          options={options(CHANNELS, (channel) => tg(`channelNames.${channel}`))}
          {...common}
        />
        <CheckboxGroup
          name="onlineDepth"
          label={tg("onlineDepth")}
          options={options(ONLINE_DEPTHS, (depth) => tg(`depths.${depth}`))}
          {...common}
        />
        <Checkbox name="onlineCapable" label={t("fields.onlineCapable")} hint={t("hints.onlineCapable")} {...common} />
        <Checkbox name="inServiceHall" label={t("fields.inServiceHall")} {...common} />
        <Checkbox name="courierDelivery" label={t("fields.courierDelivery")} {...common} />
        <Checkbox name="onlinePayment" label={t("fields.onlinePayment")} {...common} />
        <Checkbox name="bookingSupported" label={t("fields.bookingSupported")} {...common} />
        <Checkbox name="kioskSupported" label={t("fields.kioskSupported")} {...common} />
        <TextInput name="crossRegionScope" label={tg("crossRegion")} {...common} />
        <TextInput name="quantityLimit" label={tg("quantityLimit")} {...common} />
        <TextInput name="intermediaryService" label={t("fields.intermediaryService")} {...common} />
      </Section>

      <Section id="result" title={t("sections.result")}>
        <Select
          name="resultType"
          label={t("fields.resultType")}
          options={options(RESULT_TYPES, (type) => tg(`resultTypes.${type}`))}
          {...common}
        />
        <TextInput name="resultName" label={t("fields.resultName")} {...common} />
        <Select
          name="resultLicenceTypeCode"
          label={t("fields.resultLicenceTypeCode")}
          hint={t("fields.resultLicenceTypeCodeHint")}
          allowEmpty={t("fields.noLicenceType")}
          options={[
            ...licenceTypes.map((type) => ({ value: type.code, label: type.label })),
            ...(content.resultLicenceTypeCode &&
            !licenceTypes.some((type) => type.code === content.resultLicenceTypeCode)
              ? [{ value: content.resultLicenceTypeCode, label: content.resultLicenceTypeCode }]
              : []),
          ]}
          {...common}
        />
      </Section>

      <WideSection id="legalBases">
        <ListEditor
          name="legalBases"
          title={t("sections.legalBases")}
          entryLabel={t("entries.legalBasis")}
          control={control}
          {...common}
          blank={() => ({ lawName: "", documentNumber: null, clauseNumber: null, clauseContent: "" })}
          columns={[
            { name: "lawName", label: t("fields.lawName"), kind: "text" },
            { name: "documentNumber", label: t("fields.documentNumber"), kind: "text" },
            { name: "clauseNumber", label: t("fields.clauseNumber"), kind: "text" },
            { name: "clauseContent", label: t("fields.clauseContent"), kind: "textarea" },
          ]}
        />
      </WideSection>

      <WideSection id="materials">
        <ListEditor
          name="materials"
          title={t("sections.materials")}
          entryLabel={t("entries.material")}
          control={control}
          {...common}
          blank={() => ({
            code: "",
            name: "",
            necessity: "REQUIRED",
            condition: null,
            form: "ORIGINAL",
            originalCopies: 1,
            copyCopies: 0,
            paperSize: null,
            source: "APPLICANT",
            sourceNote: null,
            licenceTypeCode: null,
            fillingNotes: null,
            acceptanceStandard: null,
            legalBasis: null,
            signRequirement: null,
            remarks: null,
            blankFormFileId: null,
            sampleFileId: null,
          })}
          columns={[
            { name: "name", label: tg("materialName"), kind: "text" },
            { name: "code", label: t("fields.materialCode"), kind: "text", hint: t("hints.materialCode") },
            {
              name: "necessity",
              label: tg("materialNecessity"),
              kind: "select",
              options: options(MATERIAL_NECESSITIES, (value) => tg(`necessity.${value}`)),
            },
            {
              name: "condition",
              label: t("fields.materialCondition"),
              kind: "text",
              hint: t("hints.materialCondition"),
            },
            {
              name: "form",
              label: tg("materialForm"),
              kind: "select",
              options: options(MATERIAL_FORMS, (value) => tg(`forms.${value}`)),
            },
            { name: "originalCopies", label: t("fields.originalCopies"), kind: "number" },
            { name: "copyCopies", label: t("fields.copyCopies"), kind: "number" },
            { name: "paperSize", label: t("fields.paperSize"), kind: "text" },
            {
              name: "source",
              label: tg("materialSource"),
              kind: "select",
              options: options(MATERIAL_SOURCES, (value) => tg(`sources.${value}`)),
            },
            { name: "sourceNote", label: t("fields.sourceNote"), kind: "text" },
            {
              name: "licenceTypeCode",
              label: t("fields.licenceTypeCode"),
              kind: "text",
              hint: t("hints.licenceTypeCode"),
            },
            { name: "fillingNotes", label: tg("materialNotes"), kind: "textarea" },
            { name: "acceptanceStandard", label: t("fields.acceptanceStandard"), kind: "textarea" },
            { name: "legalBasis", label: t("fields.materialLegalBasis"), kind: "text" },
            { name: "signRequirement", label: t("fields.signRequirement"), kind: "text" },
            { name: "remarks", label: t("fields.remarks"), kind: "text" },
          ]}
          extra={(index) => (
            <div className="mt-3 grid gap-3 sm:grid-cols-2">
              <Controller
                control={control}
                name={`materials.${index}.blankFormFileId`}
                render={({ field }) => (
                  <TemplateUpload
                    purpose="MATERIAL_BLANK_FORM"
                    label={tg("blankForm")}
                    fileId={field.value as string | null}
                    onChange={field.onChange}
                    disabled={readOnly}
                  />
                )}
              />
              <Controller
                control={control}
                name={`materials.${index}.sampleFileId`}
                render={({ field }) => (
                  <TemplateUpload
                    purpose="MATERIAL_SAMPLE"
                    label={tg("sample")}
                    fileId={field.value as string | null}
                    onChange={field.onChange}
                    disabled={readOnly}
                  />
                )}
              />
            </div>
          )}
        />
      </WideSection>

      <WideSection id="situations">
        <ListEditor
          name="situations"
          title={t("sections.situations")}
          entryLabel={t("entries.situation")}
          control={control}
          {...common}
          blank={() => ({ name: "", description: null, materialCodes: [] })}
          columns={[
            { name: "name", label: t("fields.situationName"), kind: "text" },
            { name: "description", label: t("fields.description"), kind: "text" },
            {
              name: "materialCodes",
              label: t("fields.situationMaterials"),
              kind: "checkboxes",
              options: materialOptions,
            },
          ]}
        />
      </WideSection>

      <WideSection id="fees">
        <ListEditor
          name="fees"
          title={t("sections.fees")}
          entryLabel={t("entries.fee")}
          control={control}
          {...common}
          blank={() => ({ name: "", standard: "", basis: null, waivable: false, waiverBasis: null })}
          columns={[
            { name: "name", label: tg("feeName"), kind: "text" },
            { name: "standard", label: tg("feeStandard"), kind: "text" },
            { name: "basis", label: tg("feeBasis"), kind: "text" },
            { name: "waivable", label: t("fields.waivable"), kind: "checkbox" },
            { name: "waiverBasis", label: t("fields.waiverBasis"), kind: "text" },
          ]}
        />
      </WideSection>

      <WideSection id="windows">
        <ListEditor
          name="windows"
          title={t("sections.windows")}
          entryLabel={t("entries.window")}
          control={control}
          {...common}
          blank={() => ({ name: "", address: "", phone: "", hours: "", transport: null })}
          columns={[
            { name: "name", label: t("fields.windowName"), kind: "text" },
            { name: "address", label: tg("address"), kind: "text" },
            { name: "phone", label: tg("phone"), kind: "text" },
            { name: "hours", label: tg("hours"), kind: "text" },
            { name: "transport", label: tg("transport"), kind: "textarea" },
          ]}
        />
      </WideSection>

      <WideSection id="steps">
        <ListEditor
          name="steps"
          title={t("sections.steps")}
          entryLabel={t("entries.step")}
          control={control}
          {...common}
          blank={() => ({ name: "", handler: "", timeLimit: null, timeUnit: null, standard: null, result: null })}
          columns={[
            { name: "name", label: tg("stepName"), kind: "text" },
            { name: "handler", label: tg("stepHandler"), kind: "text" },
            { name: "timeLimit", label: tg("stepLimit"), kind: "number" },
            { name: "timeUnit", label: t("fields.unit"), kind: "select", options: units, allowEmpty: t("none") },
            { name: "standard", label: tg("stepStandard"), kind: "textarea" },
            { name: "result", label: tg("stepResult"), kind: "text" },
          ]}
        />
      </WideSection>

      <WideSection id="specialProcedures">
        <ListEditor
          name="specialProcedures"
          title={t("sections.specialProcedures")}
          entryLabel={t("entries.specialProcedure")}
          control={control}
          {...common}
          blank={() => ({ name: "", limit: 0, unit: "WORKING_DAY", basis: null })}
          columns={[
            { name: "name", label: t("fields.procedureName"), kind: "text" },
            { name: "limit", label: t("fields.limit"), kind: "number" },
            { name: "unit", label: t("fields.unit"), kind: "select", options: units },
            { name: "basis", label: t("fields.basis"), kind: "text" },
          ]}
        />
      </WideSection>

      <WideSection id="faqs">
        <ListEditor
          name="faqs"
          title={t("sections.faqs")}
          entryLabel={t("entries.faq")}
          control={control}
          {...common}
          blank={() => ({ question: "", answer: "" })}
          columns={[
            { name: "question", label: t("fields.question"), kind: "text" },
            { name: "answer", label: t("fields.answer"), kind: "textarea" },
          ]}
        />
      </WideSection>

      <WideSection id="form">
        <h3 className="text-lg font-bold">{t("sections.form")}</h3>
        <p className="text-ink-muted">{t("hints.form")}</p>
        <Controller
          control={control}
          name="form"
          render={({ field, fieldState }) => (
            <div id={fieldId("form")} className="flex flex-col gap-3">
              {fieldState.error?.message && <p className="font-semibold text-accent-600">{fieldState.error.message}</p>}
              {field.value === null || field.value === undefined ? (
                !readOnly && (
                  <Button
                    type="button"
                    variant="secondary"
                    className="self-start"
                    onClick={() => field.onChange(emptyFormDefinition())}
                  >
                    {t("editor.addForm")}
                  </Button>
                )
              ) : (
                <>
                  {formBuilder?.({
                    value: field.value,
                    onChange: field.onChange,
                    materials: materialOptions.map((option) => ({ code: option.value, name: option.label })),
                  })}
                  {!readOnly && (
                    <Button type="button" variant="danger" className="self-start" onClick={() => field.onChange(null)}>
                      {t("editor.removeForm")}
                    </Button>
                  )}
                </>
              )}
            </div>
          )}
        />
      </WideSection>

      <Section id="workflow" title={t("sections.workflow")}>
        {WORKFLOW_STEP_KINDS.map((kind, index) => (
          <fieldset key={kind} className="rounded border border-line p-3 sm:col-span-2">
            <legend className="px-1 font-semibold">{t(`workflowSteps.${kind}`)}</legend>
            <input type="hidden" {...register(`workflow.steps.${index}.kind`)} />
            <div className="grid gap-3 sm:grid-cols-2">
              <Checkbox name={`workflow.steps.${index}.enabled`} label={t("fields.stepEnabled")} {...common} />
              <Select
                name={`workflow.steps.${index}.duty`}
                label={t("fields.handlerDuty")}
                options={options(STAFF_DUTIES, (duty) => t(`duties.${duty}`))}
                {...common}
              />
              <TextInput
                name={`workflow.steps.${index}.departmentCode`}
                label={t("fields.handlerDepartment")}
                hint={t("hints.handlerDepartment")}
                {...common}
              />
              <TextInput
                name={`workflow.steps.${index}.limit.limit`}
                type="number"
                label={t("fields.stepLimit")}
                hint={t("hints.stepLimit")}
                {...common}
              />
            </div>
          </fieldset>
        ))}
        <Checkbox name="workflow.specialProceduresAllowed" label={t("fields.specialProceduresAllowed")} {...common} />
        <Checkbox
          name="workflow.separateDuties"
          label={t("fields.separateDuties")}
          hint={t("hints.separateDuties")}
          {...common}
        />
        <TextInput
          name="workflow.jointDepartmentCodes"
          label={t("fields.jointDepartmentCodes")}
          hint={t("hints.jointDepartmentCodes")}
          {...common}
        />
        <TextInput name="workflow.jointLimitDays" type="number" label={t("fields.jointLimitDays")} {...common} />
        <CheckboxGroup
          name="workflow.deliveryOptions"
          label={t("fields.deliveryOptions")}
          options={options(DELIVERY_OPTIONS, (option) => t(`delivery.${option}`))}
          {...common}
        />
      </Section>

      {!readOnly && (
        <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t-2 border-line bg-white py-3">
          <Button type="button" disabled={pending} onClick={run("save")}>
            {t("editor.save")}
          </Button>
          <Button type="button" disabled={pending} onClick={run("submit")} variant="secondary">
            {t("editor.submit")}
          </Button>
          <p role="status" className="font-semibold text-ok">
            {pending ? t("editor.saving") : notice ? t(notice) : ""}
          </p>
        </div>
      )}
    </form>
  );
}

function collectErrors(errors: unknown, prefix = ""): [string, string][] {
  if (!errors || typeof errors !== "object") return [];
  const record = errors as Record<string, unknown>;
  if (typeof record.message === "string" && "type" in record) return [[prefix, record.message]];
  return Object.entries(record).flatMap(([key, value]) =>
    key === "ref" ? [] : collectErrors(value, prefix ? `${prefix}.${key}` : key),
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={`section-${id}`} aria-labelledby={`section-${id}-title`} className="flex flex-col gap-3">
      <h2 id={`section-${id}-title`} className="border-b-2 border-line pb-1 text-xl font-bold">
        {title}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </section>
  );
}

function WideSection({ id, children }: { id: string; children: ReactNode }) {
  return (
    <section id={`section-${id}`} className="flex flex-col gap-3 border-t-2 border-line pt-3">
      {children}
    </section>
  );
}
