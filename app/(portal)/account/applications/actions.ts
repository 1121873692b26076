"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionResult, runAction } from "@/app/_lib/action";
import { resubmitSupplement, withdrawCase } from "@/lib/applications/cases";
import { discardDraft } from "@/lib/applications/drafts";

export type WithdrawState = ActionResult<{ status: string }> | null;

/** 撤回 from the case page (a plain form: works without JavaScript). */
export async function withdrawAction(_previous: WithdrawState, formData: FormData): Promise<WithdrawState> {
  const caseNumber = String(formData.get("caseNumber") ?? "");
  if (formData.get("confirm") !== "yes")
    return {
      ok: false,
      code: "VALIDATION",
      formError: "applications.errors.form",
      fieldErrors: { confirm: "applications.errors.confirmWithdraw" },
    };
  const result = await runAction("case.withdraw", async (actor, ip) => {
    const updated = await withdrawCase(
      actor,
      {
        caseNumber,
        expectedVersion: formData.get("expectedVersion"),
        reason: String(formData.get("reason") ?? "") || null,
      },
      ip,
    );
    return { status: updated.status };
  });
  if (result.ok) {
    revalidatePath(`/account/applications/${caseNumber}`);
    redirect(`/account/applications/${caseNumber}?withdrawn=1`);
  }
  return result;
}

export async function resubmitAction(input: unknown) {
  return runAction("case.resubmit", (actor, ip) => resubmitSupplement(actor, input, ip));
}

/** Deletes a draft from 我的申请, only with its confirmation ticked (the box is required in the form, and checked here). */
export async function discardFromListAction(formData: FormData): Promise<void> {
  if (formData.get("confirm") !== "yes") return;
  await runAction("application.discard", (actor, ip) =>
    discardDraft(actor, String(formData.get("applicationId") ?? ""), ip),
  );
  revalidatePath("/account/applications");
}
