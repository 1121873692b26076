import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("configuration", () => {
  it("has working defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ONEWINDOW_DATA_DIR).toBe(".data");
    expect(env.LOGIN_MAX_FAILURES_PER_ACCOUNT).toBe(5);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", NEXTAUTH_SECRET: " " }).DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable", () => {
    expect(() => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short" })).toThrowError(
      EnvError,
    );
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short" });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
      expect((error as Error).message).toMatch(/NEXTAUTH_SECRET/);
    }
  });

  it("serves no metrics unless a token or a port is set, and checks both", () => {
    const defaults = parseEnv({});
    expect(defaults.METRICS_TOKEN).toBeUndefined();
    expect(defaults.METRICS_PORT).toBeUndefined();
    expect(defaults.METRICS_HOST).toBe("127.0.0.1");
    expect(parseEnv({ METRICS_PORT: "" }).METRICS_PORT).toBeUndefined();
    expect(parseEnv({ METRICS_PORT: "9464", METRICS_TOKEN: "x".repeat(32) })).toMatchObject({
      METRICS_PORT: 9464,
      METRICS_TOKEN: "x".repeat(32),
    });
    expect(() => parseEnv({ METRICS_TOKEN: "too-short" })).toThrowError(/METRICS_TOKEN/);
    expect(() => parseEnv({ METRICS_PORT: "metrics" })).toThrowError(/METRICS_PORT/);
    expect(() => parseEnv({ METRICS_PORT: "3000" })).toThrowError(/METRICS_PORT must differ from PORT/);
  });

  it("takes the public address as an origin only, and refuses anything else at start", () => {
    expect(parseEnv({}).PUBLIC_BASE_URL).toBeUndefined();
    expect(parseEnv({ PUBLIC_BASE_URL: "https://zwfw.example.gov.cn" }).PUBLIC_BASE_URL).toBe(
      "https://zwfw.example.gov.cn",
    );
    expect(parseEnv({ PUBLIC_BASE_URL: "https://zwfw.example.gov.cn:8443/" }).PUBLIC_BASE_URL).toBe(
      "https://zwfw.example.gov.cn:8443/",
    );
    for (const bad of [
      "zwfw.example.gov.cn",
      "ftp://zwfw.example.gov.cn",
      "https://zwfw.example.gov.cn/portal",
      "https://zwfw.example.gov.cn/?a=1",
      "https://user@zwfw.example.gov.cn",
    ]) {
      expect(() => parseEnv({ PUBLIC_BASE_URL: bad }), bad).toThrowError(/PUBLIC_BASE_URL/);
    }
  });

  it("wants the OpenID Connect settings together", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.gov.cn" })).toThrowError(/OIDC/);
    expect(
      parseEnv({ OIDC_ISSUER: "https://id.example.gov.cn", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })
        .OIDC_CLIENT_ID,
    ).toBe("a");
  });
});
