"use server";

import { deleteHoliday, loadHolidayYear, saveHoliday } from "@/lib/reference/holidays";
import type { ActionResult, ActionState } from "@/app/_lib/action";
import { runForm } from "../_reference/run-form";

const back = (input: Record<string, string>, done: string) => {
  const year = /^\d{4}$/.test(input.date?.slice(0, 4) ?? "") ? input.date?.slice(0, 4) : input.year;
  return `/admin/holidays?${new URLSearchParams({ ...(year && /^\d{4}$/.test(year) ? { year } : {}), done }).toString()}`;
};

export async function saveHolidayAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "saving a holiday", async ({ actor, input, ip }) => {
    await saveHoliday({ actor, input, ip });
    return back(input, "saved");
  });
}

export async function deleteHolidayAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "deleting a holiday", async ({ actor, input, ip }) => {
    await deleteHoliday({ actor, id: input.id ?? "", ip });
    return back(input, "deleted");
  });
}

export async function loadYearAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "loading a holiday year", async ({ actor, input, ip }) => {
    const result = await loadHolidayYear({ actor, year: input.year, ip });
    return `/admin/holidays?${new URLSearchParams({ year: String(result.year), done: "loaded", created: String(result.created), updated: String(result.updated), removed: String(result.removed), kept: String(result.keptManual) }).toString()}`;
  });
}
