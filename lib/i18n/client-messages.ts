/**
 * Messages sent to the browser, serialised into every page's HTML (issue 17: on the home page they were 68 KB of
 * its 119 KB of React payload). The root layout sends only the shell's (`shellClientMessages`): the catalogue pages
 * (home, search, departments, themes, regions, item guides, statistics) have no client component needing more.
 * Pages with forms add the portal's messages in their layouts (components/i18n/portal-messages.tsx); the console
 * and the administration add everything back in theirs.
 */
const STAFF_ONLY_NAMESPACES = new Set(["catalogueAdmin", "catalogueImport", "reference", "admin", "supervision", "console", "api"]);

export function portalClientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [namespace, value] of Object.entries(messages)) {
    if (STAFF_ONLY_NAMESPACES.has(namespace)) continue;
    // The form builder's texts are for administrators; applicants need the renderer and the error texts.
    if (namespace === "forms" && value && typeof value === "object") {
      picked[namespace] = Object.fromEntries(Object.entries(value).filter(([key]) => key !== "builder" && key !== "definition"));
      continue;
    }
    picked[namespace] = value;
  }
  return picked;
}

/** What the page chrome's client components need on every page: the error boundary and the sign-out button. */
const SHELL: Record<string, readonly string[] | "all"> = { errorPage: "all", auth: ["signOut"] };

export function shellClientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [namespace, keys] of Object.entries(SHELL)) {
    const value = messages[namespace];
    if (!value || typeof value !== "object") continue;
    picked[namespace] = keys === "all" ? value : Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key)));
  }
  return picked;
}
