import "server-only";
import { db } from "../db/client";

export async function listSitemapEntries(): Promise<{ path: string; lastModified?: Date; priority: number }[]> {
  const [items, departments, themes, regions] = await Promise.all([
    db().serviceItem.findMany({
      where: { status: "ACTIVE" },
      select: { implementationCode: true, updatedAt: true },
      orderBy: { implementationCode: "asc" },
    }),
    db().department.findMany({
      where: { serviceItems: { some: { status: "ACTIVE" } } },
      select: { code: true, updatedAt: true },
    }),
    db().theme.findMany({ select: { code: true } }),
    db().region.findMany({ select: { code: true } }),
  ]);
  return [
    ...items.map((item) => ({
      path: `/items/${item.implementationCode}`,
      lastModified: item.updatedAt,
      priority: 0.8,
    })),
    ...departments.map((department) => ({
      path: `/departments/${department.code}`,
      lastModified: department.updatedAt,
      priority: 0.6,
    })),
    { path: "/themes", priority: 0.6 },
    ...themes.map((theme) => ({ path: `/themes/${theme.code}`, priority: 0.6 })),
    ...regions.map((region) => ({ path: `/regions/${region.code}`, priority: 0.5 })),
  ];
}
