"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/app/_lib/action";
import { saveCatalogItem } from "@/lib/catalogue/basic-catalogue";

export type CatalogItemFormState = {
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string | string[]>;
  saved?: boolean;
};

export async function saveCatalogItemAction(
  _previous: CatalogItemFormState,
  formData: FormData,
): Promise<CatalogItemFormState> {
  const text = (name: string, max: number) => String(formData.get(name) ?? "").slice(0, max);
  const values = {
    id: text("id", 40) || null,
    code: text("code", 40),
    name: text("name", 300),
    nameEn: text("nameEn", 400),
    itemType: text("itemType", 40),
    exerciseLevels: formData.getAll("exerciseLevels").map(String).slice(0, 6),
    audiences: formData.getAll("audiences").map(String).slice(0, 7),
  };
  const result = await runAction("saving a catalogue entry", (actor, ip) => saveCatalogItem(actor, values, ip));
  const kept = { ...values, id: values.id ?? "" };
  if (!result.ok) return { formError: result.formError, fieldErrors: result.fieldErrors, values: kept };
  revalidatePath("/admin/catalogue");
  return { saved: true, values: values.id ? kept : undefined };
}
