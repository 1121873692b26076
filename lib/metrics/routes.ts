import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * Route patterns for the HTTP metrics' `route` label (issue 24: bounded cardinality, never raw URLs or ids).
 *
 * The patterns are the app's own routes, read from the app/ directory when the server starts, in Next.js's
 * notation: `/items/[code]`, `/api/v1/cases/[caseNumber]/status`, `/admin/[...unknown]`. Route groups `(portal)`
 * and private folders `_components` are not part of an address; metadata files (`sitemap.ts`) answer at their
 * file name. A request is labelled with the pattern Next.js would route it to (static segments before dynamic ones
 * before catch-alls), Next.js's own assets with one label per kind, and anything else with OTHER_ROUTE, so the
 * label takes at most (number of routes + a few) values whatever is requested.
 */

export const OTHER_ROUTE = "other";

/** Next.js's own addresses, by prefix (most specific first). */
const NEXT_INTERNAL: readonly [prefix: string, label: string][] = [
  ["/_next/static/", "/_next/static/[...path]"],
  ["/_next/image", "/_next/image"],
  ["/_next/", "/_next/[...path]"],
];

/** Metadata routes answered at a fixed address by a file of this name directly in app/ (Next.js's file conventions). */
const METADATA_FILES: Record<string, string> = {
  "sitemap.ts": "/sitemap.xml",
  "robots.ts": "/robots.txt",
  "manifest.ts": "/manifest.webmanifest",
  "favicon.ico": "/favicon.ico",
};

type Node = {
  pattern: string | null;
  statics: Map<string, Node>;
  dynamic: Node | null;
  catchAll: string | null;
  optionalCatchAll: string | null;
};

const node = (): Node => ({ pattern: null, statics: new Map(), dynamic: null, catchAll: null, optionalCatchAll: null });

export type RouteTable = { patterns: readonly string[]; label: (url: string) => string };

/** The route patterns of an app/ directory (pages and route handlers), sorted. */
export function appRoutePatterns(appDir: string): string[] {
  const found = new Set<string>();
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const name = entry.name;
        // Private folders (_lib) and parallel-route slots (@modal) are not address segments; groups (portal) vanish.
        if (name.startsWith("_") || name.startsWith("@")) continue;
        walk(path.join(dir, name), /^\(.*\)$/.test(name) ? segments : [...segments, name]);
      } else if (/^(page|route)\.(tsx?|jsx?|mjs)$/.test(entry.name)) {
        found.add(`/${segments.join("/")}`);
      } else if (segments.length === 0 && METADATA_FILES[entry.name]) {
        found.add(METADATA_FILES[entry.name]!);
      }
    }
  };
  walk(appDir, []);
  return [...found].sort();
}

/** A labeller for these patterns: the pattern a path would be routed to, a Next.js asset label, or OTHER_ROUTE. */
export function routeTable(patterns: readonly string[]): RouteTable {
  const root = node();
  for (const pattern of patterns) {
    let at = root;
    const segments = pattern.split("/").filter(Boolean);
    for (const [index, segment] of segments.entries()) {
      if (/^\[\[\.\.\..+\]\]$/.test(segment) && index === segments.length - 1) {
        at.optionalCatchAll = pattern;
        break;
      }
      if (/^\[\.\.\..+\]$/.test(segment) && index === segments.length - 1) {
        at.catchAll = pattern;
        break;
      }
      if (/^\[.+\]$/.test(segment)) at = at.dynamic ??= node();
      else {
        let next = at.statics.get(segment);
        if (!next) at.statics.set(segment, (next = node()));
        at = next;
      }
      if (index === segments.length - 1) at.pattern = pattern;
    }
    if (segments.length === 0) root.pattern = pattern;
  }

  const match = (at: Node, segments: readonly string[], index: number): string | null => {
    if (index === segments.length) return at.pattern ?? at.optionalCatchAll;
    const segment = segments[index]!;
    const viaStatic = at.statics.get(segment);
    const found =
      (viaStatic && match(viaStatic, segments, index + 1)) || (at.dynamic && match(at.dynamic, segments, index + 1));
    return found || at.catchAll || at.optionalCatchAll;
  };

  return {
    patterns,
    label(url: string): string {
      const queryAt = url.search(/[?#]/);
      const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
      if (!pathname.startsWith("/")) return OTHER_ROUTE;
      for (const [prefix, label] of NEXT_INTERNAL) if (pathname.startsWith(prefix)) return label;
      // Segments are compared as sent (percent-encoded): every static segment of the app is plain ASCII, and a
      // malformed encoding must not throw here (scripts/server.ts answers it 400 afterwards).
      const segments = pathname.split("/").filter(Boolean);
      return match(root, segments, 0) ?? OTHER_ROUTE;
    },
  };
}
