/**
 * Security headers of every answer but stored files (next.config.ts applies them; lib/http/app-server.ts, the
 * request listener of scripts/server.ts, sets them on the item pages it answers from memory). Pages get their full
 * Content-Security-Policy from proxy.ts (lib/security/csp.ts). HSTS is not among them: lib/http/app-server.ts adds
 * STRICT_TRANSPORT_SECURITY only to answers that went over HTTPS (lib/http/client-ip.ts `clientUsedHttps`), as
 * RFC 6797 asks.
 */
export const STRICT_TRANSPORT_SECURITY = {
  key: "Strict-Transport-Security",
  value: "max-age=63072000; includeSubDomains",
} as const;

export function securityHeaders(): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}
