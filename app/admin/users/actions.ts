"use server";

import {
  createStaff,
  resetStaffPassword,
  resetStaffSecondFactor,
  setStaffStatus,
  updateStaff,
} from "@/lib/reference/staff";
import type { ActionResult, ActionState } from "@/app/_lib/action";
import { runForm } from "../_reference/run-form";

export async function createStaffAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "creating a staff account", async ({ actor, input, ip }) => {
    await createStaff({ actor, input, ip });
    return "/admin/users?done=created";
  });
}

export async function updateStaffAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "changing a staff account", async ({ actor, input, ip }) => {
    await updateStaff({ actor, input, ip });
    return "/admin/users?done=saved";
  });
}

export async function setStaffStatusAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "changing a staff account's status", async ({ actor, input, ip }) => {
    await setStaffStatus({ actor, input, ip });
    return `/admin/users?done=${input.action === "deactivate" ? "deactivated" : "reactivated"}`;
  });
}

export async function resetStaffPasswordAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "resetting a staff password", async ({ actor, input, ip }) => {
    await resetStaffPassword({ actor, input, ip });
    return "/admin/users?done=passwordReset";
  });
}

export async function resetStaffSecondFactorAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "resetting a staff second factor", async ({ actor, input, ip }) => {
    await resetStaffSecondFactor({ actor, input, ip });
    return "/admin/users?done=secondFactorReset";
  });
}
