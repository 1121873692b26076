"use server";

import { moveTheme, saveTheme } from "@/lib/reference/themes";
import type { ActionResult, ActionState } from "@/app/_lib/action";
import { runForm } from "../_reference/run-form";

export async function saveThemeAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "saving a theme", async ({ actor, input, ip }) => {
    await saveTheme({ actor, input, ip });
    return `/admin/themes?done=${input.mode === "create" ? "created" : "saved"}`;
  });
}

export async function moveThemeAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "moving a theme", async ({ actor, input, ip }) => {
    await moveTheme({ actor, input, ip });
    return "/admin/themes?done=moved";
  });
}
