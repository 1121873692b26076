/**
 * Messages sent to the browser, serialised into the HTML of a page with forms (issue 17: on the home page they were
 * 68 KB of its 119 KB of React payload). The root layout sends none: the catalogue pages (home, search,
 * departments, themes, regions, item guides, statistics) have no client component that formats messages, and the
 * error boundary carries its own texts (app/error.tsx). Parts of the portal with forms add the portal's messages in
 * their layouts (components/i18n/portal-messages.tsx); the console and the administration add everything back.
 */
const STAFF_ONLY_NAMESPACES = new Set([
  "catalogueAdmin",
  "catalogueImport",
  "reference",
  "admin",
  "supervision",
  "console",
  "api",
]);

export function portalClientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [namespace, value] of Object.entries(messages)) {
    if (STAFF_ONLY_NAMESPACES.has(namespace)) continue;
    // The form builder's texts are for administrators; applicants need the renderer and the error texts.
    if (namespace === "forms" && value && typeof value === "object") {
      picked[namespace] = Object.fromEntries(
        Object.entries(value).filter(([key]) => key !== "builder" && key !== "definition"),
      );
      continue;
    }
    picked[namespace] = value;
  }
  return picked;
}
