"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOutSession } from "@/lib/accounts/sessions";
import { getSignedIn } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/http/client-ip";

/** next-auth's session cookie, plain or __Secure- (HTTPS), whole or in chunks (.0, .1 …). */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * Signing out: a plain form post, so it works without JavaScript and needs no client library in the page. The
 * session ends on the server (lib/accounts/sessions.ts) and its cookie is deleted.
 */
export async function signOutAction(): Promise<void> {
  const signedIn = await getSignedIn();
  if (signedIn) await signOutSession({ sessionId: signedIn.sessionId, userId: signedIn.user.id, role: signedIn.user.role, ip: clientIpFrom(await headers()) });
  const store = await cookies();
  for (const cookie of store.getAll()) {
    if (SESSION_COOKIE.test(cookie.name)) store.set(cookie.name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: cookie.name.startsWith("__Secure-") });
  }
  redirect("/");
}
