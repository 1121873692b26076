import { describe, expect, it } from "vitest";
import type { operations } from "../../lib/api/client";
import { db } from "../../lib/db/client";
import { PUBLIC_API_POINTS_PER_MINUTE } from "../../lib/api/limits";
import { apiClient, ok, raw, refused } from "./api-support";

// Through the typed client (lib/api/client), with every answer checked against docs/openapi.json (api-support.ts).

const ip = (n: number) => `192.0.2.${n}`;
type ItemQuery = NonNullable<operations["listItems"]["parameters"]["query"]>;

async function list(query: ItemQuery = {}, client = 1) {
  return ok(await apiClient({ ip: ip(client) }).GET("/api/v1/items", { params: { query } }));
}

describe("GET /api/v1/items", () => {
  it("pages the public catalogue with the documented item shape", async () => {
    const body = await list();
    expect(body.total).toBeGreaterThanOrEqual(200);
    expect([body.page, body.pageSize, body.items.length]).toEqual([1, 20, 20]);
    expect(Object.keys(body.items[0]!).sort()).toEqual(
      [
        "audience",
        "code",
        "department",
        "fee",
        "legalDays",
        "name",
        "nameEn",
        "onlineDepth",
        "promisedDays",
        "promisedUnit",
        "region",
        "type",
        "visits",
      ].sort(),
    );
    const second = await list({ page: 2, pageSize: 5 });
    expect([second.page, second.pageSize, second.items.length]).toEqual([2, 5, 5]);
  });

  it("filters by department, region (with the regions below), theme, audience, type, online, visits and fee", async () => {
    const clerk = await db().user.findUniqueOrThrow({ where: { loginName: "clerk" }, include: { department: true } });
    const byDepartment = await list({ department: clerk.department?.code, pageSize: 100 });
    expect(byDepartment.total).toBeGreaterThan(0);
    expect(byDepartment.items.every((item) => item.department.code === clerk.department?.code)).toBe(true);

    const city = await list({ region: "511600000000", pageSize: 100 });
    const regions = new Set(city.items.map((item) => item.region.code));
    expect([...regions].every((code) => String(code).startsWith("5116"))).toBe(true);
    expect(regions.size).toBeGreaterThan(1);
    const county = await list({ region: "511602000000" });
    expect(county.total).toBeLessThan(city.total);

    const theme = await list({ theme: "social-insurance" });
    expect(theme.total).toBeGreaterThan(0);
    const companies = await list({ audience: "ENTERPRISE", pageSize: 100 });
    expect(companies.items.every((item) => item.audience.includes("ENTERPRISE"))).toBe(true);
    const licensing = await list({ type: "01", pageSize: 100 });
    expect(licensing.items.every((item) => item.type === "01")).toBe(true);
    const online = await list({ online: "1", pageSize: 100 });
    expect(online.total).toBeGreaterThan(0);
    expect(online.items.every((item) => item.visits === 0 && item.onlineDepth.includes("HANDLE"))).toBe(true);
    const oneVisit = await list({ visits: "1", pageSize: 100 });
    expect(oneVisit.items.every((item) => item.visits === 1)).toBe(true);
    const free = await list({ fee: "free", pageSize: 100 });
    expect(free.items.every((item) => item.fee === false)).toBe(true);
    const all = await list();
    const paid = await list({ fee: "paid" });
    expect(free.total + paid.total).toBe(all.total);
  });

  it("sorts by promised time when asked", async () => {
    const body = await list({ sort: "promised", pageSize: 50 });
    const promised = body.items.map((item) => item.promisedDays ?? 0);
    expect(promised[0]).toBeLessThanOrEqual(promised[promised.length - 1]!);
  });

  it("answers 400 with the offending fields for invalid filters", async () => {
    // Values the document refuses too, so they are sent raw.
    const response = await raw("GET", "/api/v1/items?region=abc&pageSize=1000&type=99&audience=ALIENS&page=-1", {
      ip: ip(1),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fields).sort()).toEqual(["audience", "page", "pageSize", "region", "type"]);
  });

  it("bounds hostile search text instead of failing", async () => {
    const body = await list({ q: "'; DROP TABLE service_item; --" + "字".repeat(5000) });
    expect(body.total).toBe(0);
  });
});

describe("GET /api/v1/items/{code}", () => {
  it("returns the whole guide", async () => {
    const item = await db().serviceItem.findFirstOrThrow({
      where: { status: "ACTIVE", materials: { some: {} } },
      orderBy: { popularity: "desc" },
    });
    const guide = ok(
      await apiClient({ ip: ip(2) }).GET("/api/v1/items/{code}", {
        params: { path: { code: item.implementationCode } },
      }),
    );
    expect(guide.code).toBe(item.implementationCode);
    for (const field of [
      "acceptanceConditions",
      "materials",
      "steps",
      "legalBasis",
      "windows",
      "promisedLimit",
      "consultation",
      "complaint",
      "faqs",
    ]) {
      expect(guide).toHaveProperty(field);
    }
    expect((guide.materials as unknown[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(guide)).not.toMatch(/"id":/);
  });

  it("answers an unknown code with a JSON 404", async () => {
    const answer = refused(
      await apiClient({ ip: ip(2) }).GET("/api/v1/items/{code}", { params: { path: { code: "NO-SUCH-CODE" } } }),
      404,
    );
    expect(answer.error.code).toBe("NOT_FOUND");
  });
});

describe("GET /api/v1/suggest and the open-data export", () => {
  it("suggests item names for what has been typed, and nothing for nothing", async () => {
    const item = await db().serviceItem.findFirstOrThrow({
      where: { status: "ACTIVE" },
      orderBy: { popularity: "desc" },
    });
    const client = apiClient({ ip: ip(4) });
    const found = ok(await client.GET("/api/v1/suggest", { params: { query: { q: item.name.slice(0, 2) } } }));
    expect(found.suggestions.length).toBeGreaterThan(0);
    expect(found.suggestions.length).toBeLessThanOrEqual(8);
    expect(ok(await client.GET("/api/v1/suggest")).suggestions).toEqual([]);
  });

  it("exports every published item as JSON, in the summary shape", async () => {
    const body = ok(await apiClient({ ip: ip(5) }).GET("/api/v1/export/items.json"));
    expect(body.total).toBe(await db().serviceItem.count({ where: { status: "ACTIVE" } }));
    expect(body.items).toHaveLength(body.total);
  });
});

describe("GET /api/v1/openapi.json and rate limiting", () => {
  it("documents the API as OpenAPI 3.1 with every filter", async () => {
    const document = ok(await apiClient({ ip: ip(3) }).GET("/api/v1/openapi.json")) as {
      openapi: string;
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    expect(document.openapi).toBe("3.1.0");
    // One document for the whole API (the signed-in endpoints of issue 10 are in it too).
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/items",
        "/api/v1/items/{code}",
        "/api/v1/auth/token",
        "/api/v1/cases/{caseNumber}/status",
      ]),
    );
    const names = document.paths["/api/v1/items"]!.get!.parameters!.map((parameter) => parameter.name);
    expect(names).toEqual(
      expect.arrayContaining(["q", "department", "region", "theme", "audience", "page", "pageSize"]),
    );
  });

  it("answers 429 with Retry-After past the per-address budget, and only for that address", async () => {
    const statuses: number[] = [];
    const busy = apiClient({ ip: ip(99) });
    for (let request = 0; request <= PUBLIC_API_POINTS_PER_MINUTE; request++) {
      const answer = await busy.GET("/api/v1/openapi.json");
      statuses.push(answer.response.status);
      if (answer.response.status === 429) {
        expect(Number(answer.response.headers.get("Retry-After"))).toBeGreaterThan(0);
        expect(answer.error?.error.code).toBe("RATE_LIMITED");
      }
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    ok(await apiClient({ ip: ip(98) }).GET("/api/v1/openapi.json"));
  });
});
