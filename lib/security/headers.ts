/**
 * Security headers of every answer but stored files (next.config.ts applies them; scripts/server.ts sets them on
 * the item pages it answers from memory). Pages get their full Content-Security-Policy from proxy.ts
 * (lib/security/csp.ts). HSTS in production builds: browsers ignore it over plain HTTP, so it only takes effect
 * behind TLS, where it must (two years, subdomains included).
 */
export function securityHeaders(production: boolean): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
