import { DATABASE_RETRY_AFTER_SECONDS } from "./unavailable";

/**
 * Pages during a database outage. A page that cannot reach the database would render the generic error page
 * with status 500; load balancers and people should instead see 503 + Retry-After and a calm explanation.
 *
 * The first request that meets the outage marks it (instrumentation.ts onRequestError, the health check); from
 * then on proxy.ts answers page requests with the outage page, and at most once a second asks the app's own
 * health route whether the database is back (that route clears the mark on success). State is per process, on
 * globalThis, because the proxy and the rendering are separate bundles of one Node.js process.
 */
type OutageState = { since: number | null; lastProbe: number; probe: Promise<void> | null };

const KEY = Symbol.for("onewindow.databaseOutage");
const PROBE_INTERVAL_MS = 1000;
const PROBE_TIMEOUT_MS = 3000;

function state(): OutageState {
  const holder = globalThis as typeof globalThis & { [KEY]?: OutageState };
  holder[KEY] ??= { since: null, lastProbe: 0, probe: null };
  return holder[KEY];
}

export function markDatabaseUnavailable(now = Date.now()): void {
  const current = state();
  current.since ??= now;
}

export function markDatabaseAvailable(): void {
  state().since = null;
}

export function databaseOutageSince(): number | null {
  return state().since;
}

/**
 * True while the database is known to be unreachable. When the last probe is older than a second, probes first
 * (requests arriving meanwhile share that probe), so pages come back as soon as the database does.
 */
export async function databaseStillUnavailable(probe: () => Promise<unknown>, now = Date.now()): Promise<boolean> {
  const current = state();
  if (current.since === null) return false;
  if (!current.probe && now - current.lastProbe >= PROBE_INTERVAL_MS) {
    current.lastProbe = now;
    current.probe = Promise.race([probe(), new Promise((resolve) => setTimeout(resolve, PROBE_TIMEOUT_MS))])
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => (current.probe = null));
  }
  if (current.probe) await current.probe;
  return current.since !== null;
}

export type OutageText = { title: string; body: string; retry: string; hotline: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The outage page: plain HTML with no script and no database, readable on a phone and by screen readers. */
export function outageResponse(text: OutageText, lang: string, path: string): Response {
  const html = `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.title)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0;color:#1f2937;background:#fff}main{max-width:40rem;margin:0 auto;padding:2.5rem 1rem;line-height:1.7}h1{font-size:1.5rem}a{display:inline-block;margin-top:1rem;padding:.6rem 1.25rem;background:#1d4ed8;color:#fff;border-radius:.25rem;text-decoration:none;font-weight:600}a:focus{outline:3px solid #f59e0b;outline-offset:2px}</style>
</head><body><main id="main"><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.body)}</p><p>${escapeHtml(text.hotline)}</p><a href="${escapeHtml(path)}">${escapeHtml(text.retry)}</a></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    },
  });
}
