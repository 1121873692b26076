import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { PageLocaleProvider } from "@/components/i18n/page-locale";
import { DISPLAY_COOKIE, isLocale } from "@/lib/i18n/config";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const locale = await getLocale();
  const large = (await cookies()).get(DISPLAY_COOKIE)?.value === "large";
  // The page's own nonce (proxy.ts); absent on the page cache's renderings, whose policy allows 'self' instead.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang={locale} className={large ? "display-large" : undefined}>
      <body className="min-h-screen bg-white font-sans text-ink antialiased">
        {/* No message catalogue here: parts with forms add theirs (components/i18n/portal-messages.tsx, the console's and administration's layouts). */}
        <PageLocaleProvider locale={isLocale(locale) ? locale : "zh-CN"}>{children}</PageLocaleProvider>
        {/* Search suggestions and print buttons, for pages with and without the React runtime (public/enhance.js). */}
        <script src="/enhance.js" defer nonce={nonce} />
      </body>
    </html>
  );
}
