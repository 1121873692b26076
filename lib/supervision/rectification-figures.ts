import "server-only";
import { db } from "../db/client";
import { overdueRectificationWhere } from "../evaluation/due";
import type { Prisma } from "../generated/prisma/client";
import type { Slice } from "./dashboard";

/**
 * The dashboard's rectification figures (差评整改：待整改 N …) and the rows behind each, from ONE where clause.
 *
 * Why this exists (issue 18, point 7): the figure used to count rectification rows of every rated touchpoint
 * (cases, visits, questions) in the rectification's department, while the list it opened showed cases, in the
 * case's department and region. A bad rating of a visit or of an answered question has a rectification but no
 * case, so "待整改 3" opened a list of 2. Now the figure (countRectificationFigures, used by dashboard.ts) and its
 * list (listFigureRectifications in cases.ts, the page and its export) both take their rows through
 * `rectificationFigureWhere`: the same statuses, the same "overdue" (evaluation/due.ts, China's date), the same
 * department and region slice (the rectification's department, and that department's region, as the dashboard
 * slices ratings). The list shows rectifications, one per counted row, so its length is the figure.
 */

/** One figure per rectification status, and "overdue": still owed (OPEN, REOPENED) after its due date in China. */
export const RECTIFICATION_FIGURES = ["OPEN", "REOPENED", "REPLIED", "APPEALED", "ACCEPTED", "overdue"] as const;
export type RectificationFigure = (typeof RECTIFICATION_FIGURES)[number];

/**
 * The department part of a dashboard slice, resolved for the rectification table (which has a department, not a
 * region): `departmentIds` lists the departments of the slice's regions, null when no region is chosen.
 */
export type RectificationScope = { departmentId: string | null; departmentIds: string[] | null };

/** Which rectifications a figure counts and its list shows. `figure` undefined: every status (the per-status counts). */
export function rectificationFigureWhere(
  scope: RectificationScope,
  figure: RectificationFigure | undefined,
  now: Date,
): Prisma.RectificationWhereInput {
  const conditions: Prisma.RectificationWhereInput[] = [];
  if (scope.departmentId) conditions.push({ departmentId: scope.departmentId });
  // An empty list matches nothing, as `ANY('{}')` did: a region without departments has no rectifications.
  if (scope.departmentIds) conditions.push({ departmentId: { in: scope.departmentIds } });
  if (figure === "overdue") conditions.push(overdueRectificationWhere(now));
  else if (figure) conditions.push({ status: figure });
  return { AND: conditions };
}

/** The slice's departments for the rectification table: a region filter becomes the departments in those regions. */
export async function rectificationScope(slice: Pick<Slice, "departmentId" | "regions">): Promise<RectificationScope> {
  const departmentIds = slice.regions
    ? (await db().department.findMany({ where: { regionCode: { in: slice.regions } }, select: { id: true } })).map(
        (department) => department.id,
      )
    : null;
  return { departmentId: slice.departmentId, departmentIds };
}

/**
 * The figures: how many rectifications are in each status now, and how many are overdue. Like the case warnings
 * these are the current state, not a count over the date range (a rectification opened before the range and still
 * owed is still owed).
 */
export async function countRectificationFigures(
  slice: Pick<Slice, "departmentId" | "regions">,
  now: Date,
): Promise<Record<RectificationFigure, number>> {
  const scope = await rectificationScope(slice);
  const [byStatus, overdue] = await Promise.all([
    db().rectification.groupBy({
      by: ["status"],
      where: rectificationFigureWhere(scope, undefined, now),
      _count: { _all: true },
    }),
    db().rectification.count({ where: rectificationFigureWhere(scope, "overdue", now) }),
  ]);
  const result: Record<RectificationFigure, number> = {
    OPEN: 0,
    REOPENED: 0,
    REPLIED: 0,
    APPEALED: 0,
    ACCEPTED: 0,
    overdue,
  };
  for (const row of byStatus) result[row.status] = row._count._all;
  return result;
}
