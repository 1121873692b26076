"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, runAction, runPublicAction } from "@/app/_lib/action";
import { SecondFactorCode } from "@/lib/accounts/schemas";
import { homeFor } from "@/lib/auth/policy";
import { confirmSessionSecondFactor, confirmTotpEnrolment, renewRecoveryCodes } from "@/lib/auth/second-factor";
import { getSignedIn } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { safeReturnPath } from "@/lib/http/return-path";

async function host() {
  return (await headers()).get("host");
}

/**
 * Runs one second-factor step for a signed-in member of staff, who has no actor yet until the factor is proven,
 * through the one contract (runPublicAction); a throttled attempt says so in the second factor's own words.
 */
async function step<T>(
  label: string,
  work: (signedIn: NonNullable<Awaited<ReturnType<typeof getSignedIn>>>, ip: string) => Promise<T>,
): Promise<ActionResult<T>> {
  const signedIn = await getSignedIn();
  if (!signedIn || !signedIn.usesSecondFactor)
    return { ok: false, code: "UNAUTHENTICATED", formError: "auth.signInRequired" };
  const result = await runPublicAction(label, (ip) => work(signedIn, ip));
  if (!result.ok && result.code === "THROTTLED") return { ...result, formError: "auth.secondFactor.throttled" };
  return result;
}

/** The code typed, or a field error when there is none. */
function codeOf(formData: FormData): string {
  const parsed = SecondFactorCode.safeParse({ code: formData.get("code") });
  if (!parsed.success || !parsed.data.code)
    throw new AppError("VALIDATION", "errors.required", { fieldErrors: { code: "errors.required" } });
  return parsed.data.code;
}

/** Enrolment: the first code from the app turns the factor on; the recovery codes are shown once. */
export async function enrolAction(
  _previous: ActionState<string[]>,
  formData: FormData,
): Promise<ActionResult<string[]>> {
  return step("second factor enrolment", (signedIn, ip) =>
    confirmTotpEnrolment({ userId: signedIn.user.id, sessionId: signedIn.sessionId, code: codeOf(formData), ip }),
  );
}

/** Proves the factor for this session (after sign-in elsewhere, or again for sensitive actions), then goes on. */
export async function verifyAction(
  callbackUrl: string,
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const result = await step("second factor verification", (signedIn, ip) =>
    confirmSessionSecondFactor({ userId: signedIn.user.id, sessionId: signedIn.sessionId, code: codeOf(formData), ip }),
  );
  if (!result.ok) return result;
  const signedIn = await getSignedIn();
  const target = safeReturnPath(callbackUrl, await host(), "");
  redirect(target && !target.startsWith("/login") ? target : signedIn ? homeFor(signedIn.user.role) : "/login");
}

/** New recovery codes for one's own account (the old ones stop working). */
export async function renewRecoveryCodesAction(): Promise<ActionResult<string[]>> {
  return runAction("recovery code renewal", (actor, ip) => renewRecoveryCodes(actor, { ip }));
}
