import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import { parseCidr } from "../http/networks";

/**
 * How webhook deliveries reach departmental systems, and where they may not go (server-side request forgery,
 * penetration test point 6).
 *
 * A subscription's address is chosen by a department administrator, but the request leaves from the app's own
 * machine: pointed at 127.0.0.1 it could reach the app's database or admin ports, at 169.254.169.254 or
 * 100.100.100.200 a cloud's metadata service (and its credentials). So:
 * - the URL itself must be http(s) without user name or password (those would be sent as Basic credentials and
 *   shown in the admin pages), and an address written in it must not be refused (below);
 * - every address the connection actually uses is judged again, through a guarded DNS lookup at connect time
 *   (so a name that resolves differently the second time — DNS rebinding — cannot slip through);
 * - refused, whatever the configuration: the special-purpose ranges in REFUSED, and every address of this
 *   machine's own interfaces (its LAN address reaches the app itself as surely as 127.0.0.1 does);
 * - when WEBHOOK_ALLOWED_CIDRS is set, the address must also lie inside one of those networks.
 * Private networks (10/8, 172.16/12, 192.168/16, fc00::/7) stay allowed by default: departmental systems live on
 * the government intranet. A deployment narrows that with WEBHOOK_ALLOWED_CIDRS.
 *
 * Not covered (say so in the deployment guide): an address that reaches this machine only through the network —
 * a public address NATed back to it, or a proxy or load balancer in front of it. WEBHOOK_ALLOWED_CIDRS is the
 * answer there.
 */

/** Special-purpose ranges (IANA IPv4/IPv6 special-purpose address registries, RFC 6890) a delivery never reaches. */
const REFUSED_RANGES: readonly (readonly [network: string, prefix: number, why: string])[] = [
  ["0.0.0.0", 8, "'this network'; 0.0.0.0 connects to this machine on Linux"],
  ["100.64.0.0", 10, "carrier-grade NAT (RFC 6598): Alibaba Cloud's metadata 100.100.100.200 and internal services"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local: the metadata service 169.254.169.254 of AWS, Azure, GCP, Tencent, Huawei, Oracle"],
  ["192.0.0.0", 24, "IETF protocol assignments (Oracle Cloud Classic's metadata was 192.0.0.192)"],
  ["192.0.2.0", 24, "documentation (TEST-NET-1)"],
  ["192.88.99.0", 24, "deprecated 6to4 relay anycast"],
  ["198.18.0.0", 15, "benchmarking (RFC 2544)"],
  ["198.51.100.0", 24, "documentation (TEST-NET-2)"],
  ["203.0.113.0", 24, "documentation (TEST-NET-3)"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved, and the broadcast address 255.255.255.255"],
  ["::", 96, "unspecified ::, loopback ::1 and the deprecated IPv4-compatible ::a.b.c.d (RFC 4291)"],
  // ::ffff:0:0/96 (IPv4-mapped) and 64:ff9b::/96 (NAT64, RFC 6052) are judged by the IPv4 address they embed
  // (embeddedIpv4 below): a mapped address is that IPv4 address, and NAT64 is how IPv6-only hosts reach IPv4 ones.
  ["::ffff:0:0:0", 96, "IPv4-translated (SIIT): not a destination an application names"],
  ["64:ff9b:1::", 48, "local-use NAT64 (RFC 8215): the operator places the IPv4 bits, so they cannot be judged"],
  ["100::", 64, "discard-only"],
  [
    "2001::",
    23,
    "IETF protocol assignments: Teredo 2001::/32 (tunnels to an obfuscated IPv4 address), benchmarking, ORCHID",
  ],
  ["2001:db8::", 32, "documentation"],
  ["2002::", 16, "6to4 (deprecated, RFC 7526): tunnels to the embedded IPv4 address, which could be a refused one"],
  ["3fff::", 20, "documentation (RFC 9637)"],
  ["fd00:ec2::254", 128, "the AWS metadata service over IPv6 (the rest of fc00::/7 is intranet and stays allowed)"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "deprecated site-local"],
  ["ff00::", 8, "multicast"],
];

const REFUSED = new net.BlockList();
for (const [network, prefix] of REFUSED_RANGES)
  REFUSED.addSubnet(network, prefix, net.isIP(network) === 4 ? "ipv4" : "ipv6");

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * `allowLoopback` (WEBHOOK_ALLOW_LOOPBACK) lifts the loopback refusal, for tests and local development only; it
 * does not lift any other refusal, nor the allow-list. `allowedCidrs` is WEBHOOK_ALLOWED_CIDRS (empty: no allow-list).
 */
export type WebhookAddressRules = { allowLoopback?: boolean; allowedCidrs?: readonly string[] };

type AddressType = "ipv4" | "ipv6";

/** This machine's own addresses, read at every check: interfaces come and go (DHCP, VPNs, containers). */
function ownAddresses(): net.BlockList {
  const own = new net.BlockList();
  for (const entry of Object.values(os.networkInterfaces()).flat()) {
    if (!entry) continue;
    const address = entry.address.replace(/%.*$/, "");
    const family = net.isIP(address);
    if (family !== 0) own.addAddress(address, family === 4 ? "ipv4" : "ipv6");
  }
  return own;
}

const allowLists = new Map<string, net.BlockList>();

/** The allow-list as a BlockList, built once per distinct setting (entries were validated by lib/env.ts). */
function allowListOf(cidrs: readonly string[]): net.BlockList {
  const key = cidrs.join(",");
  let list = allowLists.get(key);
  if (!list) {
    list = new net.BlockList();
    for (const entry of cidrs) {
      const cidr = parseCidr(entry);
      if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.type);
    }
    allowLists.set(key, list);
  }
  return list;
}

/** The eight 16-bit words of a valid IPv6 address (a trailing dotted IPv4 part included). */
function ipv6Words(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text = dotted
    ? `${address.slice(0, dotted.index)}${((Number(dotted[1]) << 8) | Number(dotted[2])).toString(16)}:${((Number(dotted[3]) << 8) | Number(dotted[4])).toString(16)}`
    : address;
  const words = (part: string | undefined) => (part ? part.split(":").map((word) => parseInt(word, 16)) : []);
  const [head, tail] = text.split("::");
  if (tail === undefined) return words(head);
  const before = words(head);
  const after = words(tail);
  return [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
}

/**
 * The IPv4 address an IPv6 address stands for, when it merely wraps one: IPv4-mapped ::ffff:a.b.c.d (a dual-stack
 * socket connects to a.b.c.d itself) and the well-known NAT64 prefix 64:ff9b::a.b.c.d (the NAT64 gateway connects
 * to a.b.c.d). Other embeddings (6to4, Teredo, local-use NAT64, IPv4-compatible) are refused whole in REFUSED.
 */
function embeddedIpv4(address: string): { ipv4: string; via: "mapped" | "nat64" } | null {
  const words = ipv6Words(address);
  const zeros = (from: number, to: number) => words.slice(from, to).every((word) => word === 0);
  const via =
    zeros(0, 5) && words[5] === 0xffff
      ? "mapped"
      : words[0] === 0x64 && words[1] === 0xff9b && zeros(2, 6)
        ? "nat64"
        : null;
  if (!via) return null;
  const [high = 0, low = 0] = words.slice(6);
  return { ipv4: [high >> 8, high & 0xff, low >> 8, low & 0xff].join("."), via };
}

function refusedAddress(address: string, type: AddressType, allowLoopback: boolean): boolean {
  if (LOOPBACK.check(address, type)) return !allowLoopback;
  return REFUSED.check(address, type) || ownAddresses().check(address, type);
}

/**
 * True when a delivery may not be sent to this IP address: a refused range, an address of this machine, loopback
 * (unless allowed), or — with an allow-list — an address outside it. IPv6 forms of an IPv4 address (mapped,
 * NAT64) are judged as that IPv4 address too. Anything that is not an IP address is refused.
 */
export function forbiddenWebhookAddress(
  address: string,
  { allowLoopback = false, allowedCidrs = [] }: WebhookAddressRules = {},
): boolean {
  // A zone id (fe80::1%eth0) names an interface, not a network; link-local is refused anyway.
  const bare = address.replace(/%.*$/, "");
  const family = net.isIP(bare);
  if (family === 0) return true;
  const type = family === 4 ? "ipv4" : "ipv6";
  const wrapped = family === 6 ? embeddedIpv4(bare) : null;
  if (allowedCidrs.length > 0) {
    const allowed = allowListOf(allowedCidrs);
    if (!allowed.check(bare, type) && !(wrapped && allowed.check(wrapped.ipv4, "ipv4"))) return true;
  }
  if (refusedAddress(bare, type, allowLoopback)) return true;
  // Through NAT64, "loopback" is the gateway's own: never allowed.
  return wrapped !== null && refusedAddress(wrapped.ipv4, "ipv4", allowLoopback && wrapped.via === "mapped");
}

/** Why a subscription URL is refused from its text alone (before any name is resolved). */
export type WebhookUrlProblem = "invalid" | "scheme" | "credentials" | "address";

/** The host of a URL as an address literal or a name: brackets, a trailing root dot and case removed. */
function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
}

/**
 * Checks a subscription's URL as written: http(s) only, no user name or password (they would travel as Basic
 * credentials and show in the admin pages), and no refused address literal or localhost name. The URL parser has
 * already normalised 127.1, 2130706433, 0x7f000001 and 017700000001 to 127.0.0.1. Names are judged at delivery.
 */
export function webhookUrlProblem(url: string, rules: WebhookAddressRules = {}): WebhookUrlProblem | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return "invalid";
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return "scheme";
  if (target.username !== "" || target.password !== "") return "credentials";
  const host = hostOf(target);
  if (host === "localhost" || host.endsWith(".localhost")) return rules.allowLoopback ? null : "address";
  return net.isIP(host) !== 0 && forbiddenWebhookAddress(host, rules) ? "address" : null;
}

/** True when a subscription's URL is refused as written (see webhookUrlProblem). */
export function forbiddenWebhookUrl(url: string, rules: WebhookAddressRules = {}): boolean {
  return webhookUrlProblem(url, rules) !== null;
}

/** The URL as it may be shown: without user name and password (subscriptions stored before they were refused). */
export function displayWebhookUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === "" && parsed.password === "") return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The URL itself is refused (known from its text alone, so saying so reveals nothing about the network). */
export class WebhookUrlRefusedError extends Error {
  constructor(readonly problem: WebhookUrlProblem) {
    super(`webhook URL refused: ${problem}`);
    this.name = "WebhookUrlRefusedError";
  }
}

/** A name resolved to a refused address; reported to administrators exactly like any other network failure. */
export class ForbiddenWebhookAddressError extends Error {
  constructor(address: string) {
    super(`address not allowed for webhooks: ${address}`);
    this.name = "ForbiddenWebhookAddressError";
  }
}

/**
 * What a failed attempt may be called where administrators see it: "refused" (the URL as written is not allowed),
 * or "undeliverable" for everything else. Connection refused, host unreachable, timeouts, DNS failures and a name
 * resolving to a refused address all look the same, so the delivery log cannot be used to scan ports or map
 * which internal names exist (penetration test point 6). Operators find the cause in the server log.
 */
export type WebhookFailure = "refused" | "undeliverable";

export function webhookFailure(error: unknown): WebhookFailure {
  return error instanceof WebhookUrlRefusedError ? "refused" : "undeliverable";
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** dns.lookup that fails for forbidden addresses; answers in whichever form (one address or all) it was asked. */
const guardedLookup =
  (rules: WebhookAddressRules) =>
  (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => forbiddenWebhookAddress(entry.address, rules));
      if (refused) return callback(new ForbiddenWebhookAddressError(refused.address), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
      callback(null, first.address, first.family);
    });
  };

export type WebhookRequest = { method: "POST"; headers: Record<string, string>; body: string; timeoutMs: number };

/**
 * POSTs one delivery and answers its status code; redirects are not followed (a redirect could lead anywhere).
 * Rejects with WebhookUrlRefusedError before any network activity when the URL is refused as written; any other
 * rejection is a delivery failure to be reported only as "undeliverable" (webhookFailure).
 */
export function sendWebhook(
  url: string,
  request: WebhookRequest,
  rules: WebhookAddressRules = {},
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const problem = webhookUrlProblem(url, rules);
    if (problem) return reject(new WebhookUrlRefusedError(problem));
    const target = new URL(url);
    const client = target.protocol === "https:" ? https : http;
    const outgoing = client.request(
      target,
      {
        method: request.method,
        headers: { ...request.headers, "Content-Length": String(Buffer.byteLength(request.body)) },
        timeout: request.timeoutMs,
        // A fresh connection per delivery: a pooled keep-alive socket would skip the lookup below, so the address
        // would not be judged under the rules of this delivery.
        agent: false,
        // An address literal was judged above and never goes through a lookup; names are judged here.
        lookup: guardedLookup(rules) as unknown as typeof dns.lookup,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
        response.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${request.timeoutMs} ms`)));
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}
