/**
 * A box that scrolls sideways on narrow screens (a wide table on a phone). It is a named region that takes keyboard
 * focus, so someone without a mouse can reach it and scroll it with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable), and the focus ring (app/globals.css) shows where they are. Every sideways-scrolling box uses it
 * (tests/unit/ui-primitives.test.ts).
 */
export function ScrollRegion({
  label,
  className = "",
  children,
  testId,
}: Readonly<{ label: string; className?: string; children: React.ReactNode; testId?: string }>) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      className={`relative overflow-x-auto ${className}`.trim()}
    >
      {children}
    </div>
  );
}
