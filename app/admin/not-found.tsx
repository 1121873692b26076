import { NotFoundPanel } from "@/components/layout/not-found-panel";

export default function AdminNotFound() {
  return <NotFoundPanel area="admin" />;
}
