import { describe, expect, it } from "vitest";
import { GET as getItem } from "../../app/api/v1/items/[code]/route";
import { GET as listItems } from "../../app/api/v1/items/route";
import { GET as getOpenApi } from "../../app/api/v1/openapi.json/route";
import { db } from "../../lib/db/client";
import { PUBLIC_API_POINTS_PER_MINUTE } from "../../lib/http/api-limits";

const ip = (n: number) => ({ "x-onewindow-client-address": `192.0.2.${n}` });

async function list(query: string, client = 1) {
  const response = await listItems(new Request(`http://gov.test/api/v1/items${query}`, { headers: ip(client) }), undefined);
  return { status: response.status, body: await response.json() };
}

describe("GET /api/v1/items", () => {
  it("pages the public catalogue with the documented item shape", async () => {
    const { status, body } = await list("");
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(200);
    expect([body.page, body.pageSize, body.items.length]).toEqual([1, 20, 20]);
    expect(Object.keys(body.items[0]).sort()).toEqual(
      ["audience", "code", "department", "fee", "legalDays", "name", "nameEn", "onlineDepth", "promisedDays", "promisedUnit", "region", "type", "visits"].sort(),
    );
    const second = await list("?page=2&pageSize=5");
    expect([second.body.page, second.body.pageSize, second.body.items.length]).toEqual([2, 5, 5]);
  });

  it("filters by department, region (with the regions below), theme, audience, type, online, visits and fee", async () => {
    const clerk = await db().user.findUniqueOrThrow({ where: { loginName: "clerk" }, include: { department: true } });
    const byDepartment = await list(`?department=${clerk.department?.code}&pageSize=100`);
    expect(byDepartment.body.total).toBeGreaterThan(0);
    expect(byDepartment.body.items.every((item: { department: { code: string } }) => item.department.code === clerk.department?.code)).toBe(true);

    const city = await list("?region=511600000000&pageSize=100");
    const regions = new Set(city.body.items.map((item: { region: { code: string } }) => item.region.code));
    expect([...regions].every((code) => String(code).startsWith("5116"))).toBe(true);
    expect(regions.size).toBeGreaterThan(1);
    const county = await list("?region=511602000000");
    expect(county.body.total).toBeLessThan(city.body.total);

    const theme = await list("?theme=social-insurance");
    expect(theme.body.total).toBeGreaterThan(0);
    const companies = await list("?audience=ENTERPRISE&pageSize=100");
    expect(companies.body.items.every((item: { audience: string[] }) => item.audience.includes("ENTERPRISE"))).toBe(true);
    const licensing = await list("?type=01&pageSize=100");
    expect(licensing.body.items.every((item: { type: string }) => item.type === "01")).toBe(true);
    const online = await list("?online=1&pageSize=100");
    expect(online.body.total).toBeGreaterThan(0);
    expect(online.body.items.every((item: { visits: number; onlineDepth: string[] }) => item.visits === 0 && item.onlineDepth.includes("HANDLE"))).toBe(true);
    const oneVisit = await list("?visits=1&pageSize=100");
    expect(oneVisit.body.items.every((item: { visits: number }) => item.visits === 1)).toBe(true);
    const free = await list("?fee=free&pageSize=100");
    expect(free.body.items.every((item: { fee: boolean }) => item.fee === false)).toBe(true);
    const all = await list("");
    const paid = await list("?fee=paid");
    expect(free.body.total + paid.body.total).toBe(all.body.total);
  });

  it("sorts by promised time when asked", async () => {
    const { body } = await list("?sort=promised&pageSize=50");
    const promised = body.items.map((item: { promisedDays: number | null }) => item.promisedDays ?? 0);
    expect(promised[0]).toBeLessThanOrEqual(promised[promised.length - 1]);
  });

  it("answers 400 with the offending fields for invalid filters", async () => {
    const { status, body } = await list("?region=abc&pageSize=1000&type=99&audience=ALIENS&page=-1");
    expect(status).toBe(400);
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fields).sort()).toEqual(["audience", "page", "pageSize", "region", "type"]);
  });

  it("bounds hostile search text instead of failing", async () => {
    const { status, body } = await list(`?q=${encodeURIComponent("'; DROP TABLE service_item; --" + "字".repeat(5000))}`);
    expect(status).toBe(200);
    expect(body.total).toBe(0);
  });
});

describe("GET /api/v1/items/{code}", () => {
  it("returns the whole guide", async () => {
    const item = await db().serviceItem.findFirstOrThrow({ where: { status: "ACTIVE", materials: { some: {} } }, orderBy: { popularity: "desc" } });
    const response = await getItem(new Request("http://gov.test", { headers: ip(2) }), { params: Promise.resolve({ code: item.implementationCode }) });
    expect(response.status).toBe(200);
    const guide = await response.json();
    expect(guide.code).toBe(item.implementationCode);
    for (const field of ["acceptanceConditions", "materials", "steps", "legalBasis", "windows", "promisedLimit", "consultation", "complaint", "faqs"]) {
      expect(guide).toHaveProperty(field);
    }
    expect(guide.materials.length).toBeGreaterThan(0);
    expect(JSON.stringify(guide)).not.toMatch(/"id":/);
  });

  it("answers an unknown code with a JSON 404", async () => {
    const response = await getItem(new Request("http://gov.test", { headers: ip(2) }), { params: Promise.resolve({ code: "NO-SUCH-CODE" }) });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("NOT_FOUND");
  });
});

describe("GET /api/v1/openapi.json and rate limiting", () => {
  it("documents the API as OpenAPI 3.1 with every filter", async () => {
    const response = await getOpenApi(new Request("http://gov.test/api/v1/openapi.json", { headers: ip(3) }), undefined);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    // One document for the whole API (the signed-in endpoints of issue 10 are in it too).
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/items", "/api/v1/items/{code}", "/api/v1/auth/token", "/api/v1/cases/{caseNumber}/status"]));
    const names = document.paths["/api/v1/items"].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(["q", "department", "region", "theme", "audience", "page", "pageSize"]));
  });

  it("answers 429 with Retry-After past the per-address budget, and only for that address", async () => {
    const statuses: number[] = [];
    for (let request = 0; request <= PUBLIC_API_POINTS_PER_MINUTE; request++) {
      const response = await getOpenApi(new Request("http://gov.test/api/v1/openapi.json", { headers: ip(99) }), undefined);
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
        expect((await response.json()).error.code).toBe("RATE_LIMITED");
      }
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    const other = await getOpenApi(new Request("http://gov.test/api/v1/openapi.json", { headers: ip(98) }), undefined);
    expect(other.status).toBe(200);
  });
});
