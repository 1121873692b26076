"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOutSession } from "@/lib/accounts/sessions";
import { providerSignOutUrl } from "@/lib/auth/oidc";
import { getSignedIn } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getLocale } from "next-intl/server";
import { clientIpFrom } from "@/lib/http/client-ip";

/** next-auth's session cookie, plain or __Secure- (HTTPS), whole or in chunks (.0, .1 …). */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * Signing out: a plain form post, so it works without JavaScript and needs no client library in the page. The
 * session ends on the server (lib/accounts/sessions.ts) and its cookie is deleted; one that began at the unified
 * identity provider goes on to the provider to end its session there too.
 */
export async function signOutAction(): Promise<void> {
  const signedIn = await getSignedIn();
  const ended = signedIn
    ? await signOutSession({
        sessionId: signedIn.sessionId,
        userId: signedIn.user.id,
        role: signedIn.user.role,
        ip: clientIpFrom(await headers()),
      })
    : null;
  const store = await cookies();
  for (const cookie of store.getAll()) {
    if (SESSION_COOKIE.test(cookie.name))
      store.set(cookie.name, "", {
        path: "/",
        maxAge: 0,
        httpOnly: true,
        sameSite: "lax",
        secure: cookie.name.startsWith("__Secure-"),
      });
  }
  // Signed in through the unified identity provider: its single sign-on session ends too (RP-initiated logout); the
  // provider sends the person back to the portal's home page.
  const atProvider = ended?.viaIdentityProvider ? await providerSignOutUrl(env(), await getLocale()) : null;
  redirect(atProvider ?? "/");
}
