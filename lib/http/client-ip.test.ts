import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

const headers = (values: Record<string, string>) => new Headers(values);

describe("client address", () => {
  it("trusts only the entries our own proxies appended", () => {
    const forged = headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientIpFrom(forged, 1)).toBe("203.0.113.7");
    expect(clientIpFrom(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
  });

  it("falls back to X-Real-IP, then to unknown", () => {
    expect(clientIpFrom(headers({ "x-real-ip": "198.51.100.1" }), 1)).toBe("198.51.100.1");
    expect(clientIpFrom(headers({}), 1)).toBe("unknown");
    expect(clientIpFrom(headers({ "x-forwarded-for": "198.51.100.9" }), 3)).toBe("198.51.100.9");
  });
});
