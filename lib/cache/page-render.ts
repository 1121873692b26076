/**
 * The page cache's own requests for a rendering (lib/cache/public-pages.ts): scripts/server.ts asks its own port
 * for the page as an anonymous visitor would get it, with this header carrying a secret made once per process.
 * lib/http/app-server.ts sends such a request to Next.js instead of the cache, and proxy.ts renders it without a
 * nonce: the page will be served to many, with the hashes of its inline scripts in its policy instead.
 * A request with a wrong secret is an ordinary request (the header is dropped).
 *
 * On globalThis: the server (scripts/server.ts) and proxy.ts are separate module instances of one process.
 */
export const RENDER_HEADER = "x-onewindow-page-render";

const KEY = Symbol.for("onewindow.pageRenderSecret");

export function pageRenderSecret(): string {
  const holder = globalThis as typeof globalThis & { [KEY]?: string };
  if (!holder[KEY]) {
    const bytes = new Uint8Array(24);
    crypto.getRandomValues(bytes);
    holder[KEY] = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }
  return holder[KEY];
}

/** True when a request is the page cache's own rendering request of this process. */
export function isOwnRenderRequest(value: string | null | undefined): boolean {
  return typeof value === "string" && value === pageRenderSecret();
}
