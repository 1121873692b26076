import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { portalClientMessages } from "@/lib/i18n/client-messages";

/**
 * The portal's messages for the client components of a part of the portal with forms (sign-in, registration,
 * tracking, the account, applying, booking, asking). The root layout sends none (lib/i18n/client-messages.ts), so
 * the catalogue pages everyone reads stay light. `namespaces` narrows them for the public forms, which are served
 * to everyone from the page cache: only what their client components and their schemas' error keys use.
 */
export async function PortalMessages({
  namespaces,
  children,
}: Readonly<{ namespaces?: readonly string[]; children: React.ReactNode }>) {
  const messages = portalClientMessages(await getMessages());
  const picked = namespaces
    ? Object.fromEntries(Object.entries(messages).filter(([namespace]) => namespaces.includes(namespace)))
    : messages;
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
