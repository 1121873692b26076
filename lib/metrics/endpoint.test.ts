import { describe, expect, it } from "vitest";
import { bearerMatches, operatorRoute } from "./endpoint";

describe("operator endpoints", () => {
  it("are /metrics and the health check asked for its detail; nothing else", () => {
    expect(operatorRoute("/metrics")).toBe("metrics");
    expect(operatorRoute("/metrics?x=1")).toBe("metrics");
    expect(operatorRoute("/api/health?detail=1")).toBe("readiness");
    expect(operatorRoute("/api/health?lang=en&detail")).toBe("readiness");
    for (const url of [
      "/api/health",
      "/api/health?details=1",
      "/metrics/",
      "/Metrics",
      "/api/health/?detail=1",
      "/items/metrics",
      undefined,
    ]) {
      expect(operatorRoute(url), String(url)).toBeNull();
    }
  });

  it("accept exactly the configured bearer token", () => {
    const token = "f".repeat(64);
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    for (const header of [
      undefined,
      "",
      token,
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      `Basic ${token}`,
      `Bearer ${token} extra`,
      "Bearer ",
    ]) {
      expect(bearerMatches(header, token), String(header)).toBe(false);
    }
  });
});
