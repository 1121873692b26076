import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { ExportLinks, RangeFilterForm } from "@/components/reports/range-filters";
import { DataTable } from "@/components/ui/data-table";
import { type Figure, itemFunnelFor, LAST_POSITION, minCount, stageName } from "@/lib/analytics/reports";
import type { Locale } from "@/lib/i18n/config";
import { isAppError } from "@/lib/errors";
import { localizedName } from "@/lib/i18n/localized";
import { firstValues } from "@/lib/statistics/filters";
import { regionOptions } from "@/lib/supervision/dashboard";
import { Chart } from "../../chart";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata() {
  return { title: (await getTranslations("analytics.funnel"))("stagesTitle") };
}

const KEYS = ["from", "to", "region"] as const;

/** One item's journey funnel: where people stop between reading the guide and submitting (lib/analytics/reports.ts). */
export default async function ItemFunnelPage({ params, searchParams }: Props) {
  const { code } = await params;
  const path = `/admin/statistics/items/${encodeURIComponent(code)}`;
  const actor = await requirePermission("admin.access", path);
  const values = firstValues(await searchParams, KEYS);
  let fieldErrors: Record<string, string> = {};
  const load = async (input: Record<string, string>) => {
    try {
      return await itemFunnelFor(actor, code, input);
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") notFound();
      throw error;
    }
  };
  let loaded;
  try {
    loaded = await load(values);
  } catch (error) {
    if (!isAppError(error) || error.code !== "VALIDATION") throw error;
    fieldErrors = error.details.fieldErrors ?? {};
    loaded = await load({});
  }
  const { funnel, slice } = loaded;
  const [t, tSupervision, locale, format, regions] = await Promise.all([
    getTranslations("analytics.funnel"),
    getTranslations("supervision"),
    getLocale() as Promise<Locale>,
    getFormatter(),
    regionOptions(),
  ]);
  const min = minCount();
  const figure = (value: Figure) => (typeof value === "number" ? format.number(value) : value);
  const stages = funnel.stages.map((stage, index) => ({ ...stage, name: stageName(locale, stage, index) }));
  const back = new URLSearchParams({
    from: slice.from,
    to: slice.to,
    ...(slice.region ? { region: slice.region } : {}),
  });
  return (
    <>
      <p className="mb-2">
        <Link href={`/admin/statistics?${back.toString()}`} className="text-brand-700 underline underline-offset-4">
          {t("back")}
        </Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">{t("title", { name: localizedName(locale, funnel.item) })}</h1>
      <p className="mb-1 text-ink-muted">{t("intro", { min })}</p>
      <p className="mb-4 text-ink-muted">{tSupervision("dashboard.range", { from: slice.from, to: slice.to })}</p>
      <RangeFilterForm action={path} values={values} fieldErrors={fieldErrors} regions={regions} />

      <section aria-labelledby="funnel-stages" className="mb-10">
        <h2 id="funnel-stages" className="mb-2 text-xl font-bold">
          {t("stagesTitle")}
        </h2>
        <figure className="mb-2">
          <Chart
            label={t("chartLabel")}
            spec={{
              type: "bar",
              labels: stages.map((stage) => stage.name),
              // A suppressed figure is drawn as nothing rather than as a guess.
              series: [
                { name: t("count"), data: stages.map((stage) => (typeof stage.count === "number" ? stage.count : 0)) },
              ],
            }}
          />
        </figure>
        <ExportLinks href={(exportFormat) => `${path}/export?${back.toString()}&format=${exportFormat}`} />
        <DataTable
          caption={t("stagesTitle")}
          columns={[t("stage"), t("count"), t("share")]}
          rows={stages.map((stage) => [
            stage.name,
            figure(stage.count),
            stage.share === null ? "—" : format.number(stage.share, { style: "percent", maximumFractionDigits: 1 }),
          ])}
        />
        <p className="mt-2">{t("abandoned", { count: figure(funnel.abandoned) })}</p>
      </section>

      <section aria-labelledby="funnel-channels" className="mb-10">
        <h2 id="funnel-channels" className="mb-2 text-xl font-bold">
          {t("channelTitle")}
        </h2>
        <DataTable
          caption={t("channelTitle")}
          columns={[t("channel"), t("stages.views"), t("started"), t("submittedCount")]}
          rows={funnel.byChannel.map((row) => [
            t(`channels.${row.channel}`),
            figure(row.views),
            figure(row.started),
            figure(row.submitted),
          ])}
        />
      </section>

      <section aria-labelledby="funnel-clicks" className="mb-10">
        <h2 id="funnel-clicks" className="mb-2 text-xl font-bold">
          {t("clicksTitle")}
        </h2>
        {funnel.clicksByPosition.length === 0 ? (
          <p>{t("noClicks")}</p>
        ) : (
          <DataTable
            caption={t("clicksTitle")}
            columns={[t("position"), t("clicks")]}
            rows={funnel.clicksByPosition.map((row) => [
              row.position === LAST_POSITION ? t("positionLast") : format.number(row.position),
              figure(row.clicks),
            ])}
          />
        )}
      </section>
      <p className="text-sm text-ink-muted">{t("privacy")}</p>
    </>
  );
}
