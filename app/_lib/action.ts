import "server-only";
import { headers } from "next/headers";
import type { Actor } from "@/lib/auth/policy";
import { getActor } from "@/lib/auth/session";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

/** What a server action answers a client form: the result, or message keys to show (never a 500). */
export type ActionResult<T> =
  { ok: true; value: T } | { ok: false; code: string; formError: string; fieldErrors?: Record<string, string> };

/**
 * Runs a server action's work for the signed-in actor: expected failures (validation, policy, conflicts) become
 * message keys for the form; anything else is logged and reported as an unexpected error.
 */
export async function runAction<T>(
  label: string,
  work: (actor: Actor, ip: string | null) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    return { ok: true, value: await work(actor, clientIpFrom(await headers())) };
  } catch (error) {
    if (isAppError(error))
      return { ok: false, code: error.code, formError: error.messageKey, fieldErrors: error.details.fieldErrors };
    logger.error({ err: error }, `${label} failed`);
    return { ok: false, code: "UNEXPECTED", formError: "errors.unexpected" };
  }
}
