import net from "node:net";

/**
 * Networks written in settings (TRUSTED_PROXIES, WEBHOOK_ALLOWED_CIDRS): "10.20.0.0/16", "fd12:3456::/48", or a bare
 * address (one host). Plain code without server-only imports, so that lib/env.ts can validate settings at boot.
 */
export type Cidr = { address: string; prefix: number; type: "ipv4" | "ipv6" };

/** One network, or null when the text is not an address or address/prefix (zone ids such as %eth0 are refused). */
export function parseCidr(text: string): Cidr | null {
  const [address = "", prefixText, ...rest] = text.trim().split("/");
  const family = net.isIP(address);
  if (family === 0 || address.includes("%") || rest.length > 0) return null;
  const max = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, type: family === 4 ? "ipv4" : "ipv6" };
}

/** Splits the comma-separated setting: the entries as written, or the ones that are not networks. */
export function parseCidrList(value: string): { cidrs: string[] } | { invalid: string[] } {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const invalid = entries.filter((entry) => parseCidr(entry) === null);
  return invalid.length > 0 ? { invalid } : { cidrs: entries };
}
