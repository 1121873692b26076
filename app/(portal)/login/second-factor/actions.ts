"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SecondFactorCode } from "@/lib/accounts/schemas";
import { homeFor, isStaffRole } from "@/lib/auth/policy";
import { confirmSessionSecondFactor, confirmTotpEnrolment, renewRecoveryCodes } from "@/lib/auth/second-factor";
import { getActor, getSignedIn } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { safeReturnPath } from "@/lib/http/return-path";
import { logger } from "@/lib/logger";

/** What the second-factor forms show after posting: message keys, or the recovery codes (once). */
export type SecondFactorState = { formError?: string; fieldErrors?: Record<string, string>; recoveryCodes?: string[] };

async function request() {
  const headerList = await headers();
  return { ip: clientIpFrom(headerList), host: headerList.get("host") };
}

/** Runs one second-factor step for a signed-in staff member; expected failures become message keys. */
async function step(
  label: string,
  work: (
    signedIn: NonNullable<Awaited<ReturnType<typeof getSignedIn>>>,
    ip: string | null,
  ) => Promise<SecondFactorState>,
): Promise<SecondFactorState> {
  try {
    const signedIn = await getSignedIn();
    if (!signedIn || !isStaffRole(signedIn.user.role)) return { formError: "auth.signInRequired" };
    return await work(signedIn, (await request()).ip);
  } catch (error) {
    if (isAppError(error) && error.code === "THROTTLED") return { formError: "auth.secondFactor.throttled" };
    if (isAppError(error)) return { formError: error.messageKey, fieldErrors: error.details.fieldErrors };
    logger.error({ err: error }, `${label} failed`);
    return { formError: "errors.unexpected" };
  }
}

function codeOf(formData: FormData): string {
  const parsed = SecondFactorCode.safeParse({ code: formData.get("code") });
  return parsed.success ? parsed.data.code : "";
}

/** Enrolment: the first code from the app turns the factor on; the recovery codes are shown once. */
export async function enrolAction(_previous: SecondFactorState, formData: FormData): Promise<SecondFactorState> {
  return step("second factor enrolment", async (signedIn, ip) => {
    const code = codeOf(formData);
    if (!code) return { fieldErrors: { code: "errors.required" } };
    return {
      recoveryCodes: await confirmTotpEnrolment({ userId: signedIn.user.id, sessionId: signedIn.sessionId, code, ip }),
    };
  });
}

/** Proves the factor for this session (after sign-in elsewhere, or again for sensitive actions), then goes on. */
export async function verifyAction(
  callbackUrl: string,
  _previous: SecondFactorState,
  formData: FormData,
): Promise<SecondFactorState> {
  const result = await step("second factor verification", async (signedIn, ip) => {
    const code = codeOf(formData);
    if (!code) return { fieldErrors: { code: "errors.required" } };
    await confirmSessionSecondFactor({ userId: signedIn.user.id, sessionId: signedIn.sessionId, code, ip });
    return {};
  });
  if (result.formError || result.fieldErrors) return result;
  const signedIn = await getSignedIn();
  const target = safeReturnPath(callbackUrl, (await request()).host, "");
  redirect(target && !target.startsWith("/login") ? target : signedIn ? homeFor(signedIn.user.role) : "/login");
}

/** New recovery codes for one's own account (the old ones stop working). */
export async function renewRecoveryCodesAction(): Promise<SecondFactorState> {
  return step("recovery code renewal", async (_signedIn, ip) => {
    const actor = await getActor();
    if (!actor) return { formError: "auth.signInRequired" };
    return { recoveryCodes: await renewRecoveryCodes(actor, { ip }) };
  });
}
