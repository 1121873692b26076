/**
 * A same-site path to send the user back to, from a Referer or a callbackUrl. Anything pointing elsewhere (other
 * hosts, protocol-relative `//evil`, javascript: URLs) becomes `fallback`, so redirects cannot be used to phish.
 */
export function safeReturnPath(candidate: string | null | undefined, host: string | null | undefined, fallback = "/"): string {
  if (!candidate) return fallback;
  if (candidate.startsWith("/") && !candidate.startsWith("//") && !candidate.startsWith("/\\")) return candidate;
  try {
    const url = new URL(candidate);
    if (!host || url.host !== host || !/^https?:$/.test(url.protocol)) return fallback;
    return `${url.pathname}${url.search}${url.hash}` || fallback;
  } catch {
    return fallback;
  }
}
