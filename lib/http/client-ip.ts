import { BlockList, isIP } from "node:net";
import { parseCidr } from "./networks";

/**
 * The client's address, for rate limits, sign-in throttling and the audit trail.
 *
 * Only the process that owns the socket knows who is connected, so the address is decided there
 * (scripts/server.ts, through `resolveClientAddress`) and handed to Next.js in CLIENT_ADDRESS_HEADER, overwriting
 * anything a client sent under that name. Route handlers, actions and pages read it with `clientIpFrom`.
 *
 * X-Forwarded-For is believed only when the socket's peer is one of TRUSTED_PROXIES (addresses or CIDRs, e.g. the
 * nginx in front): the list is then read from the right, skipping further trusted proxies, and the first address
 * that is not one of ours is the client. With no trusted proxies (the default) the socket address decides, so a
 * client exposed to the app directly cannot choose its own address. Every address is checked with net.isIP: a
 * forged entry that is not an address never becomes one.
 */
export const CLIENT_ADDRESS_HEADER = "x-onewindow-client-address";

/** The address a request came from, as this app sees it; "unknown" when the server gave none (never trusted from a client). */
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  const address = normaliseAddress(headers.get(CLIENT_ADDRESS_HEADER));
  return address ?? "unknown";
}

/** An IPv4 or IPv6 address in its usual written form (IPv4-mapped IPv6 as plain IPv4), or null when `value` is not one. */
export function normaliseAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  // [2001:db8::1] as some proxies write it; the zone of a link-local address (fe80::1%eth0) says nothing about the client.
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  address = address.replace(/%[0-9A-Za-z._~-]+$/, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const version = isIP(address);
  if (version === 0) return null;
  return version === 6 ? address.toLowerCase() : address;
}

export type TrustedProxies = { contains(address: string): boolean };

/** Parses TRUSTED_PROXIES entries (`10.0.0.2`, `10.0.0.0/8`, `fd00::/8`); returns the bad entries instead when there are any. */
export function parseTrustedProxies(entries: readonly string[]): { proxies: TrustedProxies } | { invalid: string[] } {
  const list = new BlockList();
  const invalid: string[] = [];
  for (const entry of entries) {
    const cidr = parseCidr(entry);
    const address = cidr ? normaliseAddress(cidr.address) : null;
    if (!cidr || !address) invalid.push(entry);
    // An IPv4-mapped entry (::ffff:10.0.0.2/128) is matched as the IPv4 network it names.
    else if (isIP(address) === 4 && cidr.type === "ipv6") {
      if (cidr.prefix >= 96) list.addSubnet(address, cidr.prefix - 96, "ipv4");
      else invalid.push(entry);
    } else list.addSubnet(address, cidr.prefix, cidr.type);
  }
  if (invalid.length > 0) return { invalid };
  return {
    proxies: {
      contains(candidate) {
        const address = normaliseAddress(candidate);
        if (!address) return false;
        return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
      },
    },
  };
}

/**
 * The client's address from the socket's peer and the X-Forwarded-For header, trusting the header only as far as
 * it was written by TRUSTED_PROXIES (see above). Null when the peer itself is not an address (a closed socket).
 */
export function resolveClientAddress(
  {
    peer,
    forwardedFor,
  }: { peer: string | null | undefined; forwardedFor: string | readonly string[] | null | undefined },
  trusted: TrustedProxies | null,
): string | null {
  let client = normaliseAddress(peer);
  if (!client || !trusted || !trusted.contains(client)) return client;
  const header: string = typeof forwardedFor === "string" ? forwardedFor : (forwardedFor ?? []).join(",");
  const chain = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const hop = normaliseAddress(chain[index]);
    // Not an address: the proxy that appended it is the last thing known for sure.
    if (!hop) return client;
    client = hop;
    if (!trusted.contains(hop)) return hop;
  }
  return client;
}

/**
 * Whether the client reached us over HTTPS: the socket itself is TLS, or the peer is a trusted proxy that says so
 * in X-Forwarded-Proto (its last entry: the proxy nearest to us wrote it). HSTS is sent only then.
 */
export function clientUsedHttps(
  {
    peer,
    encrypted,
    forwardedProto,
  }: {
    peer: string | null | undefined;
    encrypted: boolean;
    forwardedProto: string | readonly string[] | null | undefined;
  },
  trusted: TrustedProxies | null,
): boolean {
  if (encrypted) return true;
  const address = normaliseAddress(peer);
  if (!address || !trusted || !trusted.contains(address)) return false;
  const header: string = typeof forwardedProto === "string" ? forwardedProto : (forwardedProto ?? []).join(",");
  return header.split(",").at(-1)?.trim().toLowerCase() === "https";
}
