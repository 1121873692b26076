import { Button } from "@/components/ui/button";

/** Prints the page. Hidden until public/enhance.js shows it: without JavaScript it could do nothing. */
export function PrintButton({ label }: Readonly<{ label: string }>) {
  return (
    <Button type="button" hidden data-print="" variant="secondary" className="no-print">
      {label}
    </Button>
  );
}
