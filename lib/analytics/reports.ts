import "server-only";
import { chinaDayEnd, chinaDayStart, isoToDateColumn } from "../calendar/china-time";
import { findPublishedForm } from "../catalogue/published-form";
import { db } from "../db/client";
import { type Actor, can } from "../auth/policy";
import { env } from "../env";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { isId } from "../http/params";
import type { Locale } from "../i18n/config";
import { translate } from "../i18n/translate";
import { resolveSlice, type Slice } from "../supervision/dashboard";

/**
 * The journey reports (who looks at what, where applications stop) over a period of China days, for a department
 * and regions or the whole platform. Views and result clicks come from usage_daily (counted by lib/analytics/
 * usage.ts); applications started, steps completed, submitted and abandoned come from the applications themselves,
 * counted, never listed. Every figure below ANALYTICS_MIN_COUNT is shown as "<n" (`suppress`), and a search text
 * searched fewer times than that is not shown at all, so no single visit, applicant or typed name stands out.
 */

/** The position search clicks below the first result page are counted under (lib/analytics/usage.ts). */
export { LAST_POSITION } from "./usage";

export type Period = { from: string; to: string; departmentId?: string | null; regions?: string[] | null };
/** A figure as reports show it: the number, or "<5" when it is too small to show. */
export type Figure = number | string;

export function minCount(): number {
  return env().ANALYTICS_MIN_COUNT;
}

/** A count as a report may show it (0 stays 0: "nobody" identifies nobody). */
export function suppress(n: number, min: number = minCount()): Figure {
  return n > 0 && n < min ? `<${min}` : n;
}

/** A share as a report may show it: only when both figures may be shown. */
export function shareOf(part: number, whole: number, min: number = minCount()): number | null {
  if (whole < min || (part > 0 && part < min)) return null;
  return Math.round((part / whole) * 1000) / 1000;
}

const days = (period: Period) => Prisma.sql`u.day BETWEEN ${period.from}::date AND ${period.to}::date`;

function itemScope(period: Period, alias: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (period.departmentId) parts.push(Prisma.sql`${Prisma.raw(alias)}.department_id = ${period.departmentId}::uuid`);
  if (period.regions) parts.push(Prisma.sql`${Prisma.raw(alias)}.region_code = ANY(${period.regions}::text[])`);
  return Prisma.join(parts, " AND ");
}

export type JourneyRow = {
  serviceItemId: string;
  implementationCode: string;
  name: string;
  nameEn: string;
  views: number;
  started: number;
  submitted: number;
  abandoned: number;
};

/**
 * Per item in scope: guide views, applications started, submitted and abandoned (expired or discarded) in the
 * period, the most viewed first. Applications count on the day they were started, so one cohort is followed.
 */
export async function journeyRows(
  period: Period,
  take = 50,
  order: "views" | "worstConversion" = "views",
): Promise<JourneyRow[]> {
  const start = chinaDayStart(period.from);
  const end = chinaDayEnd(period.to);
  // Worst conversion: items people can apply for online, seen often enough for a share to be shown, fewest
  // submissions per guide view first (where people look and then give up).
  const worst = order === "worstConversion";
  const filter = worst ? Prisma.sql`AND si.online_capable AND v.n >= ${minCount()}` : Prisma.empty;
  const ordering = worst
    ? Prisma.sql`coalesce(a.submitted, 0)::float8 / v.n, v.n DESC, si.implementation_code`
    : Prisma.sql`views DESC, started DESC, si.implementation_code`;
  return db().$queryRaw<JourneyRow[]>`
    WITH views AS (
      SELECT u.service_item_id, sum(u.count)::int AS n FROM usage_daily u
       WHERE u.event = 'GUIDE_VIEW' AND ${days(period)} GROUP BY 1
    ), apps AS (
      SELECT a.service_item_id,
             count(*)::int AS started,
             count(*) FILTER (WHERE a.status = 'SUBMITTED')::int AS submitted,
             count(*) FILTER (WHERE a.status IN ('EXPIRED', 'DISCARDED'))::int AS abandoned
        FROM application a WHERE a.created_at >= ${start} AND a.created_at < ${end} GROUP BY 1
    )
    SELECT si.id AS "serviceItemId", si.implementation_code AS "implementationCode", si.name, si.name_en AS "nameEn",
           coalesce(v.n, 0) AS views, coalesce(a.started, 0) AS started, coalesce(a.submitted, 0) AS submitted,
           coalesce(a.abandoned, 0) AS abandoned
      FROM service_item si
      LEFT JOIN views v ON v.service_item_id = si.id
      LEFT JOIN apps a ON a.service_item_id = si.id
     WHERE ${itemScope(period, "si")} AND (v.n IS NOT NULL OR a.started IS NOT NULL) ${filter}
     ORDER BY ${ordering}
     LIMIT ${Math.max(1, Math.min(take, 500))}`;
}

export type SearchRow = { query: string; searches: number; zeroResults: number; clicks: number };

/**
 * Search texts of the period (searches are not tied to a department: the whole platform's), each searched at least
 * ANALYTICS_MIN_COUNT times: `top` by searches, `zero` by searches that found nothing, `noClick` searches that found
 * something but after which nobody opened a result.
 */
export async function searchRows(
  period: Pick<Period, "from" | "to">,
  kind: "top" | "zero" | "noClick",
  take = 20,
): Promise<SearchRow[]> {
  // Aggregates, not the output names: an ORDER BY expression cannot use a column alias.
  const order =
    kind === "zero"
      ? Prisma.sql`sum(u.zero_results) DESC`
      : kind === "noClick"
        ? Prisma.sql`sum(u.searches) - sum(u.zero_results) DESC`
        : Prisma.sql`sum(u.searches) DESC`;
  const having =
    kind === "zero"
      ? Prisma.sql`AND sum(u.zero_results) > 0`
      : kind === "noClick"
        ? Prisma.sql`AND sum(u.clicks) = 0 AND sum(u.searches) > sum(u.zero_results)`
        : Prisma.empty;
  return db().$queryRaw<SearchRow[]>`
    SELECT u.query, sum(u.searches)::int AS searches, sum(u.zero_results)::int AS "zeroResults",
           sum(u.clicks)::int AS clicks
      FROM search_query_daily u WHERE ${days(period)}
     GROUP BY u.query HAVING sum(u.searches) >= ${minCount()} ${having}
     ORDER BY ${order}, u.query
     LIMIT ${Math.max(1, Math.min(take, 500))}`;
}

/** A stage of the funnel; `label` is the form step's title (for steps only). */
export type FunnelStage = {
  key: string;
  label: { zh: string; en?: string } | null;
  count: Figure;
  share: number | null;
};
export type ItemFunnel = {
  item: { id: string; implementationCode: string; name: string; nameEn: string; departmentId: string };
  stages: FunnelStage[];
  abandoned: Figure;
  byChannel: { channel: "WEB" | "API"; views: Figure; started: Figure; submitted: Figure }[];
  clicksByPosition: { position: number; clicks: Figure }[];
};

/**
 * One item's funnel over the period: guide views → applications started → each form step completed → submitted,
 * with the share of the views each stage kept, the abandoned applications, the channels and the search positions
 * the item was opened from. Steps are the published form's; an application filed on an older form counts by how
 * many steps it completed. Null for an unknown item.
 */
export async function itemFunnel(implementationCode: string, period: Period): Promise<ItemFunnel | null> {
  const item = await findFunnelItem(implementationCode);
  return item ? funnelOf(item, period) : null;
}

const findFunnelItem = (implementationCode: string) =>
  db().serviceItem.findUnique({
    where: { implementationCode },
    select: { id: true, implementationCode: true, name: true, nameEn: true, departmentId: true },
  });

async function funnelOf(item: ItemFunnel["item"], period: Period): Promise<ItemFunnel> {
  const implementationCode = item.implementationCode;
  const start = chinaDayStart(period.from);
  const end = chinaDayEnd(period.to);
  const dayRange = { gte: isoToDateColumn(period.from), lte: isoToDateColumn(period.to) };
  const [views, clicks, applications, form] = await Promise.all([
    db().usageDaily.groupBy({
      by: ["channel"],
      where: { serviceItemId: item.id, event: "GUIDE_VIEW", day: dayRange },
      _sum: { count: true },
    }),
    db().usageDaily.groupBy({
      by: ["position"],
      where: { serviceItemId: item.id, event: "SEARCH_CLICK", day: dayRange },
      _sum: { count: true },
      orderBy: { position: "asc" },
    }),
    db().application.groupBy({
      by: ["channel", "status", "stepsCompleted"],
      where: { serviceItemId: item.id, createdAt: { gte: start, lt: end } },
      _count: { _all: true },
    }),
    findPublishedForm(implementationCode),
  ]);
  const viewsOn = (channel?: "WEB" | "API") =>
    views.filter((row) => !channel || row.channel === channel).reduce((sum, row) => sum + (row._sum.count ?? 0), 0);
  const viewCount = viewsOn();
  const total = (keep: (row: (typeof applications)[number]) => boolean) =>
    applications.filter(keep).reduce((sum, row) => sum + row._count._all, 0);
  const started = total(() => true);
  const steps = form?.definition.steps ?? [];
  const counted: { key: string; label: FunnelStage["label"]; n: number }[] = [
    { key: "views", label: null, n: viewCount },
    { key: "started", label: null, n: started },
    ...steps.map((step, index) => ({
      key: `step:${step.id}`,
      label: step.title,
      // A submitted application completed every step of its form.
      n: total((row) => row.status === "SUBMITTED" || row.stepsCompleted >= index + 1),
    })),
    { key: "submitted", label: null, n: total((row) => row.status === "SUBMITTED") },
  ];
  const base = viewCount > 0 ? viewCount : started;
  return {
    item,
    stages: counted.map((stage) => ({
      key: stage.key,
      label: stage.label,
      count: suppress(stage.n),
      share: shareOf(stage.n, base),
    })),
    abandoned: suppress(total((row) => row.status === "EXPIRED" || row.status === "DISCARDED")),
    byChannel: (["WEB", "API"] as const).map((channel) => ({
      channel,
      views: suppress(viewsOn(channel)),
      started: suppress(total((row) => row.channel === channel)),
      submitted: suppress(total((row) => row.channel === channel && row.status === "SUBMITTED")),
    })),
    clicksByPosition: clicks.map((row) => ({ position: row.position, clicks: suppress(row._sum.count ?? 0) })),
  };
}

/**
 * An item's funnel for someone who may see its department's figures (the statistics' rule, lib/supervision/
 * dashboard.ts `resolveSlice`): the period comes from `input` (from, to, region), the department is the item's.
 * Someone who sees no figures at all is FORBIDDEN; another department's item is answered as unknown (NOT_FOUND);
 * a bad period is VALIDATION with the fields.
 */
export async function itemFunnelFor(
  actor: Actor,
  implementationCode: string,
  input: Record<string, unknown>,
): Promise<{ funnel: ItemFunnel; slice: Slice }> {
  const notFound = () => new AppError("NOT_FOUND", "analytics.errors.noSuchItem");
  // Whether this person sees any figures at all (FORBIDDEN otherwise, like every statistics export), and whether
  // the period is valid.
  const slice = await resolveSlice(actor, { ...input, department: undefined });
  if (!isId("itemCode", implementationCode)) throw notFound();
  const item = await findFunnelItem(implementationCode);
  if (!item || !can(actor, "supervision.view", { kind: "department", departmentId: item.departmentId }))
    throw notFound();
  const itemSlice = { ...slice, departmentId: item.departmentId };
  return { funnel: await funnelOf(item, itemSlice), slice: itemSlice };
}

/** A stage's name as people read it: the fixed stages by name, a form step as "completed step n: title". */
export function stageName(locale: Locale, stage: FunnelStage, index: number): string {
  if (!stage.key.startsWith("step:")) return translate(locale, `analytics.funnel.stages.${stage.key}`);
  const title = stage.label ? (locale === "en" && stage.label.en ? stage.label.en : stage.label.zh) : stage.key;
  // The stages before the first step are views and started.
  return translate(locale, "analytics.funnel.step", { number: index - 1, title });
}

/** The funnel as one exportable table: each stage with its count and share of views, then the abandoned. */
export function funnelTable(funnel: ItemFunnel, locale: Locale) {
  return {
    columns: [
      translate(locale, "analytics.funnel.stage"),
      translate(locale, "analytics.funnel.count"),
      translate(locale, "analytics.funnel.share"),
    ],
    rows: [
      ...funnel.stages.map((stage, index) => [stageName(locale, stage, index), stage.count, stage.share]),
      [translate(locale, "analytics.funnel.abandonedStage"), funnel.abandoned, null],
    ],
  };
}
