import { describe, expect, it } from "vitest";
import { CatalogueFilters } from "../../lib/catalogue/filters";
import {
  findItemGuide,
  listDepartmentsWithItems,
  listItems,
  listPopularItems,
  listThemes,
} from "../../lib/catalogue/queries";

/** The catalogue listing's substring match (the ranked search has its own tests). */
const searchItems = (q: string, page = 1) => listItems(CatalogueFilters.parse({ q, page }));
import { db } from "../../lib/db/client";

describe("catalogue queries", () => {
  it("lists the most used items first", async () => {
    const popular = await listPopularItems(8);
    expect(popular).toHaveLength(8);
    const scores = await db().serviceItem.findMany({
      where: { implementationCode: { in: popular.map((item) => item.implementationCode) } },
      select: { implementationCode: true, popularity: true },
    });
    const byCode = new Map(scores.map((row) => [row.implementationCode, row.popularity]));
    const ordered = popular.map((item) => byCode.get(item.implementationCode) ?? 0);
    expect(ordered).toEqual([...ordered].sort((a, b) => b - a));
  });

  it("finds items by name, department and material, and bounds hostile input", async () => {
    const byName = await searchItems("企业设立");
    expect(byName.items.some((item) => item.name === "企业设立登记")).toBe(true);
    // 营业执照 is no item's name, but many items ask for it as a material.
    expect((await searchItems("营业执照")).total).toBeGreaterThan(10);
    const byMaterial = await searchItems("居民身份证");
    expect(byMaterial.total).toBeGreaterThan(0);
    expect(CatalogueFilters.parse({ q: "   " }).q).toBeUndefined();
    const hostile = await searchItems(`%' OR 1=1 --${"x".repeat(10_000)}`);
    expect(hostile.total).toBe(0);
  });

  it("pages through a theme and a department, clamping absurd pages", async () => {
    const themes = await listThemes();
    expect(themes.length).toBeGreaterThanOrEqual(12);
    const departments = await listDepartmentsWithItems();
    expect(departments.every((department) => department._count.serviceItems > 0)).toBe(true);
    const pageOne = await searchItems("证", 1);
    const lastPage = await searchItems("证", 10_000);
    expect(pageOne.page).toBe(1);
    expect(lastPage.items).toEqual([]);
    expect(CatalogueFilters.safeParse({ page: "10000000" }).success).toBe(false);
  });

  it("returns the whole guide of a published item, and nothing for suspended or unknown codes", async () => {
    const [first] = await listPopularItems(1);
    const guide = await findItemGuide(first?.implementationCode ?? "");
    expect(guide?.materials.length).toBeGreaterThan(0);
    expect(guide?.legalBases.length).toBeGreaterThan(0);
    expect(guide?.windows.length).toBeGreaterThan(0);
    await db().serviceItem.update({
      where: { implementationCode: first?.implementationCode ?? "" },
      data: { status: "SUSPENDED" },
    });
    expect(await findItemGuide(first?.implementationCode ?? "")).toBeNull();
    expect(await findItemGuide("no-such-code")).toBeNull();
  });
});
