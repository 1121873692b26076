/** The client's address as the nearest proxy reports it; "unknown" when there is none. */
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
