import "server-only";
import { chinaDayEnd, chinaDayStart, chinaTimestampSql } from "../calendar/china-time";
import { journeyRows, searchRows, shareOf, suppress } from "../analytics/reports";
import { isFullyOnline } from "../catalogue/online";
import { db } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import type { Slice } from "../supervision/dashboard";

/**
 * The statistics pages' tables (统计分析). Volumes come from case_stats_daily (cheap at any scale); busiest hours
 * read the cases of the range (no daily table keeps the hour); searches come from the masked daily search log, and
 * journeys from usage_daily and the applications (lib/analytics/reports.ts, small figures suppressed); bookings
 * from the visit slots of the range. Every table has plain column keys and values so it can be drawn as a chart,
 * read as a table, and exported as CSV or XLSX.
 */

export type StatsTable = {
  id: TableId;
  /** Column keys (translated by the page under supervision.statistics.columns). */
  columns: string[];
  rows: (string | number | null)[][];
  chart: "line" | "bar" | "pie" | null;
  /** journeys: each row's item code, so the page can link a row to that item's funnel. */
  rowKeys?: string[];
};

export const TABLE_IDS = [
  "byDay",
  "byWeek",
  "byMonth",
  "byDepartment",
  "byItem",
  "byRegion",
  "byAudience",
  "byChannel",
  "online",
  "hours",
  "bookings",
  "topSearches",
  "zeroSearches",
  "noClickSearches",
  "journeys",
  "worstJourneys",
] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** A journeys table (views → started → submitted, conversion) with each row linked to its item's funnel. */
function journeyTable(
  id: "journeys" | "worstJourneys",
  rows: Awaited<ReturnType<typeof journeyRows>>,
  en: boolean,
): StatsTable {
  return {
    id,
    columns: ["name", "views", "started", "submitted", "abandoned", "conversion"],
    rows: rows.map((row) => [
      en ? row.nameEn || row.name : row.name,
      suppress(row.views),
      suppress(row.started),
      suppress(row.submitted),
      suppress(row.abandoned),
      shareOf(row.submitted, row.views),
    ]),
    rowKeys: rows.map((row) => row.implementationCode),
    chart: null,
  };
}

function statsWhere(slice: Slice): Prisma.Sql {
  const parts = [Prisma.sql`s.day BETWEEN ${slice.from}::date AND ${slice.to}::date`];
  if (slice.departmentId) parts.push(Prisma.sql`s.department_id = ${slice.departmentId}::uuid`);
  if (slice.regions) parts.push(Prisma.sql`s.region_code = ANY(${slice.regions}::text[])`);
  return Prisma.join(parts, " AND ");
}

type Volume = { key: string; received: number; completed: number };

async function byPeriod(slice: Slice, unit: "day" | "week" | "month"): Promise<Volume[]> {
  const format = unit === "day" ? "YYYY-MM-DD" : unit === "week" ? 'IYYY-"W"IW' : "YYYY-MM";
  return db().$queryRaw<Volume[]>`
    SELECT to_char(date_trunc(${unit}, s.day), ${format}) AS key, sum(s.received)::int AS received, sum(s.completed)::int AS completed
    FROM case_stats_daily s WHERE ${statsWhere(slice)}
    GROUP BY 1 ORDER BY 1`;
}

async function byColumn(
  slice: Slice,
  column: "department_id" | "service_item_id" | "region_code" | "channel",
): Promise<Volume[]> {
  return db().$queryRaw<Volume[]>`
    SELECT s.${Prisma.raw(column)}::text AS key, sum(s.received)::int AS received, sum(s.completed)::int AS completed
    FROM case_stats_daily s WHERE ${statsWhere(slice)}
    GROUP BY 1 ORDER BY 2 DESC, 1`;
}

export async function statisticsTables(slice: Slice, locale: string): Promise<StatsTable[]> {
  const en = locale === "en";
  const caseFilter = [
    Prisma.sql`c.submitted_at >= ${chinaDayStart(slice.from)}`,
    Prisma.sql`c.submitted_at < ${chinaDayEnd(slice.to)}`,
    ...(slice.departmentId ? [Prisma.sql`c.department_id = ${slice.departmentId}::uuid`] : []),
    ...(slice.regions ? [Prisma.sql`c.region_code = ANY(${slice.regions}::text[])`] : []),
  ];
  const bookingFilter = [
    Prisma.sql`s.starts_at >= ${chinaDayStart(slice.from)}`,
    Prisma.sql`s.starts_at < ${chinaDayEnd(slice.to)}`,
    ...(slice.departmentId ? [Prisma.sql`o.department_id = ${slice.departmentId}::uuid`] : []),
    ...(slice.regions ? [Prisma.sql`o.region_code = ANY(${slice.regions}::text[])`] : []),
  ];
  const [
    days,
    weeks,
    months,
    departments,
    items,
    regions,
    channels,
    hours,
    bookings,
    searches,
    zero,
    serviceItems,
    journeys,
    noClick,
    worstJourneys,
  ] = await Promise.all([
    byPeriod(slice, "day"),
    byPeriod(slice, "week"),
    byPeriod(slice, "month"),
    byColumn(slice, "department_id"),
    byColumn(slice, "service_item_id"),
    byColumn(slice, "region_code"),
    byColumn(slice, "channel"),
    db().$queryRaw<{ hour: number; n: number }[]>`
      SELECT extract(hour FROM ${Prisma.raw(chinaTimestampSql("c.submitted_at"))})::int AS hour, count(*)::int AS n
      FROM case_record c WHERE ${Prisma.join(caseFilter, " AND ")} GROUP BY 1 ORDER BY 1`,
    db().$queryRaw<{ status: string; n: number }[]>`
      SELECT b.status::text AS status, count(*)::int AS n
      FROM booking b JOIN office_slot s ON s.id = b.slot_id JOIN office o ON o.id = s.office_id
      WHERE ${Prisma.join(bookingFilter, " AND ")} GROUP BY 1`,
    searchRows(slice, "top"),
    searchRows(slice, "zero"),
    db().serviceItem.findMany({
      where: {
        status: "ACTIVE",
        ...(slice.departmentId ? { departmentId: slice.departmentId } : {}),
        ...(slice.regions ? { regionCode: { in: slice.regions } } : {}),
      },
      select: {
        id: true,
        name: true,
        nameEn: true,
        audiences: true,
        visits: true,
        onlineDepth: true,
        departmentId: true,
      },
    }),
    journeyRows(slice, 20),
    searchRows(slice, "noClick"),
    journeyRows(slice, 20, "worstConversion"),
  ]);

  const names = async <T extends { id: string; name: string; nameEn: string }>(rows: T[]) =>
    new Map(rows.map((row) => [row.id, en ? row.nameEn || row.name : row.name]));
  const [departmentNames, itemNames, regionNames] = await Promise.all([
    names(
      await db().department.findMany({
        where: { id: { in: departments.map((row) => row.key) } },
        select: { id: true, name: true, nameEn: true },
      }),
    ),
    names(
      await db().serviceItem.findMany({
        where: { id: { in: items.slice(0, 20).map((row) => row.key) } },
        select: { id: true, name: true, nameEn: true },
      }),
    ),
    names(
      (
        await db().region.findMany({
          where: { code: { in: regions.map((row) => row.key) } },
          select: { code: true, name: true, nameEn: true },
        })
      ).map((region) => ({ ...region, id: region.code })),
    ),
  ]);
  const volumeRows = (rows: Volume[], label: (key: string) => string = (key) => key) =>
    rows.map((row) => [label(row.key), row.received, row.completed]);

  // Audience: cases of items serving each audience (an item may serve several, so the sum may exceed the total).
  const audienceOf = new Map(serviceItems.map((item) => [item.id, item.audiences]));
  const allItems = await db().serviceItem.findMany({
    where: { id: { in: items.map((row) => row.key).filter((id) => !audienceOf.has(id)) } },
    select: { id: true, audiences: true },
  });
  for (const item of allItems) audienceOf.set(item.id, item.audiences);
  const audiences = new Map<string, { received: number; completed: number }>();
  for (const row of items) {
    for (const audience of audienceOf.get(row.key) ?? []) {
      const sum = audiences.get(audience) ?? { received: 0, completed: 0 };
      sum.received += row.received;
      sum.completed += row.completed;
      audiences.set(audience, sum);
    }
  }
  const fullyOnline = serviceItems.filter((item) => isFullyOnline(item)).length;
  const bookingCount = (status: string) => bookings.find((row) => row.status === status)?.n ?? 0;

  return [
    { id: "byDay", columns: ["period", "received", "completed"], rows: volumeRows(days), chart: "line" },
    { id: "byWeek", columns: ["period", "received", "completed"], rows: volumeRows(weeks), chart: "bar" },
    { id: "byMonth", columns: ["period", "received", "completed"], rows: volumeRows(months), chart: "bar" },
    {
      id: "byDepartment",
      columns: ["name", "received", "completed"],
      rows: volumeRows(departments, (key) => departmentNames.get(key) ?? key),
      chart: "bar",
    },
    {
      id: "byItem",
      columns: ["name", "received", "completed"],
      rows: volumeRows(items.slice(0, 20), (key) => itemNames.get(key) ?? key),
      chart: "bar",
    },
    {
      id: "byRegion",
      columns: ["name", "received", "completed"],
      rows: volumeRows(regions, (key) => regionNames.get(key) ?? key),
      chart: "bar",
    },
    {
      id: "byAudience",
      columns: ["name", "received", "completed"],
      rows: [...audiences.entries()]
        .sort((a, b) => b[1].received - a[1].received)
        .map(([audience, sum]) => [audience, sum.received, sum.completed]),
      chart: "bar",
    },
    { id: "byChannel", columns: ["name", "received", "completed"], rows: volumeRows(channels), chart: "pie" },
    {
      id: "online",
      columns: ["items", "fullyOnline", "share"],
      rows: [
        [
          serviceItems.length,
          fullyOnline,
          serviceItems.length > 0 ? Math.round((fullyOnline / serviceItems.length) * 1000) / 1000 : null,
        ],
      ],
      chart: null,
    },
    {
      id: "hours",
      columns: ["hour", "count"],
      rows: Array.from({ length: 24 }, (_, hour) => [hour, hours.find((row) => row.hour === hour)?.n ?? 0]),
      chart: "bar",
    },
    {
      id: "bookings",
      columns: ["status", "count"],
      rows: ["BOOKED", "ATTENDED", "MISSED", "CANCELLED"].map((status) => [status, bookingCount(status)]),
      chart: "bar",
    },
    {
      id: "topSearches",
      columns: ["query", "searches", "zeroResults"],
      rows: searches.map((row) => [row.query, row.searches, suppress(row.zeroResults)]),
      chart: null,
    },
    {
      id: "zeroSearches",
      columns: ["query", "zeroResults", "searches"],
      rows: zero.map((row) => [row.query, suppress(row.zeroResults), row.searches]),
      chart: null,
    },
    {
      id: "noClickSearches",
      columns: ["query", "searches"],
      rows: noClick.map((row) => [row.query, row.searches]),
      chart: null,
    },
    journeyTable("journeys", journeys, en),
    journeyTable("worstJourneys", worstJourneys, en),
  ];
}
