"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/app/_lib/action";
import type { Actor } from "@/lib/auth/policy";
import { callNext, closeTicket, issueTicket } from "@/lib/bookings/queue";
import { QUEUE_NOTICES, type QueueNotice } from "./notices";

/**
 * 排队叫号: plain forms (they work without JavaScript) posting here; lib/bookings/queue.ts parses and asks the policy.
 * The answer comes back on the queue page as a notice naming the number concerned.
 */
async function answer(
  formData: FormData,
  work: (actor: Actor, ip: string) => Promise<{ notice: QueueNotice; ticket?: string; window?: string }>,
) {
  const office = String(formData.get("officeCode") ?? "").slice(0, 40);
  const back = new URLSearchParams();
  if (/^[A-Za-z0-9_-]{1,40}$/.test(office)) back.set("office", office);
  const result = await runAction("queue action", work);
  if (result.ok) {
    back.set("notice", result.value.notice);
    if (result.value.ticket) back.set("ticket", result.value.ticket);
    // The window the clerk sits at stays filled in for the next call.
    const window = result.value.window ?? String(formData.get("window") ?? "").slice(0, 20);
    if (window) back.set("window", window);
  } else {
    if (result.code === "UNAUTHENTICATED") redirect("/login?callbackUrl=/console/queue");
    const key = Object.values(result.fieldErrors ?? {})[0] ?? result.formError;
    back.set("notice", (QUEUE_NOTICES as readonly string[]).includes(key) ? key : "errors.unexpected");
  }
  revalidatePath("/console/queue");
  redirect(`/console/queue?${back.toString()}#notice`);
}

export async function issueTicketAction(formData: FormData): Promise<void> {
  await answer(formData, async (actor, ip) => {
    const ticket = await issueTicket(
      actor,
      { officeCode: formData.get("officeCode"), line: formData.get("line") },
      { ip },
    );
    return { notice: "issued", ticket: ticket.label };
  });
}

export async function callNextAction(formData: FormData): Promise<void> {
  await answer(formData, async (actor, ip) => {
    const called = await callNext(
      actor,
      { officeCode: formData.get("officeCode"), line: formData.get("line") ?? "", window: formData.get("window") },
      { ip },
    );
    return called ? { notice: "called", ticket: called.label, window: called.window } : { notice: "noneWaiting" };
  });
}

export async function closeTicketAction(formData: FormData): Promise<void> {
  await answer(formData, async (actor, ip) => {
    const closed = await closeTicket(
      actor,
      { ticketId: formData.get("ticketId"), outcome: formData.get("outcome") },
      { ip },
    );
    return { notice: closed.status === "SERVED" ? "served" : "noShow" };
  });
}
