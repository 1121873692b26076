"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { markRead } from "@/lib/notifications/inbox";

/** Marks one notification (or all) read; ids of others' notifications change nothing. */
export async function markReadAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const all = formData.get("all") === "1";
  await markRead(actor, all ? { all: true } : { id: String(formData.get("id") ?? "") });
  revalidatePath("/account/inbox");
}
