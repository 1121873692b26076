import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { RangeFilterForm } from "@/components/reports/range-filters";
import { isAppError } from "@/lib/errors";
import { localizedName } from "@/lib/i18n/localized";
import { firstValues } from "@/lib/statistics/filters";
import { publicFigures, type PublicRow } from "@/lib/statistics/public";
import { regionOptions } from "@/lib/supervision/dashboard";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("supervision.public"))("title") };
}

/** 政务公开: aggregate case figures per department and item, the same data as GET /api/v1/stats. */
export default async function PublicStats({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const values = firstValues(await searchParams, ["from", "to", "region"]);
  let fieldErrors: Record<string, string> = {};
  let figures: Awaited<ReturnType<typeof publicFigures>>;
  try {
    figures = await publicFigures(values);
  } catch (error) {
    if (!isAppError(error) || error.code !== "VALIDATION") throw error;
    fieldErrors = error.details.fieldErrors ?? {};
    figures = await publicFigures({});
  }
  const regions = await regionOptions();
  const t = await getTranslations("supervision.public");
  const locale = await getLocale();
  const format = await getFormatter();
  const count = (value: number | null) =>
    value === null ? <span className="text-ink-muted">{t("suppressed")}</span> : format.number(value);
  const percent = (value: number | null) =>
    value === null ? "—" : format.number(value, { style: "percent", maximumFractionDigits: 1 });
  const apiQuery = new URLSearchParams({
    from: figures.from,
    to: figures.to,
    ...(figures.region ? { region: figures.region } : {}),
  });
  const table = (id: string, title: string, rows: PublicRow[]) => (
    <section aria-labelledby={id} className="mb-8">
      <h2 id={id} className="mb-2 text-xl font-semibold">
        {title}
      </h2>
      <ScrollRegion label={`${title} ${figures.from}–${figures.to}`}>
        <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
          <caption className="sr-only">
            {title} {figures.from}–{figures.to}
          </caption>
          <thead>
            <tr className="border-b-2 border-line">
              {(["name", "received", "completed", "onTimeRate", "ratings", "satisfaction"] as const).map((column) => (
                <th key={column} scope="col" className="p-2">
                  {t(`columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code} className="border-b border-line">
                <td className="p-2">{localizedName(locale, row)}</td>
                <td className="p-2">{count(row.received)}</td>
                <td className="p-2">{count(row.completed)}</td>
                <td className="p-2">{percent(row.onTimeRate)}</td>
                <td className="p-2">{count(row.ratings)}</td>
                <td className="p-2">{percent(row.satisfaction)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-2">{t("intro")}</p>
      <p className="mb-4">
        {t("api")}{" "}
        <a
          href={`/api/v1/stats?${apiQuery.toString()}`}
          className="break-all text-brand-700 underline underline-offset-4"
        >
          /api/v1/stats?{apiQuery.toString()}
        </a>
      </p>
      <RangeFilterForm action="/stats" values={values} fieldErrors={fieldErrors} regions={regions} />
      {table("departments", t("departments"), figures.departments)}
      {table("items", t("items"), figures.items)}
    </>
  );
}
