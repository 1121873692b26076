/** A positive page number from a query parameter; anything else is page 1. */
export function pageParam(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

export function textParam(value: string | string[] | undefined, maxLength: number): string {
  const raw = Array.isArray(value) ? value[0] : value;
  return (raw ?? "").slice(0, maxLength);
}
