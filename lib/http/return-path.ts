/**
 * A same-origin path to send the user back to, from a Referer or a callbackUrl; anything else becomes `fallback`,
 * so the sign-in page cannot be used to send people to another site (open redirect).
 *
 * Browsers forgive a lot in a Location header: they drop tabs and newlines (`/\t/evil` is `//evil`), read a
 * backslash as a slash (`/\evil`), and collapse `/.//evil` to `//evil`, a protocol-relative address. So the candidate
 * is refused outright when it (or its percent-decoded form) holds a control character or a backslash, it is resolved
 * with the URL parser against this origin, the result must have this origin and an http(s) scheme, and the path
 * handed back is the parser's own serialisation (percent-encoded ASCII), which must not begin with `//`.
 */
export function safeReturnPath(
  candidate: string | null | undefined,
  host: string | null | undefined,
  fallback = "/",
): string {
  if (!candidate || refused(candidate)) return fallback;
  let origin: URL;
  let url: URL;
  try {
    // Without a Host header (never from a browser) relative paths still resolve; absolute URLs then never match.
    origin = new URL(`http://${host || "return-path.invalid"}`);
    url = new URL(candidate, origin);
  } catch {
    return fallback;
  }
  if (!/^https?:$/.test(url.protocol) || url.host !== origin.host || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || refused(path)) return fallback;
  return path;
}

/** Control characters (C0, DEL, C1), backslashes, and the same hidden behind up to three rounds of percent-encoding. */
function refused(text: string): boolean {
  let current = text;
  for (let round = 0; round < 4; round += 1) {
    if (/[\u0000-\u001f\u007f-\u009f\\]/.test(current)) return true;
    // A path whose decoded form starts with two slashes (`/%2F/evil`) would become protocol-relative wherever a
    // later step decodes it.
    if (/^\/\s*[/\\]/.test(current)) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return true;
    }
    if (decoded === current) return false;
    current = decoded;
  }
  return true;
}
