import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { ExportLinks, RangeFilterForm } from "@/components/reports/range-filters";
import { DataTable } from "@/components/ui/data-table";
import { minCount } from "@/lib/analytics/reports";
import { reachesEveryDepartment } from "@/lib/auth/policy";
import { isAppError } from "@/lib/errors";
import { statisticsTables, type StatsTable } from "@/lib/statistics/analysis";
import { firstValues } from "@/lib/statistics/filters";
import { departmentOptions, regionOptions, resolveSlice, type Slice } from "@/lib/supervision/dashboard";
import { Chart, type ChartSpec } from "./chart";

export async function generateMetadata() {
  return { title: (await getTranslations("supervision.statistics"))("title") };
}

const KEYS = ["from", "to", "region", "department"] as const;

export default async function StatisticsPage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("admin.access", "/admin/statistics");
  const values = firstValues(await searchParams, KEYS);
  let fieldErrors: Record<string, string> = {};
  let slice: Slice;
  try {
    slice = await resolveSlice(actor, values);
  } catch (error) {
    if (!isAppError(error) || error.code !== "VALIDATION") throw error;
    fieldErrors = error.details.fieldErrors ?? {};
    slice = await resolveSlice(actor, {});
  }
  const locale = await getLocale();
  const [tables, regions, departments] = await Promise.all([
    statisticsTables(slice, locale),
    regionOptions(),
    departmentOptions(actor),
  ]);
  const t = await getTranslations();
  const format = await getFormatter();
  const query = new URLSearchParams({
    from: slice.from,
    to: slice.to,
    ...(slice.region ? { region: slice.region } : {}),
    ...(slice.departmentId ? { department: slice.departmentId } : {}),
  });

  // Codes shown to people in their language (channels, audiences, booking states); numbers formatted.
  const label = (table: StatsTable, value: string | number | null, column: number): string => {
    if (value === null) return "—";
    if (column === 0 && table.id === "byChannel")
      return t(`supervision.statistics.channel.${value}` as "supervision.statistics.channel.ONLINE");
    if (column === 0 && table.id === "byAudience")
      return t(`catalogue.audiences.${value}` as "catalogue.audiences.NATURAL_PERSON");
    if (column === 0 && table.id === "bookings")
      return t(`supervision.statistics.bookingStatus.${value}` as "supervision.statistics.bookingStatus.BOOKED");
    if (column === 0 && table.id === "hours") return t("supervision.statistics.hourLabel", { hour: value });
    if ((table.columns[column] === "share" || table.columns[column] === "conversion") && typeof value === "number")
      return format.number(value, { style: "percent", maximumFractionDigits: 1 });
    return typeof value === "number" ? format.number(value) : value;
  };
  const columnName = (key: string) =>
    t(`supervision.statistics.columns.${key}` as "supervision.statistics.columns.name");
  const chartOf = (table: StatsTable): ChartSpec | null => {
    if (!table.chart || table.rows.length === 0) return null;
    const numeric = table.columns.slice(1).map((key, index) => ({ key, index: index + 1 }));
    return {
      type: table.chart,
      labels: table.rows.map((row) => label(table, row[0] ?? null, 0)),
      series: (table.chart === "pie" ? numeric.slice(0, 1) : numeric).map(({ key, index }) => ({
        name: columnName(key),
        data: table.rows.map((row) => Number(row[index] ?? 0)),
      })),
    };
  };

  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("supervision.statistics.title")}</h1>
      <p className="mb-1 text-ink-muted">{t("supervision.statistics.intro")}</p>
      <p className="mb-4 text-ink-muted">{t("supervision.dashboard.range", { from: slice.from, to: slice.to })}</p>
      <RangeFilterForm
        action="/admin/statistics"
        values={values}
        fieldErrors={fieldErrors}
        regions={regions}
        departments={reachesEveryDepartment(actor, "supervision.view") ? departments : undefined}
      />
      {tables.map((table) => {
        const title = t(`supervision.statistics.tables.${table.id}`);
        const spec = chartOf(table);
        return (
          <section key={table.id} aria-labelledby={`table-${table.id}`} className="mb-10">
            <h2 id={`table-${table.id}`} className="mb-2 text-xl font-bold">
              {title}
            </h2>
            {table.id === "byAudience" && (
              <p className="mb-2 text-sm text-ink-muted">{t("supervision.statistics.audienceNote")}</p>
            )}
            {(table.id === "journeys" || table.id === "worstJourneys") && (
              <p className="mb-2 text-sm text-ink-muted">
                {t("supervision.statistics.journeyNote", { min: minCount() })}
              </p>
            )}
            {spec && (
              <figure className="mb-2">
                <Chart label={`${title}. ${t("supervision.statistics.chartNote")}`} spec={spec} />
              </figure>
            )}
            <ExportLinks
              href={(exportFormat) =>
                `/admin/statistics/export?${query.toString()}&table=${table.id}&format=${exportFormat}`
              }
            />
            <DataTable
              caption={title}
              columns={table.columns.map(columnName)}
              rows={table.rows.map((row, rowIndex) =>
                row.map((cell, index) => {
                  const text = label(table, cell, index);
                  const code = table.rowKeys?.[rowIndex];
                  if (index > 0 || !code) return text;
                  return (
                    <Link
                      key={code}
                      href={`/admin/statistics/items/${encodeURIComponent(code)}?${query.toString()}`}
                      className="text-brand-700 underline underline-offset-4"
                    >
                      {text}
                    </Link>
                  );
                }),
              )}
            />
          </section>
        );
      })}
    </>
  );
}
