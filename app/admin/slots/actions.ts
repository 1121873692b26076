"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/app/_lib/action";
import { createSlots, deleteSlot, updateSlotCapacity } from "@/lib/bookings/bookings";

export type SlotState = ActionResult<unknown> | null;

/** Opens slots (a plain form; values are kept on every error by the client form). */
export async function createSlotsAction(_previous: SlotState, formData: FormData): Promise<SlotState> {
  const officeId = String(formData.get("officeId") ?? "");
  const result = await runAction("booking.slots.create", (actor, ip) =>
    createSlots(
      actor,
      {
        officeId,
        date: formData.get("date"),
        days: formData.get("days") || 1,
        weekdaysOnly: formData.get("weekdaysOnly") === "on",
        startTime: formData.get("startTime"),
        endTime: formData.get("endTime"),
        capacity: formData.get("capacity"),
      },
      ip,
    ),
  );
  if (result.ok) revalidatePath(`/admin/slots/${officeId}`);
  return result;
}

export async function updateCapacityAction(formData: FormData): Promise<void> {
  await runAction("booking.slot.update", (actor, ip) =>
    updateSlotCapacity(actor, { slotId: formData.get("slotId"), capacity: formData.get("capacity") }, ip),
  );
  revalidatePath(`/admin/slots/${String(formData.get("officeId") ?? "")}`);
}

export async function deleteSlotAction(formData: FormData): Promise<void> {
  await runAction("booking.slot.delete", (actor, ip) => deleteSlot(actor, String(formData.get("slotId") ?? ""), ip));
  revalidatePath(`/admin/slots/${String(formData.get("officeId") ?? "")}`);
}
