import { afterEach, describe, expect, it } from "vitest";
import {
  databaseOutageSince,
  databaseStillUnavailable,
  markDatabaseAvailable,
  markDatabaseUnavailable,
  outageResponse,
} from "./outage";

const text = { title: "服务暂时不可用", body: "系统正在恢复。", retry: "重新加载本页", hotline: "12345" };

afterEach(() => markDatabaseAvailable());

describe("database outage state", () => {
  it("answers without probing while the database is not known to be down", async () => {
    let probes = 0;
    expect(await databaseStillUnavailable(async () => void probes++)).toBe(false);
    expect(probes).toBe(0);
  });

  it("keeps the first time it was seen down", () => {
    markDatabaseUnavailable(1000);
    markDatabaseUnavailable(5000);
    expect(databaseOutageSince()).toBe(1000);
  });

  it("probes at most once a second, shares the probe between requests, and clears when the probe sees the database", async () => {
    markDatabaseUnavailable();
    let probes = 0;
    let release: () => void = () => undefined;
    const probe = () => {
      probes++;
      return new Promise<void>((resolve) => (release = resolve));
    };
    const now = Date.now() + 10_000;
    const first = databaseStillUnavailable(probe, now);
    const second = databaseStillUnavailable(probe, now + 10);
    expect(probes).toBe(1);
    release();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    // Within the second: no new probe, still down.
    expect(await databaseStillUnavailable(probe, now + 500)).toBe(true);
    expect(probes).toBe(1);
    // The health route saw the database (it clears the mark); the next request passes.
    const recovering = databaseStillUnavailable(async () => markDatabaseAvailable(), now + 1500);
    expect(await recovering).toBe(false);
  });

  it("a failing probe keeps the outage page", async () => {
    markDatabaseUnavailable();
    expect(await databaseStillUnavailable(() => Promise.reject(new Error("ECONNREFUSED")), Date.now() + 60_000)).toBe(
      true,
    );
  });
});

describe("outage page", () => {
  it("is a 503 with Retry-After, no script, and escapes what it echoes", async () => {
    const response = outageResponse(text, "zh-CN", `/search?q="><script>alert(1)</script>`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("<h1>服务暂时不可用</h1>");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;");
  });
});
