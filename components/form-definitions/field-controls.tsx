"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useId, useState } from "react";
import {
  type Control,
  Controller,
  type UseFormRegister,
  type UseFormSetValue,
  useFieldArray,
  useWatch,
} from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/input";
import {
  type ChildField,
  type FieldDef,
  type GroupFieldDef,
  localize,
  type RegionOption,
} from "@/lib/forms/definition";

/** What a host gives file fields to upload with (the application page); absent in the administrator's preview. */
export type UploadAdapter = {
  /**
   * Stores one file for the item's material; resolves with the stored file's id (kept in the answers). Rejects
   * with an Error whose message is already localised ("文件类型不符…"): it is shown as is next to the field.
   * `onProgress` (0–1) drives the progress bar, when the host can report progress.
   */
  upload(
    materialCode: string,
    file: File,
    onProgress?: (fraction: number) => void,
  ): Promise<{ fileId: string; name: string; size: number }>;
};

/** A file already stored, so a resumed draft can show names instead of bare ids. */
export type KnownFile = { name: string; size: number };

export type Values = Record<string, unknown>;

/** Everything a control needs from its renderer; built once per render of FormRenderer. */
export type ControlContext = {
  control: Control<Values>;
  register: UseFormRegister<Values>;
  setValue: UseFormSetValue<Values>;
  locale: string;
  regions: readonly RegionOption[];
  uploads?: UploadAdapter;
  files: Record<string, KnownFile>;
  rememberFile(fileId: string, file: KnownFile): void;
  /** The localised error for a path (e.g. "members.0.idNumber"), or undefined. */
  errorFor(path: string): string | undefined;
  visible: Record<string, boolean>;
  /** Whether a shown field is required right now (required, or requiredWhen holds). */
  required: Record<string, boolean>;
  idFor(path: string): string;
  /** Today (YYYY-MM-DD, Beijing), for date bounds of "today". */
  today: string;
};

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

function ErrorLine({ id, error }: Readonly<{ id: string; error?: string }>) {
  if (!error) return null;
  return (
    <p id={id} className="font-semibold text-accent-600">
      <span aria-hidden="true">✕ </span>
      {error}
    </p>
  );
}

function Hint({ id, text }: Readonly<{ id: string; text?: string }>) {
  if (!text) return null;
  return (
    <p id={id} className="text-sm whitespace-pre-line text-ink-muted">
      {text}
    </p>
  );
}

function LabelText({
  field,
  locale,
  required,
}: Readonly<{ field: FieldDef | ChildField; locale: string; required: boolean }>) {
  const t = useTranslations("forms.renderer");
  return (
    <>
      {localize(field.label, locale)}
      {!required && <span className="font-normal text-ink-muted">{t("optional")}</span>}
    </>
  );
}

const AUTOCOMPLETE: Record<string, string> = {
  "profile.realName": "name",
  "profile.phone": "tel-national",
  "profile.email": "email",
  "company.name": "organization",
};

/** One field of any type but group: label, hint, error and the control, wired for screen readers. */
export function FieldControl({
  field,
  path,
  ctx,
  required,
}: Readonly<{ field: FieldDef | ChildField; path: string; ctx: ControlContext; required: boolean }>) {
  const t = useTranslations("forms.renderer");
  const id = ctx.idFor(path);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const help = localize(field.help, ctx.locale) || undefined;
  const error = ctx.errorFor(path);
  const aria = {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(help && hintId, error && errorId),
  } as const;

  if (field.type === "radio" || field.type === "checkboxes") {
    return (
      <fieldset className="flex flex-col gap-2" aria-describedby={aria["aria-describedby"]}>
        <legend className="mb-1 font-semibold">
          <LabelText field={field} locale={ctx.locale} required={required} />
        </legend>
        <Hint id={hintId} text={help} />
        <ErrorLine id={errorId} error={error} />
        {field.type === "radio" ? (
          field.options.map((option, index) => (
            <label key={option.value} className="flex min-h-11 items-center gap-3">
              <input
                type="radio"
                id={index === 0 ? id : `${id}-${index}`}
                value={option.value}
                className="h-5 w-5 shrink-0"
                {...ctx.register(path)}
              />
              {localize(option.label, ctx.locale)}
            </label>
          ))
        ) : (
          <Controller
            control={ctx.control}
            name={path}
            render={({ field: controller }) => {
              const chosen = Array.isArray(controller.value) ? (controller.value as string[]) : [];
              return (
                <>
                  {field.options.map((option, index) => (
                    <label key={option.value} className="flex min-h-11 items-center gap-3">
                      <input
                        type="checkbox"
                        id={index === 0 ? id : `${id}-${index}`}
                        ref={index === 0 ? controller.ref : undefined}
                        value={option.value}
                        checked={chosen.includes(option.value)}
                        onBlur={controller.onBlur}
                        onChange={(event) =>
                          controller.onChange(
                            event.target.checked
                              ? [...chosen, option.value]
                              : chosen.filter((value) => value !== option.value),
                          )
                        }
                        className="h-5 w-5 shrink-0"
                        aria-invalid={aria["aria-invalid"]}
                      />
                      {localize(option.label, ctx.locale)}
                    </label>
                  ))}
                </>
              );
            }}
          />
        )}
      </fieldset>
    );
  }

  if (field.type === "address")
    return <AddressControl field={field} path={path} ctx={ctx} required={required} help={help} />;
  if (field.type === "file") return <FileControl field={field} path={path} ctx={ctx} required={required} help={help} />;
  if (field.type === "group") return null;

  let control: ReactNode;
  const registration = ctx.register(path);
  switch (field.type) {
    case "textarea":
      control = <Textarea id={id} rows={5} size="lg" className="w-full" {...aria} {...registration} />;
      break;
    case "select":
      control = (
        <Select id={id} size="lg" className="w-full" {...aria} {...registration}>
          <option value="">{t("choose")}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {localize(option.label, ctx.locale)}
            </option>
          ))}
        </Select>
      );
      break;
    case "number":
      control = (
        <div className="flex items-center gap-2">
          <Input
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            size="lg"
            className="w-full"
            {...aria}
            {...registration}
          />
          {field.unit && <span>{localize(field.unit, ctx.locale)}</span>}
        </div>
      );
      break;
    case "date": {
      const bound = (value: string | undefined) => (value === "today" ? ctx.today : value);
      control = (
        <Input
          id={id}
          type="date"
          min={bound(field.min)}
          max={bound(field.max)}
          size="lg"
          className="w-full sm:w-60"
          {...aria}
          {...registration}
        />
      );
      break;
    }
    default: {
      const prefill = "prefill" in field ? field.prefill : undefined;
      const type = field.type === "email" ? "email" : field.type === "phone" ? "tel" : "text";
      const narrow = field.type === "idNumber" || field.type === "phone" || field.type === "creditCode";
      control = (
        <Input
          id={id}
          type={type}
          inputMode={field.type === "phone" ? "tel" : undefined}
          autoComplete={(prefill && AUTOCOMPLETE[prefill]) || "off"}
          spellCheck={field.type === "text" ? undefined : false}
          placeholder={field.type === "text" && field.placeholder ? localize(field.placeholder, ctx.locale) : undefined}
          size="lg"
          className={narrow ? "w-full sm:max-w-sm" : "w-full"}
          {...aria}
          {...registration}
        />
      );
    }
  }
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        <LabelText field={field} locale={ctx.locale} required={required} />
      </label>
      <Hint id={hintId} text={help} />
      <ErrorLine id={errorId} error={error} />
      {control}
    </div>
  );
}

/** Province → city → county selects from the region list, then the detail line; a change clears the levels below. */
function AddressControl({
  field,
  path,
  ctx,
  required,
  help,
}: Readonly<{ field: FieldDef | ChildField; path: string; ctx: ControlContext; required: boolean; help?: string }>) {
  const t = useTranslations("forms.renderer");
  const id = ctx.idFor(path);
  const value = useWatch({ control: ctx.control, name: path }) as { province?: string; city?: string } | undefined;
  const province = value?.province ?? "";
  const city = value?.city ?? "";
  const name = (region: RegionOption) => (ctx.locale === "en" && region.nameEn ? region.nameEn : region.name);
  const provinces = ctx.regions.filter((region) => region.parentCode === null || region.level === "PROVINCE");
  const cities = province ? ctx.regions.filter((region) => region.parentCode === province) : [];
  const counties = city ? ctx.regions.filter((region) => region.parentCode === city) : [];
  const part = (key: "province" | "city" | "county", label: string, options: RegionOption[], onPick?: () => void) => {
    const partPath = `${path}.${key}`;
    const partId = ctx.idFor(partPath);
    const error = ctx.errorFor(partPath);
    const registration = ctx.register(partPath, { onChange: onPick });
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={partId} className="text-sm font-semibold">
          {label}
        </label>
        <ErrorLine id={`${partId}-error`} error={error} />
        <Select
          id={partId}
          disabled={options.length === 0}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(help && `${id}-hint`, error && `${partId}-error`)}
          size="lg"
          className="w-full"
          {...registration}
        >
          <option value="">{t("choose")}</option>
          {options.map((region) => (
            <option key={region.code} value={region.code}>
              {name(region)}
            </option>
          ))}
        </Select>
      </div>
    );
  };
  const detailPath = `${path}.detail`;
  const detailError = ctx.errorFor(detailPath);
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 font-semibold">
        <LabelText field={field} locale={ctx.locale} required={required} />
      </legend>
      <Hint id={`${id}-hint`} text={help} />
      <div className="grid gap-3 sm:grid-cols-3">
        {part("province", t("province"), provinces, () => {
          ctx.setValue(`${path}.city`, "" as never);
          ctx.setValue(`${path}.county`, "" as never);
        })}
        {part("city", t("city"), cities, () => ctx.setValue(`${path}.county`, "" as never))}
        {part("county", t("county"), counties)}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ctx.idFor(detailPath)} className="text-sm font-semibold">
          {t("detail")}
        </label>
        <ErrorLine id={`${ctx.idFor(detailPath)}-error`} error={detailError} />
        <Input
          id={ctx.idFor(detailPath)}
          type="text"
          autoComplete="street-address"
          aria-invalid={detailError ? true : undefined}
          aria-describedby={describedBy(detailError && `${ctx.idFor(detailPath)}-error`)}
          size="lg"
          className="w-full"
          {...ctx.register(detailPath)}
        />
      </div>
    </fieldset>
  );
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Uploads through the host's adapter; the answer is the list of stored file ids. Without an adapter: explains. */
function FileControl({
  field,
  path,
  ctx,
  required,
  help,
}: Readonly<{ field: FieldDef | ChildField; path: string; ctx: ControlContext; required: boolean; help?: string }>) {
  const t = useTranslations("forms.renderer");
  const id = ctx.idFor(path);
  const error = ctx.errorFor(path);
  const [status, setStatus] = useState<{ busy: boolean; failed?: string; progress?: number; fileName?: string }>({
    busy: false,
  });
  if (field.type !== "file") return null;
  const hintIds = describedBy(help && `${id}-hint`, `${id}-note`, error && `${id}-error`);
  return (
    <Controller
      control={ctx.control}
      name={path}
      render={({ field: controller }) => {
        const ids = Array.isArray(controller.value) ? (controller.value as string[]) : [];
        const full = field.maxFiles !== undefined && ids.length >= field.maxFiles;
        return (
          <div className="flex flex-col gap-1">
            <label htmlFor={id} className="font-semibold">
              <LabelText field={field} locale={ctx.locale} required={required} />
            </label>
            <Hint id={`${id}-hint`} text={help} />
            <ErrorLine id={`${id}-error`} error={error} />
            {ids.length > 0 && (
              <ul className="flex flex-col gap-1">
                {ids.map((fileId) => {
                  const known = ctx.files[fileId];
                  const label = known ? `${known.name}（${formatSize(known.size)}）` : t("storedFile");
                  return (
                    <li key={fileId} className="flex flex-wrap items-center gap-3 rounded border border-line px-3 py-2">
                      <span className="break-all">{label}</span>
                      <Button
                        type="button"
                        onClick={() => controller.onChange(ids.filter((other) => other !== fileId))}
                        variant="secondary"
                      >
                        {t("removeFile")}
                        <span className="sr-only">：{label}</span>
                      </Button>
                    </li>
                  );
                })}
              </ul>
            )}
            {ctx.uploads ? (
              <>
                <p id={`${id}-note`} className="text-sm text-ink-muted">
                  {field.maxFiles ? t("fileLimit", { max: field.maxFiles }) : t("fileNote")}
                </p>
                <input
                  id={id}
                  ref={controller.ref}
                  type="file"
                  multiple={field.maxFiles !== 1}
                  disabled={status.busy || full}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={hintIds}
                  onBlur={controller.onBlur}
                  onChange={async (event) => {
                    const input = event.currentTarget;
                    const chosen = Array.from(input.files ?? []).slice(
                      0,
                      field.maxFiles ? field.maxFiles - ids.length : undefined,
                    );
                    input.value = "";
                    if (chosen.length === 0 || !ctx.uploads) return;
                    setStatus({ busy: true });
                    const added: string[] = [];
                    try {
                      for (const file of chosen) {
                        setStatus({ busy: true, fileName: file.name });
                        const stored = await ctx.uploads.upload(field.materialCode, file, (fraction) =>
                          setStatus({ busy: true, fileName: file.name, progress: Math.min(1, Math.max(0, fraction)) }),
                        );
                        ctx.rememberFile(stored.fileId, { name: stored.name, size: stored.size });
                        added.push(stored.fileId);
                      }
                      setStatus({ busy: false });
                    } catch (problem) {
                      setStatus({
                        busy: false,
                        failed: problem instanceof Error && problem.message ? problem.message : t("uploadFailed"),
                      });
                    }
                    if (added.length > 0) controller.onChange([...ids, ...added]);
                  }}
                  className="min-h-12 w-full rounded border-2 border-dashed border-ink-muted bg-white p-2 file:mr-3 file:min-h-10 file:rounded file:border-0 file:bg-brand-700 file:px-4 file:font-semibold file:text-white"
                />
              </>
            ) : (
              <>
                <p id={`${id}-note`} className="rounded bg-surface px-3 py-2 text-sm">
                  {t("uploadsLater")}
                </p>
                <input
                  id={id}
                  type="file"
                  disabled
                  aria-describedby={hintIds}
                  className="min-h-12 w-full rounded border-2 border-dashed border-line p-2"
                />
              </>
            )}
            {status.busy && status.progress !== undefined && (
              <progress
                value={status.progress}
                max={1}
                aria-label={t("uploadProgress", { name: status.fileName ?? "" })}
                className="h-2 w-full"
              />
            )}
            <p role="status" className={status.failed ? "font-semibold text-accent-600" : "text-sm text-ink-muted"}>
              {status.busy ? `${t("uploading")} ${status.fileName ?? ""}` : (status.failed ?? "")}
            </p>
          </div>
        );
      }}
    />
  );
}

/** A repeating group: one fieldset per row with its child fields, add and remove buttons within min/max rows. */
export function GroupControl({
  field,
  ctx,
  required,
}: Readonly<{ field: GroupFieldDef; ctx: ControlContext; required: boolean }>) {
  const t = useTranslations("forms.renderer");
  const { fields: rows, append, remove } = useFieldArray({ control: ctx.control, name: field.key as never });
  const headingId = useId();
  const id = ctx.idFor(field.key);
  const error = ctx.errorFor(field.key);
  const help = localize(field.help, ctx.locale) || undefined;
  const rowName = field.rowLabel ? localize(field.rowLabel, ctx.locale) : localize(field.label, ctx.locale);
  const minRows = Math.max(field.minRows ?? 0, required ? 1 : 0);
  const maxRows = field.maxRows ?? 100;
  return (
    <fieldset
      className="flex flex-col gap-3"
      aria-describedby={describedBy(help && `${id}-hint`, error && `${id}-error`)}
    >
      <legend id={headingId} className="mb-1 font-semibold">
        <LabelText field={field} locale={ctx.locale} required={minRows > 0} />
      </legend>
      <Hint id={`${id}-hint`} text={help} />
      <ErrorLine id={`${id}-error`} error={error} />
      {rows.map((row, index) => (
        <fieldset key={row.id} className="flex flex-col gap-4 rounded border-2 border-line p-3 sm:p-4">
          <legend className="px-1 font-semibold">{t("rowHeading", { name: rowName, index: index + 1 })}</legend>
          {field.fields.map((child) => {
            const path = `${field.key}.${index}.${child.key}`;
            if (ctx.visible[path] === false) return null;
            return (
              <FieldControl
                key={child.key}
                field={child}
                path={path}
                ctx={ctx}
                required={ctx.required[path] ?? Boolean(child.required)}
              />
            );
          })}
          {rows.length > minRows && (
            <Button type="button" onClick={() => remove(index)} variant="danger" className="self-start">
              {t("removeRow", { name: rowName, index: index + 1 })}
            </Button>
          )}
        </fieldset>
      ))}
      {rows.length < maxRows && (
        <Button
          type="button"
          id={id}
          onClick={() => append(emptyRow(field), { shouldFocus: true })}
          variant="secondary"
          className="self-start"
        >
          {t("addRow", { name: rowName })}
        </Button>
      )}
    </fieldset>
  );
}

/** The empty value of a field as the controls hold it. */
export function emptyValue(field: FieldDef | ChildField): unknown {
  switch (field.type) {
    case "checkboxes":
    case "file":
      return [];
    case "address":
      return { province: "", city: "", county: "", detail: "" };
    case "group":
      return [];
    case "radio":
      return null;
    default:
      return "";
  }
}

export function emptyRow(group: GroupFieldDef): Values {
  return Object.fromEntries(group.fields.map((child) => [child.key, emptyValue(child)]));
}
