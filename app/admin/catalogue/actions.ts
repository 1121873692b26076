"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { saveCatalogItem } from "@/lib/catalogue/basic-catalogue";

export async function saveCatalogItemAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
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
  const kept = { ...values, id: values.id ?? "" };
  const result = await runAction("saving a catalogue entry", (actor, ip) => saveCatalogItem(actor, values, ip), {
    values: kept,
  });
  if (!result.ok) return result;
  revalidatePath("/admin/catalogue");
  // An edited entry keeps its values; a new one's form starts empty again.
  return values.id ? result : { ok: true, value: result.value };
}
