"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { AUDIENCES } from "@/lib/catalogue/filters";
import { ITEM_TYPES } from "@/lib/catalogue/guide-content";
import type { ActionState } from "@/app/_lib/action-result";
import { saveCatalogItemAction } from "./actions";

type Initial = {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  itemType: string;
  exerciseLevels: number[];
  audiences: string[];
} | null;

/** Create or edit one basic-catalogue entry; a plain form that keeps every value when the server refuses it. */
export function CatalogItemForm({ initial }: { initial: Initial }) {
  const t = useTranslations("catalogueAdmin.basic");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<ActionState<unknown>, FormData>(saveCatalogItemAction, { ok: null });
  const values =
    state.values ?? (initial ? { ...initial, exerciseLevels: initial.exerciseLevels.map(String) } : undefined);
  const value = (name: string) => (values as Record<string, unknown> | undefined)?.[name];
  const list = (name: string) => (Array.isArray(value(name)) ? (value(name) as string[]) : []);
  const error = (name: string) => state.fieldErrors?.[name];
  const errorLine = (name: string) =>
    error(name) && (
      <p id={`${name}-error`} className="text-sm font-semibold text-accent-600">
        <span aria-hidden="true">✕ </span>
        {tAll(error(name)!)}
      </p>
    );
  const fields = ["code", "name", "nameEn", "itemType", "exerciseLevels", "audiences"];
  // Remount the form after a save so the new values show (and a create form empties).
  const key = `${initial?.id ?? "new"}-${state.ok ? "saved" : "editing"}-${JSON.stringify(state.values ?? null)}`;
  return (
    <form key={key} action={action} noValidate className="flex flex-col gap-4 rounded border-2 border-line p-4">
      <h2 className="text-xl font-bold">{initial ? t("editTitle", { name: initial.name }) : t("newTitle")}</h2>
      <ErrorSummary
        errors={fields
          .filter((field) => error(field))
          .map((field) => ({ field, message: error(field)!, label: t(field === "exerciseLevels" ? "levels" : field) }))}
        formError={state.formError}
      />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        {(["code", "name", "nameEn"] as const).map((name) => (
          <div key={name} className="flex flex-col gap-1">
            <label htmlFor={name} className="font-semibold">
              {t(name)}
            </label>
            {errorLine(name)}
            <Input
              id={name}
              name={name}
              defaultValue={(value(name) as string | undefined) ?? ""}
              aria-invalid={error(name) ? true : undefined}
              aria-describedby={error(name) ? `${name}-error` : undefined}
            />
          </div>
        ))}
        <div className="flex flex-col gap-1">
          <label htmlFor="itemType" className="font-semibold">
            {t("itemType")}
          </label>
          {errorLine("itemType")}
          <Select
            id="itemType"
            name="itemType"
            defaultValue={(value("itemType") as string | undefined) ?? "T20_PUBLIC_SERVICE"}
          >
            {ITEM_TYPES.map((type) => (
              <option key={type} value={type}>
                {tAll(`catalogue.itemTypes.${type}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <fieldset
        id="exerciseLevels"
        className="flex flex-col gap-1"
        aria-describedby={error("exerciseLevels") ? "exerciseLevels-error" : undefined}
      >
        <legend className="font-semibold">{t("levels")}</legend>
        {errorLine("exerciseLevels")}
        <div className="flex flex-wrap gap-x-4">
          {["1", "2", "3", "4", "5", "6"].map((level) => (
            <label key={level} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                name="exerciseLevels"
                value={level}
                defaultChecked={list("exerciseLevels").includes(level)}
                className="size-5"
              />
              {tAll(`guide.levels.${level}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset
        id="audiences"
        className="flex flex-col gap-1"
        aria-describedby={error("audiences") ? "audiences-error" : undefined}
      >
        <legend className="font-semibold">{t("audiences")}</legend>
        {errorLine("audiences")}
        <div className="flex flex-wrap gap-x-4">
          {AUDIENCES.map((audience) => (
            <label key={audience} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                name="audiences"
                value={audience}
                defaultChecked={list("audiences").includes(audience)}
                className="size-5"
              />
              {tAll(`catalogue.audiences.${audience}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
        <p role="status" className="font-semibold text-ok">
          {state.ok ? t("saved") : ""}
        </p>
      </div>
    </form>
  );
}
