import "server-only";
import { createTranslator } from "use-intl/core";
import type { Locale } from "./config";
import { messagesFor } from "./messages";

/** A message for a route handler's JSON answer, in the visitor's language; unknown keys fall back to a generic one. */
export function translate(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale),
    onError: () => undefined,
    getMessageFallback: () => "",
  });
  const message = (t as unknown as (key: string, values?: Record<string, string | number>) => string)(key, values);
  return message || (t as unknown as (key: string) => string)("errors.unexpected");
}
