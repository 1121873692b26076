import { env } from "../env";

/**
 * The client's address, for throttling and the audit trail. X-Forwarded-For is a list each proxy appends to;
 * only the entries added by our own proxies can be trusted, so the address is read TRUST_PROXY_HOPS entries
 * from the right (default 1: the nearest proxy, or Next.js itself, which records the socket address when the
 * header is absent). Entries further left are whatever the client sent. Deploy behind a reverse proxy that
 * sets the header: an app exposed directly cannot tell a forged header from a real one.
 */
export function clientIpFrom(headers: { get(name: string): string | null }, hops = env().TRUST_PROXY_HOPS): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const fromChain = chain.length > 0 ? chain[Math.max(0, chain.length - hops)] : undefined;
  return fromChain || headers.get("x-real-ip") || "unknown";
}
