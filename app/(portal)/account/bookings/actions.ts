"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionResult, runAction } from "@/app/_lib/action";
import { bookSlot, cancelBooking, moveBooking } from "@/lib/bookings/bookings";

export type BookingState = ActionResult<unknown> | null;

/** Books the chosen slot (a plain form), then shows the confirmation. */
export async function bookAction(_previous: BookingState, formData: FormData): Promise<BookingState> {
  const slotId = formData.get("slotId");
  if (typeof slotId !== "string" || !slotId)
    return {
      ok: false,
      code: "VALIDATION",
      formError: "bookings.errors.form",
      fieldErrors: { slotId: "bookings.errors.chooseSlot" },
    };
  const result = await runAction("booking.create", (actor, ip) =>
    bookSlot(actor, { slotId, itemCode: formData.get("itemCode") }, ip),
  );
  if (result.ok) redirect(`/account/bookings/${(result.value as { id: string }).id}?new=1`);
  return result;
}

export async function moveAction(_previous: BookingState, formData: FormData): Promise<BookingState> {
  const slotId = formData.get("slotId");
  if (typeof slotId !== "string" || !slotId)
    return {
      ok: false,
      code: "VALIDATION",
      formError: "bookings.errors.form",
      fieldErrors: { slotId: "bookings.errors.chooseSlot" },
    };
  const result = await runAction("booking.move", (actor, ip) =>
    moveBooking(actor, { bookingId: formData.get("bookingId"), slotId }, ip),
  );
  if (result.ok) redirect(`/account/bookings/${(result.value as { id: string }).id}?new=1`);
  return result;
}

export async function cancelAction(_previous: BookingState, formData: FormData): Promise<BookingState> {
  const bookingId = String(formData.get("bookingId") ?? "");
  const result = await runAction("booking.cancel", (actor, ip) => cancelBooking(actor, { bookingId }, ip));
  if (result.ok) {
    revalidatePath("/account/bookings");
    redirect(`/account/bookings/${bookingId}?cancelled=1`);
  }
  return result;
}
