import { env } from "../env";

/**
 * The portal's public origin: PUBLIC_BASE_URL, else NEXTAUTH_URL, else the request's host or localhost. What
 * leaves the app with an address in it (a certificate's verification QR code, the sitemap) uses this, never the
 * address a request happened to arrive at (issue 18: certificates took NEXTAUTH_URL). lib/env.ts checks the
 * setting at start.
 */
export function publicBaseUrl(fallbackHost?: string | null): string {
  const settings = env();
  const configured = settings.PUBLIC_BASE_URL ?? settings.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  return fallbackHost ? `http://${fallbackHost}` : `http://localhost:${settings.PORT}`;
}
