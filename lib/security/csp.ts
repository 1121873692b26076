/**
 * Content-Security-Policy of the app's pages (set by proxy.ts; stored files keep their own sandbox policy from
 * lib/files/serve.ts, and route handlers answer JSON/CSV with the baseline from next.config.ts).
 *
 * Dynamic pages (all but one): scripts only with this response's nonce, plus what they load ('strict-dynamic'):
 * Next.js reads the nonce from the request's Content-Security-Policy header that proxy.ts sets and puts it on its
 * own <script> tags. No 'unsafe-inline', no 'unsafe-eval' (except in development, where React needs eval).
 *
 * The one static page, the cached item page that anonymous visitors get (app/(portal)/items/[code]/cached, an
 * incrementally regenerated rendering shared by everyone), cannot carry a per-response nonce: its HTML is made
 * once and served many times, and a nonce baked into it would be known to everybody. Its inline scripts are
 * Next.js's flight data (self.__next_f.push), different for every item and regeneration, so hashes cannot be
 * listed ahead of time either. It therefore keeps 'unsafe-inline' for scripts — but only for that page, which is
 * anonymous (no session cookie: proxy.ts serves it only without one), holds no personal data and renders only
 * administrator-published guide text through React's escaping. Every other directive is the same as elsewhere.
 * Nonces would force it to render dynamically and give up the cache that carries peak-hour item traffic.
 *
 * Styles: 'unsafe-inline' stays for style-src, since React style attributes (progress bars) cannot carry a nonce;
 * style injection cannot run script.
 */

export type CspOptions = { nonce?: string; scriptHashes?: string[]; development?: boolean };

export function contentSecurityPolicy({ nonce, scriptHashes, development = false }: CspOptions): string {
  // A page whose HTML is known before it is sent (the anonymous item page from lib/catalogue/item-page-cache.ts)
  // lists the hashes of its inline scripts; only the rendering Next.js serves itself keeps 'unsafe-inline'.
  const scripts = nonce ? [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`] : scriptHashes ? [`'self'`, ...scriptHashes] : [`'self'`, `'unsafe-inline'`];
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
