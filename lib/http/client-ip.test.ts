import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  clientIpFrom,
  clientUsedHttps,
  normaliseAddress,
  parseTrustedProxies,
  resolveClientAddress,
  type TrustedProxies,
} from "./client-ip";

function proxies(...entries: string[]): TrustedProxies {
  const parsed = parseTrustedProxies(entries);
  if ("invalid" in parsed) throw new Error(`invalid: ${parsed.invalid.join(", ")}`);
  return parsed.proxies;
}

describe("client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever the headers say", () => {
    for (const forwardedFor of ["6.6.6.6", "6.6.6.6, 203.0.113.7", '=HYPERLINK("http://x")', "", null]) {
      expect(resolveClientAddress({ peer: "198.51.100.4", forwardedFor }, null)).toBe("198.51.100.4");
    }
    expect(resolveClientAddress({ peer: "::ffff:198.51.100.4", forwardedFor: "6.6.6.6" }, null)).toBe("198.51.100.4");
    expect(resolveClientAddress({ peer: undefined, forwardedFor: "6.6.6.6" }, null)).toBeNull();
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    const trusted = proxies("10.0.0.2");
    expect(resolveClientAddress({ peer: "198.51.100.4", forwardedFor: "6.6.6.6" }, trusted)).toBe("198.51.100.4");
    expect(resolveClientAddress({ peer: "10.0.0.3", forwardedFor: "6.6.6.6" }, trusted)).toBe("10.0.0.3");
  });

  it("reads the chain from the right through trusted proxies only", () => {
    const trusted = proxies("10.0.0.0/8", "fd00::/8");
    // nginx (10.0.0.2) appended the client it saw; anything to its left is the client's own claim.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.7" }, trusted)).toBe(
      "203.0.113.7",
    );
    // Two of our proxies: the load balancer appended the client, nginx appended the load balancer.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.7, 10.0.0.9" }, trusted)).toBe(
      "203.0.113.7",
    );
    expect(resolveClientAddress({ peer: "fd00::2", forwardedFor: "2001:db8::7" }, trusted)).toBe("2001:db8::7");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: ["6.6.6.6", "203.0.113.8"] }, trusted)).toBe(
      "203.0.113.8",
    );
    // Only our proxies all the way: the leftmost of them is all that is known.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "10.0.0.5" }, trusted)).toBe("10.0.0.5");
    // A proxy in front that sent no header: the proxy itself.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: null }, trusted)).toBe("10.0.0.2");
  });

  it("never takes something that is not an address", () => {
    const trusted = proxies("127.0.0.1");
    for (const forged of [
      '=HYPERLINK("http://evil")',
      "unknown",
      "1.2.3.4.5",
      "<script>",
      "203.0.113.7:8080",
      "2001:db8::zz",
    ]) {
      expect(resolveClientAddress({ peer: "127.0.0.1", forwardedFor: forged }, trusted)).toBe("127.0.0.1");
    }
    expect(resolveClientAddress({ peer: "127.0.0.1", forwardedFor: "[2001:DB8::7]" }, trusted)).toBe("2001:db8::7");
  });

  it("parses TRUSTED_PROXIES and names bad entries", () => {
    expect(
      parseTrustedProxies(["10.0.0.0/33", "nginx", "1.2.3.4/8/1", "::1/129", "10.0.0.0/x", "::1", "10.0.0.0/8"]),
    ).toEqual({
      invalid: ["10.0.0.0/33", "nginx", "1.2.3.4/8/1", "::1/129", "10.0.0.0/x"],
    });
    const trusted = proxies("127.0.0.1", "::1", "172.16.0.0/12", "::ffff:192.0.2.0/120");
    expect(trusted.contains("192.0.2.77")).toBe(true);
    expect(trusted.contains("127.0.0.1")).toBe(true);
    expect(trusted.contains("::ffff:127.0.0.1")).toBe(true);
    expect(trusted.contains("::1")).toBe(true);
    expect(trusted.contains("172.31.255.255")).toBe(true);
    expect(trusted.contains("172.32.0.1")).toBe(false);
    expect(trusted.contains("not an address")).toBe(false);
  });

  it("reads only the server's header, and only an address from it", () => {
    expect(clientIpFrom(new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8" }))).toBe("unknown");
    expect(clientIpFrom(new Headers({ [CLIENT_ADDRESS_HEADER]: "=1+1" }))).toBe("unknown");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normaliseAddress(" 192.0.2.1 ")).toBe("192.0.2.1");
    expect(normaliseAddress("192.0.2.256")).toBeNull();
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    const trusted = proxies("10.0.0.2");
    expect(clientUsedHttps({ peer: "198.51.100.4", encrypted: true, forwardedProto: null }, null)).toBe(true);
    expect(clientUsedHttps({ peer: "198.51.100.4", encrypted: false, forwardedProto: "https" }, null)).toBe(false);
    expect(clientUsedHttps({ peer: "198.51.100.4", encrypted: false, forwardedProto: "https" }, trusted)).toBe(false);
    expect(clientUsedHttps({ peer: "10.0.0.2", encrypted: false, forwardedProto: "https" }, trusted)).toBe(true);
    expect(clientUsedHttps({ peer: "10.0.0.2", encrypted: false, forwardedProto: "https, http" }, trusted)).toBe(false);
    expect(clientUsedHttps({ peer: "10.0.0.2", encrypted: false, forwardedProto: "HTTPS" }, trusted)).toBe(true);
    expect(clientUsedHttps({ peer: "10.0.0.2", encrypted: false, forwardedProto: null }, trusted)).toBe(false);
  });
});
