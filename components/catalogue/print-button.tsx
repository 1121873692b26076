/** Prints the page. Hidden until public/enhance.js shows it: without JavaScript it could do nothing. */
export function PrintButton({ label }: Readonly<{ label: string }>) {
  return (
    <button
      type="button"
      hidden
      data-print=""
      className="no-print min-h-11 rounded border border-brand-700 px-4 text-brand-700 hover:bg-brand-50"
    >
      {label}
    </button>
  );
}
