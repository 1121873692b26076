import { NotFoundPanel } from "@/components/layout/not-found-panel";

export default function ConsoleNotFound() {
  return <NotFoundPanel area="console" />;
}
