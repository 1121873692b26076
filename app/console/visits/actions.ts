"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/app/_lib/action";
import { checkInVisit } from "@/lib/bookings/attendance";
import { CHECK_IN_NOTICES, type CheckInNotice } from "./notices";

/**
 * 签到: a plain form per booking (works without JavaScript); lib/bookings/attendance.ts parses and asks the policy.
 * The answer comes back on the arrivals page as a notice.
 */
export async function checkInAction(formData: FormData): Promise<void> {
  const bookingId = String(formData.get("bookingId") ?? "").slice(0, 40);
  const back = new URLSearchParams();
  const date = String(formData.get("date") ?? "");
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) back.set("date", date);
  let notice: CheckInNotice = "checkedIn";
  const result = await runAction("check-in", (actor, ip) => checkInVisit(actor, { bookingId }, ip));
  if (result.ok) back.set("ticket", result.value.ticket);
  else if (result.code === "UNAUTHENTICATED") redirect("/login?callbackUrl=/console/visits");
  else
    notice = (CHECK_IN_NOTICES as readonly string[]).includes(result.formError)
      ? (result.formError as CheckInNotice)
      : "bookings.errors.notFound";
  back.set("notice", notice);
  revalidatePath("/console/visits");
  redirect(`/console/visits?${back.toString()}#notice`);
}
