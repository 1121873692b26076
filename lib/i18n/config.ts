/** Chinese first; English is the one other language. Locale and display mode live in cookies. */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** Set by proxy.ts when a URL carries ?lang=…, so that request renders in the asked language. */
export const LOCALE_HEADER = "x-onewindow-locale";
/** 适老化 large-text, high-contrast mode. */
export const DISPLAY_COOKIE = "ow_display";
export const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function isLocale(value: string | undefined | null): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}

/** `?lang=en`, `?lang=zh` and `?lang=zh-CN` name a locale; anything else does not. */
export function localeFromParam(value: string | null): Locale | null {
  if (!value) return null;
  if (value === "en" || value.toLowerCase().startsWith("en-")) return "en";
  if (value === "zh" || value.toLowerCase() === "zh-cn") return "zh-CN";
  return null;
}
/** The region (12-digit code) the portal is scoped to; unset means the whole province. */
export const REGION_COOKIE = "ow_region";

export function isRegionCode(value: string | undefined | null): value is string {
  return /^\d{12}$/.test(value ?? "");
}
