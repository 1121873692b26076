"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import {
  acceptAuthorisation,
  authoriseAgent,
  EVIDENCE_KINDS,
  type EvidenceUpload,
  requestCompanyVerification,
  revokeAuthorisation,
  switchCompany,
} from "@/lib/accounts/companies";
import { establishByEBusinessLicence } from "@/lib/accounts/e-business-licence";
import { getSignedIn } from "@/lib/auth/session";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "").slice(0, 2000);

/** The legal representative asks for the company to be verified (then goes to a counter). */
export async function requestVerificationAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = { creditCode: field(formData, "creditCode"), companyName: field(formData, "companyName") };
  const evidence: EvidenceUpload[] = [];
  for (const kind of EVIDENCE_KINDS) {
    const file = formData.get(kind);
    if (file && typeof file !== "string" && file.size > 0)
      evidence.push({ kind, name: file.name.slice(0, 200), bytes: Buffer.from(await file.arrayBuffer()) });
  }
  const result = await runAction(
    "company verification request",
    (actor, ip) => requestCompanyVerification(actor, values, { ip, evidence }),
    { values },
  );
  if (result.ok) redirect("/account/company?done=verifySubmitted");
  return result;
}

/** Authorise an agent for the actor's company. */
export async function authoriseAgentAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = {
    agent: field(formData, "agent"),
    itemCodes: field(formData, "itemCodes"),
    validFrom: field(formData, "validFrom"),
    validUntil: field(formData, "validUntil"),
    mayAuthorise: formData.get("mayAuthorise") === "on" ? "on" : "",
  };
  const result = await runAction(
    "company authorisation",
    (actor, ip) => authoriseAgent(actor, { ...values, mayAuthorise: values.mayAuthorise === "on" }, { ip }),
    { values },
  );
  if (result.ok) redirect("/account/company?done=authorised");
  return result;
}

export async function acceptAuthorisationAction(formData: FormData): Promise<void> {
  const result = await runAction("accept company authorisation", (actor, ip) =>
    acceptAuthorisation(actor, { id: field(formData, "id") }, { ip }),
  );
  redirect(
    result.ok ? "/account/company?done=accepted" : `/account/company?error=${encodeURIComponent(result.formError)}`,
  );
}

export async function revokeAuthorisationAction(formData: FormData): Promise<void> {
  const result = await runAction("revoke company authorisation", (actor, ip) =>
    revokeAuthorisation(actor, { id: field(formData, "id") }, { ip }),
  );
  redirect(
    result.ok ? "/account/company?done=revoked" : `/account/company?error=${encodeURIComponent(result.formError)}`,
  );
}

/** 切换办事企业: this session acts for the chosen company from the next request on. */
export async function switchCompanyAction(formData: FormData): Promise<void> {
  const result = await runAction("switch company", async (actor, ip) => {
    const signedIn = await getSignedIn();
    return switchCompany(
      actor,
      { companyId: field(formData, "companyId") },
      { sessionId: signedIn?.sessionId ?? "", ip },
    );
  });
  redirect(
    result.ok
      ? "/account/company?done=switched"
      : `/account/company?error=${encodeURIComponent(result.formError === "errors.form" ? "companies.errors.switchNotAuthorised" : result.formError)}`,
  );
}

/** 电子营业执照认证: the legal representative opens the company account with the e-business-licence check. */
export async function eBusinessLicenceAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = { creditCode: field(formData, "creditCode") };
  const result = await runAction(
    "e-business-licence verification",
    (actor, ip) => establishByEBusinessLicence(actor, values, { ip }),
    { values },
  );
  if (result.ok) redirect("/account/company?done=eblEstablished");
  return result;
}
