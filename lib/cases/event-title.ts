/**
 * The title of a timeline entry as people read it: the step's name, then the state it led to, unless the state
 * reads the same as the step ("准予许可 → 准予许可" said nothing twice; issue 18). Labels come from the caller's
 * message catalogue (console, supervision and the applicant's page word steps differently); an action without a
 * label reads as the state change it made, never as its code.
 */
export function eventTitle(
  event: { action: string; toStatus: string | null },
  labels: { action: (action: string) => string | null; status: (status: string) => string; fallback: string },
): string {
  const step = labels.action(event.action);
  const state = event.toStatus ? labels.status(event.toStatus) : null;
  if (!step) return state ? `${labels.fallback} → ${state}` : labels.fallback;
  return state && state !== step ? `${step} → ${state}` : step;
}
