import { secondFactorRecent, type Actor } from "../auth/policy";

/**
 * For a download link (an export) that wants a recent staff second factor: the answer that sends the browser to
 * prove it and come back to the same address, or null when the factor is recent. A relative Location, so the
 * public address is whatever the browser used.
 */
export function stepUpRedirect(actor: Actor, request: Request, now = new Date()): Response | null {
  if (secondFactorRecent(actor, now)) return null;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return new Response(null, {
    status: 303,
    headers: { Location: `/login/second-factor?callbackUrl=${encodeURIComponent(back)}`, "Cache-Control": "no-store" },
  });
}
