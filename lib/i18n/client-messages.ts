/**
 * Messages sent to the browser. Every page carries the messages its client components may need, serialised into
 * the HTML; the portal's pages (the item page above all, served to everyone) do not carry the administration's
 * namespaces. The console and the administration add everything back in their layouts.
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
