"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { checkInVisit } from "@/lib/bookings/attendance";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";
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
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    const checkedIn = await checkInVisit(actor, { bookingId }, clientIpFrom(await headers()));
    back.set("ticket", checkedIn.ticket);
  } catch (error) {
    if (isAppError(error) && error.code === "UNAUTHENTICATED") redirect("/login?callbackUrl=/console/visits");
    const key = isAppError(error) ? error.messageKey : "errors.unexpected";
    if (!isAppError(error)) logger.error({ err: error }, "check-in failed");
    notice = (CHECK_IN_NOTICES as readonly string[]).includes(key)
      ? (key as CheckInNotice)
      : "bookings.errors.notFound";
  }
  back.set("notice", notice);
  revalidatePath("/console/visits");
  redirect(`/console/visits?${back.toString()}#notice`);
}
