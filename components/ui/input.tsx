import type { ComponentProps } from "react";

/**
 * The one look of a text input, select and textarea. Usage: `md` (44px) in the console and the administration,
 * `lg` (48px) in the portal's forms, next to `lg` buttons. Accessibility: the red border of a field in error
 * follows its `aria-invalid` (Input, Select and Textarea read it), so colour never says something a screen reader
 * does not; the error itself is text (components/form/field.tsx). The 2px dark border meets the 3:1 a control's
 * outline needs (WCAG 1.4.11), and the focus ring is app/globals.css's `:focus-visible` rule. Widths and fonts
 * (`w-full`, `max-w-xs`, `font-mono`) go in `className`, never border colours or heights. No hooks and no
 * "use client", so server components use it too. tests/unit/ui-primitives.test.ts refuses the input look written
 * by hand elsewhere.
 */
export type InputSize = "md" | "lg";

// py-1.5 gives a textarea room around its lines and still fits a one-line input inside its min-height.
const BASE = "rounded border-2 bg-white px-3 py-1.5 text-ink disabled:bg-surface";
const SIZES: Record<InputSize, string> = { md: "min-h-11", lg: "min-h-12" };

export type InputStyle = Readonly<{ invalid?: boolean; size?: InputSize; className?: string }>;

/** The class string of a text input, select or textarea (for a control rendered elsewhere, as Field's render prop). */
export function inputClass({ invalid = false, size = "md", className }: InputStyle = {}): string {
  return [BASE, SIZES[size], invalid ? "border-accent-600" : "border-ink-muted", className].filter(Boolean).join(" ");
}

/**
 * `size` is the control's height, as on Button; HTML's own `size` attribute (a width in characters) is not used in
 * this app, where widths are classes.
 */
type Props<Tag extends "input" | "select" | "textarea"> = Readonly<
  Omit<ComponentProps<Tag>, "className" | "size"> & Omit<InputStyle, "invalid">
>;

function isInvalid(value: ComponentProps<"input">["aria-invalid"]): boolean {
  return value === true || value === "true";
}

export function Input({ size, className, ...props }: Props<"input">) {
  return <input className={inputClass({ invalid: isInvalid(props["aria-invalid"]), size, className })} {...props} />;
}

export function Select({ size, className, ...props }: Props<"select">) {
  return <select className={inputClass({ invalid: isInvalid(props["aria-invalid"]), size, className })} {...props} />;
}

export function Textarea({ size, className, ...props }: Props<"textarea">) {
  return <textarea className={inputClass({ invalid: isInvalid(props["aria-invalid"]), size, className })} {...props} />;
}
