import "server-only";
import { chinaDayEnd, chinaDayStart } from "../calendar/china-time";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { AppError } from "../errors";
import { fieldErrorsOf, RangeFilters, regionScope, resolveRange } from "./filters";

/**
 * Public figures (政务公开): per department and per item, cases received and completed, the on-time rate and
 * satisfaction, over a date range and region. Aggregates only, no personal data. Counts below MIN_PUBLIC_COUNT
 * are published as null and named in `suppressed` (a handful of cases or ratings could point at a person); a
 * rate whose base is suppressed is suppressed too.
 */

export const MIN_PUBLIC_COUNT = 5;

export type PublicRow = {
  code: string;
  name: string;
  nameEn: string;
  received: number | null;
  completed: number | null;
  onTimeRate: number | null;
  ratings: number | null;
  satisfaction: number | null;
  /** The fields published as null because their count is below MIN_PUBLIC_COUNT. */
  suppressed: ("received" | "completed" | "onTimeRate" | "ratings" | "satisfaction")[];
};

type Raw = { id: string; received: number; completed: number; on_time: number };
type RawRatings = { id: string; ratings: number; good: number };

function publicRow(
  entity: { code: string; name: string; nameEn: string },
  figures: Raw | undefined,
  rated: RawRatings | undefined,
): PublicRow {
  const suppressed: PublicRow["suppressed"] = [];
  const shown = (field: "received" | "completed" | "ratings", value: number) => {
    if (value < MIN_PUBLIC_COUNT) {
      suppressed.push(field);
      return null;
    }
    return value;
  };
  const received = shown("received", figures?.received ?? 0);
  const completed = shown("completed", figures?.completed ?? 0);
  const ratings = shown("ratings", rated?.ratings ?? 0);
  if (completed === null) suppressed.push("onTimeRate");
  if (ratings === null) suppressed.push("satisfaction");
  return {
    code: entity.code,
    name: entity.name,
    nameEn: entity.nameEn,
    received,
    completed,
    onTimeRate: completed === null ? null : Math.round(((figures?.on_time ?? 0) / completed) * 1000) / 1000,
    ratings,
    satisfaction: ratings === null ? null : Math.round(((rated?.good ?? 0) / ratings) * 1000) / 1000,
    suppressed,
  };
}

export async function publicFigures(input: unknown, now: Date = new Date()) {
  const parsed = RangeFilters.safeParse(input ?? {});
  if (!parsed.success)
    throw new AppError("VALIDATION", "supervision.errors.form", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { from, to } = resolveRange(parsed.data, now);
  const regions = await regionScope(parsed.data.region);
  const statsWhere = Prisma.join(
    [
      Prisma.sql`s.day BETWEEN ${from}::date AND ${to}::date`,
      ...(regions ? [Prisma.sql`s.region_code = ANY(${regions}::text[])`] : []),
    ],
    " AND ",
  );
  const ratingsWhere = Prisma.join(
    [
      Prisma.sql`e.created_at >= ${chinaDayStart(from)}`,
      Prisma.sql`e.created_at < ${chinaDayEnd(to)}`,
      ...(regions
        ? [
            Prisma.sql`EXISTS (SELECT 1 FROM department d WHERE d.id = e.department_id AND d.region_code = ANY(${regions}::text[]))`,
          ]
        : []),
    ],
    " AND ",
  );
  const [byDepartment, byItem, departmentRatings, itemRatings] = await Promise.all([
    db().$queryRaw<Raw[]>`
      SELECT s.department_id::text AS id, sum(s.received)::int AS received, sum(s.completed)::int AS completed, sum(s."completedOnTime")::int AS on_time
      FROM case_stats_daily s WHERE ${statsWhere} GROUP BY s.department_id`,
    db().$queryRaw<Raw[]>`
      SELECT s.service_item_id::text AS id, sum(s.received)::int AS received, sum(s.completed)::int AS completed, sum(s."completedOnTime")::int AS on_time
      FROM case_stats_daily s WHERE ${statsWhere} GROUP BY s.service_item_id`,
    db().$queryRaw<RawRatings[]>`
      SELECT e.department_id::text AS id, count(*)::int AS ratings, count(*) FILTER (WHERE e.level >= 4)::int AS good
      FROM evaluation e WHERE ${ratingsWhere} GROUP BY e.department_id`,
    db().$queryRaw<RawRatings[]>`
      SELECT e.service_item_id::text AS id, count(*)::int AS ratings, count(*) FILTER (WHERE e.level >= 4)::int AS good
      FROM evaluation e WHERE ${ratingsWhere} AND e.service_item_id IS NOT NULL GROUP BY e.service_item_id`,
  ]);
  const departmentIds = [...new Set([...byDepartment, ...departmentRatings].map((row) => row.id))];
  const itemIds = [...new Set([...byItem, ...itemRatings].map((row) => row.id))];
  const [departments, items] = await Promise.all([
    db().department.findMany({
      where: { id: { in: departmentIds } },
      select: { id: true, code: true, name: true, nameEn: true },
    }),
    db().serviceItem.findMany({
      where: { id: { in: itemIds }, status: { not: "DRAFT" } },
      select: { id: true, implementationCode: true, name: true, nameEn: true },
    }),
  ]);
  const mapOf = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  const [figuresByDepartment, figuresByItem, ratingsByDepartment, ratingsByItem] = [
    mapOf(byDepartment),
    mapOf(byItem),
    mapOf(departmentRatings),
    mapOf(itemRatings),
  ];
  const order = (a: PublicRow, b: PublicRow) => (b.received ?? 0) - (a.received ?? 0) || a.code.localeCompare(b.code);
  return {
    from,
    to,
    region: parsed.data.region ?? null,
    minCount: MIN_PUBLIC_COUNT,
    departments: departments
      .map((department) =>
        publicRow(department, figuresByDepartment.get(department.id), ratingsByDepartment.get(department.id)),
      )
      .sort(order),
    items: items
      .map((item) =>
        publicRow(
          { code: item.implementationCode, name: item.name, nameEn: item.nameEn },
          figuresByItem.get(item.id),
          ratingsByItem.get(item.id),
        ),
      )
      .sort(order),
  };
}

export type PublicFigures = Awaited<ReturnType<typeof publicFigures>>;
