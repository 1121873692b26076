import { notFound } from "next/navigation";

// Any unknown admin address renders the admin's own 404 page, inside the admin layout.
export default function UnknownAdminPage() {
  notFound();
}
