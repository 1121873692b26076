import { PortalMessages } from "@/components/i18n/portal-messages";

// This part of the portal has forms: its client components get the portal's messages (lib/i18n/client-messages.ts).
export default function Layout({ children }: Readonly<{ children: React.ReactNode }>) {
  return <PortalMessages>{children}</PortalMessages>;
}
