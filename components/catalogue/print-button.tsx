"use client";

export function PrintButton({ label }: Readonly<{ label: string }>) {
  return (
    <button type="button" onClick={() => window.print()} className="no-print min-h-11 rounded border border-brand-700 px-4 text-brand-700 hover:bg-brand-50">
      {label}
    </button>
  );
}
