"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { createSlotsAction, type SlotState } from "../actions";

type Field = "date" | "days" | "startTime" | "endTime" | "capacity";

/** Open slots: first day, number of days, weekdays only, time range, capacity. Values stay after an error. */
export function SlotForm({ officeId, today }: Readonly<{ officeId: string; today: string }>) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<SlotState, FormData>(createSlotsAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const field = (name: Field, type: string, defaultValue: string, extra: Record<string, string | number> = {}) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`slot-${name}`} className="font-semibold">
        {t(`bookings.admin.${name}`)}
      </label>
      {errors[name] && (
        <p id={`slot-${name}-error`} className="font-semibold text-accent-600">
          {t(errors[name] as never)}
        </p>
      )}
      <Input
        id={`slot-${name}`}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `slot-${name}-error` : undefined}
        {...extra}
      />
    </div>
  );
  return (
    <form action={action} className="flex max-w-2xl flex-col gap-3">
      {state && !state.ok && (
        <div role="alert" className="rounded border-4 border-accent-600 p-3">
          <p className="font-semibold">{t(state.formError as never)}</p>
          <ul className="list-disc pl-6">
            {Object.entries(errors).map(([name, key]) => (
              <li key={name}>
                <a href={`#slot-${name}`} className="text-accent-600 underline underline-offset-4">
                  {t(`bookings.admin.${name}` as never)}：{t(key as never)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state?.ok && (
        <p role="status" className="font-semibold text-ok">
          {t("bookings.admin.created", { count: (state.value as { created: number }).created })}
        </p>
      )}
      <input type="hidden" name="officeId" value={officeId} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {field("date", "date", today, { min: today })}
        {field("days", "number", "5", { min: 1, max: 60 })}
        {field("startTime", "time", "09:00")}
        {field("endTime", "time", "11:30")}
        {field("capacity", "number", "5", { min: 1, max: 500 })}
      </div>
      <div className="flex items-center gap-2">
        <input id="slot-weekdaysOnly" name="weekdaysOnly" type="checkbox" defaultChecked className="h-5 w-5" />
        <label htmlFor="slot-weekdaysOnly">{t("bookings.admin.weekdaysOnly")}</label>
      </div>
      <Button type="submit" disabled={pending} className="self-start">
        {t("bookings.admin.create")}
      </Button>
    </form>
  );
}
