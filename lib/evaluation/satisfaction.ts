import "server-only";
import { db } from "../db/client";

/**
 * Public satisfaction figures (reference §3 "Results use: published"): per item and per department, the number
 * of ratings, the share of good ones (4–5) and the share of bad ratings whose rectification a supervisor
 * accepted. Groups with fewer than MIN_PUBLISHED ratings are suppressed (their figures would point at people).
 */

export const MIN_PUBLISHED = 5;

export type SatisfactionRow = {
  id: string;
  name: string;
  nameEn: string;
  code: string;
  ratings: number;
  /** Null when suppressed. */
  goodShare: number | null;
  badRatings: number | null;
  rectifiedShare: number | null;
};

type Raw = {
  id: string;
  name: string;
  name_en: string;
  code: string;
  ratings: bigint;
  good: bigint;
  bad: bigint;
  rectified: bigint;
};

function toRow(raw: Raw): SatisfactionRow {
  const ratings = Number(raw.ratings);
  const suppressed = ratings < MIN_PUBLISHED;
  const bad = Number(raw.bad);
  return {
    id: raw.id,
    name: raw.name,
    nameEn: raw.name_en,
    code: raw.code,
    ratings: suppressed ? 0 : ratings,
    goodShare: suppressed ? null : Number(raw.good) / ratings,
    badRatings: suppressed ? null : bad,
    rectifiedShare: suppressed || bad === 0 ? null : Number(raw.rectified) / bad,
  };
}

export async function satisfactionByDepartment(): Promise<SatisfactionRow[]> {
  const rows = await db().$queryRaw<Raw[]>`
    SELECT d.id::text AS id, d.name, d.name_en, d.code,
           count(*) AS ratings,
           count(*) FILTER (WHERE e.level >= 4) AS good,
           count(*) FILTER (WHERE e.level <= 2) AS bad,
           count(*) FILTER (WHERE e.level <= 2 AND r.status = 'ACCEPTED') AS rectified
    FROM evaluation e
    JOIN department d ON d.id = e.department_id
    LEFT JOIN rectification r ON r.evaluation_id = e.id
    GROUP BY d.id
    ORDER BY count(*) DESC, d.code`;
  return rows.map(toRow);
}

export async function satisfactionByItem(): Promise<SatisfactionRow[]> {
  const rows = await db().$queryRaw<Raw[]>`
    SELECT s.id::text AS id, s.name, s.name_en, s.implementation_code AS code,
           count(*) AS ratings,
           count(*) FILTER (WHERE e.level >= 4) AS good,
           count(*) FILTER (WHERE e.level <= 2) AS bad,
           count(*) FILTER (WHERE e.level <= 2 AND r.status = 'ACCEPTED') AS rectified
    FROM evaluation e
    JOIN service_item s ON s.id = e.service_item_id
    LEFT JOIN rectification r ON r.evaluation_id = e.id
    GROUP BY s.id
    ORDER BY count(*) DESC, s.implementation_code`;
  return rows.map(toRow);
}

/** Totals over every published group, for the page's headline. */
export function totals(rows: SatisfactionRow[]) {
  const shown = rows.filter((row) => row.goodShare !== null);
  const ratings = shown.reduce((sum, row) => sum + row.ratings, 0);
  const good = shown.reduce((sum, row) => sum + (row.goodShare ?? 0) * row.ratings, 0);
  return { ratings, goodShare: ratings > 0 ? good / ratings : null, suppressedGroups: rows.length - shown.length };
}
