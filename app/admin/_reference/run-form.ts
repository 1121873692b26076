import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/policy";
import { getActor } from "@/lib/auth/session";
import { invalidatePublicContent, PUBLIC_TAGS } from "@/lib/cache/public-cache";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";
import type { FormState } from "./form-state";

/**
 * The body of every reference-data form action: read the posted fields, run the lib function for the signed-in
 * actor, then go to `done` (a redirect, so it works without JavaScript too). Expected failures come back as
 * message keys with the values as typed (passwords never echoed); anything else is logged, never a 500.
 */
export async function runForm(
  previous: FormState,
  formData: FormData,
  label: string,
  work: (context: { actor: Actor; input: Record<string, string>; ip: string | null }) => Promise<string>,
): Promise<FormState> {
  const input: Record<string, string> = {};
  // A name posted several times (a group of checkboxes) is kept as one comma-separated value.
  for (const [key, value] of formData.entries())
    if (typeof value === "string" && !key.startsWith("$"))
      input[key] = (key in input ? `${input[key]},${value}` : value).slice(0, 2000);
  const values = Object.fromEntries(Object.entries(input).filter(([key]) => !/password/i.test(key)));
  const seq = (previous.seq ?? 0) + 1;
  let destination: string;
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    destination = await work({ actor, input, ip: clientIpFrom(await headers()) });
  } catch (error) {
    if (isAppError(error)) return { values, fieldErrors: error.details.fieldErrors, formError: error.messageKey, seq };
    logger.error({ err: error }, `${label} failed`);
    return { values, formError: "errors.unexpected", seq };
  }
  // Departments, regions, themes and offices show on the public pages: those cached are shown afresh.
  await invalidatePublicContent([PUBLIC_TAGS.catalogue]);
  revalidatePath(destination.split("?")[0] ?? "/admin");
  redirect(destination);
}
