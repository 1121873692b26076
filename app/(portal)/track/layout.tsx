import { PortalMessages } from "@/components/i18n/portal-messages";

// The case-tracking form: their client components get the messages they use (lib/i18n/client-messages.ts).
const NAMESPACES = ["feedback", "errors"];

export default function Layout({ children }: Readonly<{ children: React.ReactNode }>) {
  return <PortalMessages namespaces={NAMESPACES}>{children}</PortalMessages>;
}
