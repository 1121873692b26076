import "server-only";
import { cache } from "react";
import { PUBLIC_TAGS, publicRead } from "../cache/public-cache";
import { db } from "../db/client";
import { isId } from "../http/params";
import { type CatalogueFilters, ITEM_TYPE_CODES } from "./filters";
import { MAX_QUERY_LENGTH } from "./limits";
import { FULLY_ONLINE_DEPTHS } from "./online";
import type { Prisma } from "../generated/prisma/client";

/**
 * Read side of the catalogue for the portal, console and admin. Only ACTIVE items reach the public; each
 * function returns a select-shaped DTO, never a whole row.
 */

export const itemSummarySelect = {
  implementationCode: true,
  name: true,
  nameEn: true,
  itemType: true,
  audiences: true,
  visits: true,
  promisedLimit: true,
  promisedUnit: true,
  statutoryLimit: true,
  statutoryUnit: true,
  onlineDepth: true,
  feeCharged: true,
  department: { select: { code: true, name: true, nameEn: true } },
  region: { select: { code: true, name: true, nameEn: true } },
} satisfies Prisma.ServiceItemSelect;

export type ItemSummary = Prisma.ServiceItemGetPayload<{ select: typeof itemSummarySelect }>;

const PUBLIC: Prisma.ServiceItemWhereInput = { status: "ACTIVE" };
/**
 * The public reads below go through the tagged cache (lib/cache/public-cache.ts): a publish, suspension, FAQ answer
 * or reference-data change invalidates them, so a page that must render does not recount the catalogue.
 */
const CATALOGUE = [PUBLIC_TAGS.catalogue] as const;

/** The most used services, one implementation per catalogue item so the list is not the same service thrice. */
export async function listPopularItems(take = 8, regionCode?: string | null): Promise<ItemSummary[]> {
  return publicRead(`popular:${take}:${regionCode ?? ""}`, CATALOGUE, async () => {
    const candidates = await db().serviceItem.findMany({
      where: regionCode ? { AND: [PUBLIC, regionScope(regionCode)] } : PUBLIC,
      orderBy: [{ popularity: "desc" }, { implementationCode: "asc" }],
      take: take * 12,
      select: { ...itemSummarySelect, catalogItemId: true },
    });
    const seen = new Set<string>();
    const distinct: ItemSummary[] = [];
    for (const { catalogItemId, ...item } of candidates) {
      if (seen.has(catalogItemId)) continue;
      seen.add(catalogItemId);
      distinct.push(item);
      if (distinct.length === take) break;
    }
    return distinct;
  });
}

/** Themes with the number of public items, within a region's scope when one is chosen. */
export async function listThemes(regionCode?: string | null) {
  return publicRead(`themes:${regionCode ?? ""}`, CATALOGUE, async () => {
    const where = regionCode ? { AND: [PUBLIC, regionScope(regionCode)] } : PUBLIC;
    return db().theme.findMany({
      orderBy: [{ audience: "asc" }, { sortOrder: "asc" }],
      select: {
        code: true,
        name: true,
        nameEn: true,
        audience: true,
        featured: true,
        _count: { select: { items: { where } } },
      },
    });
  });
}

export async function findTheme(code: string) {
  // A code of the wrong shape (from an address: NUL, "%", 2 000 characters) names nothing; no query for it.
  if (!isId("themeCode", code)) return null;
  return publicRead(`theme:${code}`, CATALOGUE, () =>
    db().theme.findUnique({ where: { code }, select: { code: true, name: true, nameEn: true, audience: true } }),
  );
}

/** Departments that implement at least one public item, with their counts, in region then display order. */
export async function listDepartmentsWithItems(regionCode?: string | null) {
  return publicRead(`departments:${regionCode ?? ""}`, CATALOGUE, async () => {
    const departments = await db().department.findMany({
      where: regionCode ? { regionCode: regionCodeFilter(regionCode) } : {},
      orderBy: [{ regionCode: "asc" }, { sortOrder: "asc" }],
      select: {
        code: true,
        name: true,
        nameEn: true,
        region: { select: { code: true, name: true, nameEn: true } },
        _count: { select: { serviceItems: { where: PUBLIC } } },
      },
    });
    return departments.filter((department) => department._count.serviceItems > 0);
  });
}

export async function findDepartment(code: string) {
  // A code of the wrong shape (from an address: NUL, "%", 2 000 characters) names nothing; no query for it.
  if (!isId("departmentCode", code)) return null;
  return publicRead(`department:${code}`, CATALOGUE, () =>
    db().department.findUnique({
      where: { code },
      select: {
        id: true,
        code: true,
        name: true,
        nameEn: true,
        address: true,
        phone: true,
        officeHours: true,
        region: { select: { code: true, name: true, nameEn: true } },
      },
    }),
  );
}

export type ItemPage = { total: number; page: number; pageSize: number; items: ItemSummary[] };

/**
 * The whole published guide of one item, in the order portals show it (reference §1.10). Wrapped in React's
 * per-request cache: the page and its metadata ask for the same guide, and it is read once.
 */
export const findItemGuide = cache(async (implementationCode: string) => {
  // A code of the wrong shape (from an address: NUL, "%", 2 000 characters) names nothing; no query for it.
  if (!isId("itemCode", implementationCode)) return null;
  return publicRead(`guide:${implementationCode}`, CATALOGUE, () => readItemGuide(implementationCode));
});

function readItemGuide(implementationCode: string) {
  return db().serviceItem.findFirst({
    where: { ...PUBLIC, implementationCode },
    include: {
      catalogItem: { select: { code: true, name: true, exerciseLevels: true } },
      department: { select: { code: true, name: true, nameEn: true, phone: true } },
      region: { select: { code: true, name: true, nameEn: true } },
      themes: { select: { code: true, name: true, nameEn: true } },
      legalBases: { orderBy: { sortOrder: "asc" } },
      materials: { orderBy: { sortOrder: "asc" }, include: { situations: { select: { id: true } } } },
      situations: { orderBy: { sortOrder: "asc" }, select: { id: true, name: true, description: true } },
      fees: { orderBy: { sortOrder: "asc" } },
      windows: { orderBy: { sortOrder: "asc" } },
      faqs: { orderBy: { sortOrder: "asc" } },
      steps: { orderBy: { sortOrder: "asc" } },
      specialProcedures: { orderBy: { sortOrder: "asc" } },
    },
  });
}

export type ItemGuide = NonNullable<Awaited<ReturnType<typeof readItemGuide>>>;

/** Other items of the same catalogue kind or department, for "related items". */
export async function listRelatedItems(guide: Pick<ItemGuide, "id" | "catalogItemId" | "departmentId">, take = 6) {
  return publicRead(`related:${guide.id}:${take}`, CATALOGUE, async () => {
    return db().serviceItem.findMany({
      where: {
        ...PUBLIC,
        id: { not: guide.id },
        OR: [{ catalogItemId: guide.catalogItemId }, { departmentId: guide.departmentId }],
      },
      orderBy: [{ popularity: "desc" }, { implementationCode: "asc" }],
      take,
      select: itemSummarySelect,
    });
  });
}

/** Region scope by GB/T 2260 code structure: a province covers "51…", a city "5116…", a county itself. */
function regionCodeFilter(regionCode: string): string | { startsWith: string } {
  if (regionCode.slice(2) === "0000000000") return { startsWith: regionCode.slice(0, 2) };
  if (regionCode.slice(4) === "00000000") return { startsWith: regionCode.slice(0, 4) };
  return regionCode;
}

export function regionScope(regionCode: string): Prisma.ServiceItemWhereInput {
  return { regionCode: regionCodeFilter(regionCode) };
}

function textWhere(query: string): Prisma.ServiceItemWhereInput {
  const terms = query.trim().slice(0, MAX_QUERY_LENGTH).split(/\s+/).filter(Boolean).slice(0, 5);
  return {
    AND: terms.map((term) => ({
      OR: [
        { name: { contains: term, mode: "insensitive" } },
        { nameEn: { contains: term, mode: "insensitive" } },
        { department: { name: { contains: term } } },
        { materials: { some: { name: { contains: term } } } },
      ],
    })),
  };
}

/** The where clause for a set of catalogue filters (public items only). */
export function filtersWhere(filters: Partial<CatalogueFilters>): Prisma.ServiceItemWhereInput {
  const and: Prisma.ServiceItemWhereInput[] = [PUBLIC];
  if (filters.q) and.push(textWhere(filters.q));
  if (filters.department) and.push({ department: { code: filters.department } });
  if (filters.region) and.push(regionScope(filters.region));
  if (filters.theme) and.push({ themes: { some: { code: filters.theme } } });
  if (filters.audience) and.push({ audiences: { has: filters.audience } });
  if (filters.onlineDepth) and.push({ onlineDepth: { has: filters.onlineDepth } });
  if (filters.type) and.push({ itemType: ITEM_TYPE_CODES[filters.type] });
  if (filters.online) and.push({ visits: 0, onlineDepth: { hasEvery: [...FULLY_ONLINE_DEPTHS] } });
  if (filters.visits === "0" || filters.visits === "1") and.push({ visits: Number(filters.visits) });
  if (filters.visits === "2+") and.push({ visits: { gte: 2 } });
  if (filters.fee) and.push({ feeCharged: filters.fee === "paid" });
  return { AND: and };
}

const SORTS: Record<string, Prisma.ServiceItemOrderByWithRelationInput[]> = {
  popularity: [{ popularity: "desc" }, { implementationCode: "asc" }],
  promised: [{ promisedLimit: "asc" }, { popularity: "desc" }, { implementationCode: "asc" }],
};

/** One page of the catalogue under the given filters. */
export async function listItems(filters: CatalogueFilters): Promise<ItemPage> {
  return publicRead(`items:${JSON.stringify(filters)}`, CATALOGUE, async () => {
    const where = filtersWhere(filters);
    const [total, items] = await Promise.all([
      db().serviceItem.count({ where }),
      db().serviceItem.findMany({
        where,
        orderBy: SORTS[filters.sort ?? "popularity"] ?? SORTS.popularity,
        skip: (filters.page - 1) * filters.pageSize,
        take: filters.pageSize,
        select: itemSummarySelect,
      }),
    ]);
    return { total, page: filters.page, pageSize: filters.pageSize, items };
  });
}

/** Regions for the region filter, province first, each city followed by its counties. */
export async function listRegionOptions() {
  return publicRead("regions", CATALOGUE, async () => {
    return db().region.findMany({
      orderBy: { code: "asc" },
      select: { code: true, name: true, nameEn: true, level: true },
    });
  });
}

export async function findRegion(code: string) {
  // A code of the wrong shape (from an address: NUL, "%", 2 000 characters) names nothing; no query for it.
  if (!isId("regionCode", code)) return null;
  return publicRead(`region:${code}`, CATALOGUE, () =>
    db().region.findUnique({
      where: { code },
      select: {
        code: true,
        name: true,
        nameEn: true,
        level: true,
        parent: { select: { code: true, name: true, nameEn: true } },
        children: { orderBy: { code: "asc" }, select: { code: true, name: true, nameEn: true } },
      },
    }),
  );
}
