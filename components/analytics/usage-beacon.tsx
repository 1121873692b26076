"use client";

import { useEffect, type ReactNode } from "react";

type Beacon = { event: "view"; item: string } | { event: "click"; item: string; q: string; position: number };

/**
 * Reports a guide view or an opened search result to POST /api/usage (lib/analytics/beacon.ts): no cookie, no
 * identifier, and nothing at all when the browser asks not to be tracked (Do-Not-Track, Global Privacy Control).
 * sendBeacon survives the navigation a click starts.
 */
function report(beacon: Beacon) {
  const privacy = navigator as Navigator & { globalPrivacyControl?: boolean };
  if (privacy.doNotTrack === "1" || privacy.globalPrivacyControl === true) return;
  const body = JSON.stringify(beacon);
  try {
    if (navigator.sendBeacon?.("/api/usage", new Blob([body], { type: "application/json" }))) return;
  } catch {
    // Some browsers refuse beacons in some states; the fetch below is the fallback.
  }
  void fetch("/api/usage", {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json" },
    keepalive: true,
  }).catch(() => {});
}

/** Counts one view of the guide it is placed on, once the page has been shown. */
export function GuideViewBeacon({ item }: Readonly<{ item: string }>) {
  useEffect(() => report({ event: "view", item }), [item]);
  return null;
}

/**
 * Counts which result of a search was opened: a click on a link inside that carries `data-result-position` and
 * `data-result-item` (components/catalogue/item-list.tsx) is reported with the search text and the position.
 */
export function SearchClickBeacon({ query, children }: Readonly<{ query: string; children: ReactNode }>) {
  return (
    // Only observes clicks the links inside already handle (Enter on a link is a click too); adds no interaction.
    <div
      onClick={(event) => {
        const link = (event.target as Element).closest?.("a[data-result-position]");
        if (!(link instanceof HTMLAnchorElement)) return;
        const position = Number(link.dataset.resultPosition);
        const item = link.dataset.resultItem;
        if (item && Number.isInteger(position) && position > 0) report({ event: "click", item, q: query, position });
      }}
    >
      {children}
    </div>
  );
}
