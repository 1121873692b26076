import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { Actor } from "@/lib/auth/policy";
import { getActor } from "@/lib/auth/session";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";
import type { ActionResult, FormValues } from "./action-result";

export type { ActionResult, ActionState, FormValues } from "./action-result";

/**
 * The one server-action contract (CONTRIBUTING.md, Add a server action). Every action runs its work through
 * `runAction`: the actor comes from the session, never the form; expected failures (AppError: validation, policy,
 * conflicts, limits) become message keys for the form with the values as typed; anything else is logged and
 * reported as an unexpected error, never a 500. A `redirect()` or `notFound()` inside the work passes through.
 */
export async function runAction<T>(
  label: string,
  work: (actor: Actor, ip: string) => Promise<T>,
  form: { values?: FormValues; done?: string } = {},
): Promise<ActionResult<T>> {
  return runPublicAction(
    label,
    async (ip) => {
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
      return work(actor, ip);
    },
    form,
  );
}

/**
 * The same contract for the few actions that need no signed-in person (registration, password reset, the second
 * factor during sign-in, the public status lookup): no session step; the lib function decides what the caller may do.
 */
export async function runPublicAction<T>(
  label: string,
  work: (ip: string) => Promise<T>,
  form: { values?: FormValues; done?: string } = {},
): Promise<ActionResult<T>> {
  try {
    const value = await work(clientIpFrom(await headers()));
    return {
      ok: true,
      value,
      ...(form.done ? { done: form.done } : {}),
      ...(form.values ? { values: form.values } : {}),
    };
  } catch (error) {
    unstable_rethrow(error);
    return actionFailure(error, label, form.values);
  }
}

function actionFailure(error: unknown, label: string, values?: FormValues): ActionResult<never> {
  const kept = values ? { values } : {};
  if (isAppError(error))
    return {
      ok: false,
      code: error.code,
      formError: error.messageKey,
      fieldErrors: error.details.fieldErrors,
      conflict: error.code === "CONFLICT",
      ...kept,
    };
  logger.error({ err: error }, `${label} failed`);
  return { ok: false, code: "UNEXPECTED", formError: "errors.unexpected", conflict: false, ...kept };
}

/**
 * The posted values as the form shows them again after a failure: names listed in `multi` as lists (checkbox
 * groups), others as text cut to 5,000 characters; Next.js's own fields and anything named like a password are
 * never echoed.
 */
export function formValues(formData: FormData, multi: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION") || /password/i.test(key)) continue;
    values[key] = multi.includes(key)
      ? formData.getAll(key).map((value) => String(value).slice(0, 100))
      : String(formData.get(key) ?? "").slice(0, 5000);
  }
  return values;
}
