import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { parseCidrList } from "./networks";

describe("WEBHOOK_ALLOWED_CIDRS", () => {
  it("parses networks and single addresses, and names the bad entries", () => {
    expect(parseCidrList(" 10.20.0.0/16, fd12:3456::/48 ,192.168.1.9,")).toEqual({
      cidrs: ["10.20.0.0/16", "fd12:3456::/48", "192.168.1.9"],
    });
    expect(parseCidrList("")).toEqual({ cidrs: [] });
    expect(
      parseCidrList("10.0.0.0/33,10.0.0.0/8,intranet,fe80::1%eth0/64,10.0.0.0/8/8,::/129,10.0.0.0/x,10.0.0.0/"),
    ).toEqual({
      invalid: ["10.0.0.0/33", "intranet", "fe80::1%eth0/64", "10.0.0.0/8/8", "::/129", "10.0.0.0/x", "10.0.0.0/"],
    });
  });

  it("is validated at boot with a message naming the variable and the bad entries", () => {
    expect(parseEnv({}).WEBHOOK_ALLOWED_CIDRS).toEqual([]);
    expect(parseEnv({ WEBHOOK_ALLOWED_CIDRS: "10.20.0.0/16,fd12:3456::/48" }).WEBHOOK_ALLOWED_CIDRS).toEqual([
      "10.20.0.0/16",
      "fd12:3456::/48",
    ]);
    expect(() => parseEnv({ WEBHOOK_ALLOWED_CIDRS: "10.20.0.0/16,intranet,10.0.0.0/40" })).toThrowError(
      /WEBHOOK_ALLOWED_CIDRS: not a network in CIDR notation .*: intranet, 10\.0\.0\.0\/40/,
    );
  });
});
