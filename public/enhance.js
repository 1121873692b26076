// @ts-check
/**
 * The portal's catalogue pages work as plain HTML: the anonymous visitor gets them from the page cache without the
 * React runtime (lib/cache/public-pages.ts, issue 17). This small script adds the two conveniences they have:
 * - search fields marked data-suggest fill their <datalist> with suggestions while typing (GET /api/v1/suggest);
 *   the browser's own list gives keyboard and screen reader support, and without JavaScript the field is a plain
 *   search field;
 * - buttons marked data-print print the page; they are hidden until this script shows them.
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

  function enhance() {
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
