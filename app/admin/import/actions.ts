"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { checkUpload, confirmUpload } from "@/lib/catalogue/import/admin";
import type { ImportReport } from "@/lib/catalogue/import/types";

/** A checked upload: its report and the token that lets exactly this file be imported. */
export type CheckedImport = { report: ImportReport; token: string; fileName: string };
/** An import done (or refused as a whole): its report. */
export type FinishedImport = { report: ImportReport; fileName: string };

/** Step 1: the uploaded file is checked (a dry run); nothing is written. */
export async function checkImportAction(
  _previous: ActionState<CheckedImport>,
  formData: FormData,
): Promise<ActionResult<CheckedImport>> {
  const format = String(formData.get("format") ?? "auto").slice(0, 20);
  const file = formData.get("file");
  return runAction(
    "catalogue import check",
    async (actor, ip) => {
      const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
      const checked = await checkUpload(actor, { fileName: file instanceof File ? file.name : "", bytes, format }, ip);
      return { report: checked.report, token: checked.token, fileName: checked.fileName };
    },
    { values: { format } },
  );
}

/** Step 2: the checked file is imported, all or nothing. */
export async function confirmImportAction(
  _previous: ActionState<FinishedImport>,
  formData: FormData,
): Promise<ActionResult<FinishedImport>> {
  const input = {
    token: String(formData.get("token") ?? "").slice(0, 64),
    fileName: String(formData.get("fileName") ?? "").slice(0, 200),
    format: String(formData.get("format") ?? "auto").slice(0, 20),
  };
  const result = await runAction(
    "catalogue import",
    async (actor, ip) => ({ report: await confirmUpload(actor, input, ip), fileName: input.fileName }),
    { values: { format: input.format } },
  );
  if (result.ok) revalidatePath("/admin/items");
  return result;
}
