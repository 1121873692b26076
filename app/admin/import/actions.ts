"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/app/_lib/action";
import { checkUpload, confirmUpload } from "@/lib/catalogue/import/admin";
import type { ImportReport } from "@/lib/catalogue/import/types";

export type ImportState = {
  step?: "checked" | "imported";
  report?: ImportReport;
  token?: string;
  fileName?: string;
  format?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
};

/** Step 1: the uploaded file is checked (a dry run); nothing is written. */
export async function checkImportAction(_previous: ImportState, formData: FormData): Promise<ImportState> {
  const format = String(formData.get("format") ?? "auto").slice(0, 20);
  const file = formData.get("file");
  const result = await runAction("catalogue import check", async (actor, ip) => {
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    return checkUpload(actor, { fileName: file instanceof File ? file.name : "", bytes, format }, ip);
  });
  if (!result.ok) return { formError: result.formError, fieldErrors: result.fieldErrors, format };
  return {
    step: "checked",
    report: result.value.report,
    token: result.value.token,
    fileName: result.value.fileName,
    format,
  };
}

/** Step 2: the checked file is imported, all or nothing. */
export async function confirmImportAction(_previous: ImportState, formData: FormData): Promise<ImportState> {
  const input = {
    token: String(formData.get("token") ?? "").slice(0, 64),
    fileName: String(formData.get("fileName") ?? "").slice(0, 200),
    format: String(formData.get("format") ?? "auto").slice(0, 20),
  };
  const result = await runAction("catalogue import", (actor, ip) => confirmUpload(actor, input, ip));
  if (!result.ok) return { formError: result.formError, fieldErrors: result.fieldErrors, format: input.format };
  revalidatePath("/admin/items");
  return { step: "imported", report: result.value, fileName: input.fileName, format: input.format };
}
