import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

/**
 * How webhook deliveries reach departmental systems, and where they may not go (server-side request forgery).
 *
 * A subscription's address is chosen by a department administrator, but the request leaves from the app's own
 * machine: pointed at 127.0.0.1 it could reach the app's database or admin ports, at 169.254.169.254 a cloud's
 * metadata service. Loopback, link-local, "this network" and multicast addresses are therefore refused — both as
 * written in the URL and as a host name resolves, checked on the address the connection actually uses (so a
 * name that resolves differently the second time cannot slip through). Private networks (10/8, 172.16/12,
 * 192.168/16, fc00::/7) stay allowed: departmental systems live on the government intranet.
 */
const FORBIDDEN = new net.BlockList();
FORBIDDEN.addSubnet("0.0.0.0", 8, "ipv4");
FORBIDDEN.addSubnet("127.0.0.0", 8, "ipv4");
FORBIDDEN.addSubnet("169.254.0.0", 16, "ipv4");
FORBIDDEN.addSubnet("224.0.0.0", 4, "ipv4");
FORBIDDEN.addAddress("255.255.255.255", "ipv4");
FORBIDDEN.addAddress("::", "ipv6");
FORBIDDEN.addAddress("::1", "ipv6");
FORBIDDEN.addSubnet("fe80::", 10, "ipv6");
FORBIDDEN.addSubnet("ff00::", 8, "ipv6");
const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Loopback is allowed only for tests and local development (WEBHOOK_ALLOW_LOOPBACK); the rest never. */
export type WebhookAddressRules = { allowLoopback?: boolean };

/** True when a delivery may not be sent to this IP address (IPv4-mapped IPv6 addresses are judged as IPv4). */
export function forbiddenWebhookAddress(address: string, { allowLoopback = false }: WebhookAddressRules = {}): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const candidate = mapped ?? address;
  const family = net.isIP(candidate);
  if (family === 0) return true;
  const type = family === 4 ? "ipv4" : "ipv6";
  if (allowLoopback && LOOPBACK.check(candidate, type)) return false;
  return FORBIDDEN.check(candidate, type);
}

/** True when a subscription's URL names a forbidden host outright (an address literal or localhost). */
export function forbiddenWebhookUrl(url: string, rules: WebhookAddressRules = {}): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return true;
  }
  if (host === "localhost" || host.endsWith(".localhost")) return !rules.allowLoopback;
  return net.isIP(host) !== 0 && forbiddenWebhookAddress(host, rules);
}

export class ForbiddenWebhookAddressError extends Error {
  constructor(address: string) {
    super(`address not allowed for webhooks: ${address}`);
    this.name = "ForbiddenWebhookAddressError";
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup that fails for forbidden addresses; answers in whichever form (one address or all) it was asked. */
const guardedLookup = (rules: WebhookAddressRules) => (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
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
 * `allowLoopback` is for tests and local development only (WEBHOOK_ALLOW_LOOPBACK).
 */
export function sendWebhook(url: string, request: WebhookRequest, rules: WebhookAddressRules = {}): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, "");
    // An address literal never goes through a lookup: judged here.
    if (net.isIP(host) !== 0 && forbiddenWebhookAddress(host, rules)) return reject(new ForbiddenWebhookAddressError(host));
    const client = target.protocol === "https:" ? https : http;
    const outgoing = client.request(
      target,
      {
        method: request.method,
        headers: { ...request.headers, "Content-Length": String(Buffer.byteLength(request.body)) },
        timeout: request.timeoutMs,
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
