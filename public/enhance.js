// @ts-check
/**
 * The portal's catalogue pages work as plain HTML: the anonymous visitor gets them from the page cache without the
 * React runtime (lib/cache/public-pages.ts, issue 17). This small script adds the two conveniences they have:
 * - search fields marked data-suggest fill their <datalist> with suggestions while typing (GET /api/v1/suggest);
 *   the browser's own list gives keyboard and screen reader support, and without JavaScript the field is a plain
 *   search field;
 * - buttons marked data-print print the page; they are hidden until this script shows them;
 * - journey counting (lib/analytics/beacon.ts): an element marked data-usage-view reports one view of that guide,
 *   one marked data-usage-query reports the search it shows (data-usage-results results, first page only) and any
 *   opened result inside it (links marked data-result-position). No cookie and no identifier are sent, and nothing
 *   at all when the browser asks not to be tracked (Do-Not-Track, Global Privacy Control).
 * Served from /enhance.js ('self' in the pages' policy; live pages give it their nonce).
 */
(function () {
  /** @param {HTMLInputElement} input */
  function suggest(input) {
    const list = input.list;
    if (!list) return;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    /** @type {AbortController | undefined} */
    let pending;
    input.addEventListener("input", function () {
      const text = input.value.trim();
      clearTimeout(timer);
      if (pending) pending.abort();
      if (!text) {
        list.replaceChildren();
        return;
      }
      // A short pause so a fast typist sends one request, not one per key.
      timer = setTimeout(function () {
        const controller = new AbortController();
        pending = controller;
        fetch("/api/v1/suggest?q=" + encodeURIComponent(text), { signal: controller.signal })
          .then(function (response) {
            return response.ok ? response.json() : { suggestions: [] };
          })
          .then(function (body) {
            const options = (body.suggestions || []).map(function (/** @type {string} */ suggestion) {
              const option = document.createElement("option");
              option.value = suggestion;
              return option;
            });
            list.replaceChildren.apply(list, options);
          })
          .catch(function () {});
      }, 150);
    });
  }

  /** @param {Record<string, unknown>} beacon */
  function report(beacon) {
    const privacy = /** @type {Navigator & { globalPrivacyControl?: boolean }} */ (navigator);
    if (privacy.doNotTrack === "1" || privacy.globalPrivacyControl === true) return;
    const body = JSON.stringify(beacon);
    try {
      // A beacon survives the navigation that an opened result starts.
      if (navigator.sendBeacon && navigator.sendBeacon("/api/usage", new Blob([body], { type: "application/json" })))
        return;
    } catch {
      // Refused in this state: the request below is the fallback.
    }
    fetch("/api/usage", {
      method: "POST",
      body: body,
      headers: { "Content-Type": "application/json" },
      keepalive: true,
    }).catch(function () {});
  }

  function count() {
    document.querySelectorAll("[data-usage-view]").forEach(function (element) {
      report({ event: "view", item: element.getAttribute("data-usage-view") });
    });
    document.querySelectorAll("[data-usage-query]").forEach(function (element) {
      const q = element.getAttribute("data-usage-query") || "";
      const results = element.getAttribute("data-usage-results");
      if (results !== null) report({ event: "search", q: q, results: Number(results) });
      // Enter on a link is a click too: keyboard users are counted alike.
      element.addEventListener("click", function (event) {
        const target = event.target instanceof Element ? event.target.closest("a[data-result-position]") : null;
        if (!(target instanceof HTMLAnchorElement)) return;
        const position = Number(target.getAttribute("data-result-position"));
        const item = target.getAttribute("data-result-item");
        if (item && position > 0) report({ event: "click", item: item, q: q, position: position });
      });
    });
  }

  function enhance() {
    count();
    document.querySelectorAll("input[data-suggest]").forEach(function (input) {
      if (input instanceof HTMLInputElement) suggest(input);
    });
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.removeAttribute("hidden");
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
