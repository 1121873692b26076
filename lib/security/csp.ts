/**
 * Content-Security-Policy of the app's pages (set by proxy.ts; stored files keep their own sandbox policy from
 * lib/files/serve.ts, and route handlers answer JSON/CSV with the baseline from next.config.ts).
 *
 * Dynamic pages (all but one): scripts only with this response's nonce, plus what they load ('strict-dynamic'):
 * Next.js reads the nonce from the request's Content-Security-Policy header that proxy.ts sets and puts it on its
 * own <script> tags. No 'unsafe-inline', no 'unsafe-eval' (except in development, where React needs eval).
 *
 * The pages shared by everyone, the anonymous public pages (lib/cache/public-pages.ts), are made once and served
 * many times, so they cannot carry a per-response nonce (a nonce baked into them would be known to everybody).
 * Their HTML is known when it is stored, so they list the SHA-256 hashes of their inline scripts (Next.js's flight
 * data) instead. Only the page cache's own rendering request, which no browser ever receives, is rendered without
 * a nonce and answered with 'unsafe-inline'.
 *
 * Styles: 'unsafe-inline' stays for style-src, since React style attributes (progress bars) cannot carry a nonce;
 * style injection cannot run script.
 */

export type CspOptions = { nonce?: string; scriptHashes?: string[]; development?: boolean };

export function contentSecurityPolicy({ nonce, scriptHashes, development = false }: CspOptions): string {
  // A page whose HTML is known before it is sent (an anonymous public page, lib/cache/public-pages.ts) lists the
  // hashes of its inline scripts; only the page cache's own rendering request keeps 'unsafe-inline'.
  const scripts = nonce
    ? [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`]
    : scriptHashes
      ? [`'self'`, ...scriptHashes]
      : [`'self'`, `'unsafe-inline'`];
  if (development) scripts.push(`'unsafe-eval'`);
  return [
    `default-src 'self'`,
    `script-src ${scripts.join(" ")}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `frame-src 'self'`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}

/** A fresh nonce: 128 random bits, base64 (Web Crypto, so it runs in the proxy's runtime too). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
