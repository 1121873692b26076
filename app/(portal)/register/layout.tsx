import { PortalMessages } from "@/components/i18n/portal-messages";

// The registration form: their client components get the messages they use (lib/i18n/client-messages.ts).
const NAMESPACES = ["auth", "identity", "errors"];

export default function Layout({ children }: Readonly<{ children: React.ReactNode }>) {
  return <PortalMessages namespaces={NAMESPACES}>{children}</PortalMessages>;
}
