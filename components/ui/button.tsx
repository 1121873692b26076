import type { ComponentProps } from "react";

/**
 * The one button look, for `<button>` (Button) and for links that act as buttons (`buttonClass` on `<Link>` or `<a>`).
 * Usage: `primary` is the one action a form or page is for; `secondary` sits next to it or stands alone for a lesser
 * one; `danger` is an action that removes, withdraws or rejects; `accent` (filled red) is the search button and the
 * last confirmation of an act that cannot be undone; `quiet` is a small neutral control (move up, mark as read).
 * `md` is 44px high, the smallest touch target WCAG 2.5.5 asks for; `lg` is the portal's main call to action.
 * Accessibility: every variant has a 2px border, so the button keeps its outline in forced-colours mode; the focus
 * ring is app/globals.css's `:focus-visible` rule, never removed here; text and background pairs meet 4.5:1, also
 * on hover. Layout classes (`self-start`, `w-full`, `mt-4`, `no-print`) go in `className`, never colours or sizes:
 * without tailwind-merge two colours would fight. No hooks and no "use client", so server components (pages sent
 * without any React in the browser) use it too. tests/unit/ui-primitives.test.ts refuses button classes written
 * by hand elsewhere.
 */
export type ButtonVariant = "primary" | "secondary" | "danger" | "accent" | "quiet";
export type ButtonSize = "md" | "lg";

const BASE = "inline-flex items-center justify-center rounded border-2 text-center font-semibold disabled:opacity-70";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "border-brand-700 bg-brand-700 text-white hover:border-brand-800 hover:bg-brand-800",
  secondary: "border-brand-700 text-brand-700 hover:bg-brand-50",
  danger: "border-accent-600 text-accent-600 hover:bg-red-50",
  accent: "border-accent-600 bg-accent-600 text-white hover:border-accent-700 hover:bg-accent-700",
  quiet: "border-ink-muted text-ink hover:bg-surface",
};

const SIZES: Record<ButtonSize, string> = {
  md: "min-h-11 px-4",
  lg: "min-h-12 px-8 text-lg",
};

export type ButtonStyle = Readonly<{ variant?: ButtonVariant; size?: ButtonSize; className?: string }>;

/** The class string of a button: for a `<Link>` or `<a>` that looks like one (a `<button>` uses Button). */
export function buttonClass({ variant = "primary", size = "md", className }: ButtonStyle = {}): string {
  return [BASE, VARIANTS[variant], SIZES[size], className].filter(Boolean).join(" ");
}

/**
 * A `<button>`. `type` is required, as every button here states it: "submit" sends the form, "button" does not,
 * and a forgotten type would silently submit.
 */
export function Button({
  variant,
  size,
  className,
  type,
  ...props
}: Readonly<
  Omit<ComponentProps<"button">, "type" | "className"> & ButtonStyle & { type: "submit" | "button" | "reset" }
>) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...props} />;
}
