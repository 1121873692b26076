import { notFound } from "next/navigation";

// Any unknown console address renders the console's own 404 page, inside the console layout.
export default function UnknownConsolePage() {
  notFound();
}
