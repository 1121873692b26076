import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { portalClientMessages } from "@/lib/i18n/client-messages";

/**
 * The portal's messages for the client components of a part of the portal with forms (sign-in, registration,
 * tracking, verification, the account, applying, booking, asking). The root layout sends only the shell's
 * (lib/i18n/client-messages.ts), so the catalogue pages everyone reads stay light.
 */
export async function PortalMessages({ children }: Readonly<{ children: React.ReactNode }>) {
  return <NextIntlClientProvider messages={portalClientMessages(await getMessages())}>{children}</NextIntlClientProvider>;
}
