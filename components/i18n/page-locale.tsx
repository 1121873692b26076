"use client";

import { createContext, useContext } from "react";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config";

/**
 * The page's language for the few client components of the page chrome (the error boundary), without the
 * message-formatting library: the catalogue pages everyone reads carry no client messages at all
 * (lib/i18n/client-messages.ts). Parts of the app with forms get next-intl's provider in their layouts.
 */
const PageLocale = createContext<Locale>(DEFAULT_LOCALE);

export function PageLocaleProvider({ locale, children }: Readonly<{ locale: Locale; children: React.ReactNode }>) {
  return <PageLocale.Provider value={locale}>{children}</PageLocale.Provider>;
}

export function usePageLocale(): Locale {
  return useContext(PageLocale);
}
