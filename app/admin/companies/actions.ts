"use server";

import { redirect } from "next/navigation";
import { runAction } from "@/app/_lib/action";
import { checkCompanyVerification, decideCompanyVerification } from "@/lib/accounts/companies";

function decision(formData: FormData) {
  return {
    id: String(formData.get("id") ?? "").slice(0, 40),
    approve: formData.get("approve") === "true",
    note: String(formData.get("note") ?? "").slice(0, 600) || undefined,
  };
}

function back(id: string, result: { ok: boolean; formError?: string; fieldErrors?: Record<string, string> }): never {
  const error = result.ok
    ? null
    : (Object.values(result.fieldErrors ?? {})[0] ?? result.formError ?? "errors.unexpected");
  redirect(`/admin/companies/${encodeURIComponent(id)}?${error ? `error=${encodeURIComponent(error)}` : "done=1"}`);
}

/** First review of a company verification (registry and counter documents checked). */
export async function checkVerificationAction(formData: FormData): Promise<void> {
  const input = decision(formData);
  back(
    input.id,
    await runAction("company verification check", (actor, ip) => checkCompanyVerification(actor, input, { ip })),
  );
}

/** Second review by another administrator: approve (the company's account opens) or reject. */
export async function decideVerificationAction(formData: FormData): Promise<void> {
  const input = decision(formData);
  back(
    input.id,
    await runAction("company verification decision", (actor, ip) => decideCompanyVerification(actor, input, { ip })),
  );
}
