"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { ActionState } from "@/app/_lib/action-result";
import { createItemAction } from "./actions";

type Option = { value: string; label: string };

const FIELDS = ["catalogItemCode", "departmentId", "implementationCode", "name"] as const;

/** A plain form (works without JavaScript): the basic-catalogue entry, the department and the new code. */
export function NewItemForm({ catalogItems, departments }: { catalogItems: Option[]; departments: Option[] }) {
  const t = useTranslations("catalogueAdmin.create");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<ActionState<unknown>, FormData>(createItemAction, { ok: null });
  const error = (field: (typeof FIELDS)[number]) => state.fieldErrors?.[field];
  const described = (field: (typeof FIELDS)[number]) => (error(field) ? `${field}-error` : undefined);
  const errorLine = (field: (typeof FIELDS)[number]) =>
    error(field) && (
      <p id={`${field}-error`} className="text-sm font-semibold text-accent-600">
        <span aria-hidden="true">✕ </span>
        {tAll(error(field)!)}
      </p>
    );
  return (
    <form action={action} noValidate className="flex max-w-2xl flex-col gap-4">
      <ErrorSummary
        errors={FIELDS.filter((field) => error(field)).map((field) => ({
          field,
          message: error(field)!,
          label: t(field),
        }))}
        formError={state.formError}
      />
      {(["catalogItemCode", "departmentId"] as const).map((field) => (
        <div key={field} className="flex flex-col gap-1">
          <label htmlFor={field} className="font-semibold">
            {t(field)}
          </label>
          {errorLine(field)}
          <Select
            id={field}
            name={field}
            defaultValue={state.values?.[field] as string | undefined}
            aria-describedby={described(field)}
          >
            {(field === "catalogItemCode" ? catalogItems : departments).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
      ))}
      <div className="flex flex-col gap-1">
        <label htmlFor="implementationCode" className="font-semibold">
          {t("implementationCode")}
        </label>
        <p id="implementationCode-hint" className="text-sm text-ink-muted">
          {t("implementationCodeHint")}
        </p>
        {errorLine("implementationCode")}
        <Input
          id="implementationCode"
          name="implementationCode"
          required
          maxLength={64}
          defaultValue={state.values?.implementationCode as string | undefined}
          aria-invalid={error("implementationCode") ? true : undefined}
          aria-describedby={["implementationCode-hint", described("implementationCode")].filter(Boolean).join(" ")}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="name" className="font-semibold">
          {t("name")}
        </label>
        <p id="name-hint" className="text-sm text-ink-muted">
          {t("nameHint")}
        </p>
        {errorLine("name")}
        <Input
          id="name"
          name="name"
          maxLength={200}
          defaultValue={state.values?.name as string | undefined}
          aria-describedby={["name-hint", described("name")].filter(Boolean).join(" ")}
        />
      </div>
      <Button type="submit" disabled={pending} className="self-start">
        {t("submit")}
      </Button>
    </form>
  );
}
