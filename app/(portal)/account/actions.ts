"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOutEverywhere } from "@/lib/accounts/sessions";
import { getActor } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/http/client-ip";

/** Ends every session of the signed-in person, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const actor = await getActor();
  if (actor) await signOutEverywhere({ actor, ip: clientIpFrom(await headers()) });
  redirect("/login?signedOut=everywhere");
}
