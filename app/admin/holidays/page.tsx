import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { can } from "@/lib/auth/policy";
import { chinaToday } from "@/lib/calendar/china-time";
import { isoWeekday } from "@/lib/calendar/working-days";
import { localizedName } from "@/lib/i18n/localized";
import { calendarWarning, listHolidays } from "@/lib/reference/holidays";
import { listRegionTree } from "@/lib/reference/regions";
import { EntityForm } from "../_reference/entity-form";
import { CalendarGapBanner, DoneNotice } from "../_reference/notices";
import { deleteHolidayAction, loadYearAction, saveHolidayAction } from "./actions";
import { holidayFields } from "./fields";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("reference.holidays"))("title") };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function AdminHolidays({ searchParams }: Props) {
  const actor = await requirePermission("admin.structure.view", "/admin/holidays");
  const params = await searchParams;
  const thisYear = Number(chinaToday().slice(0, 4));
  const requested = Number(one(params.year));
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : thisYear;
  const regionParam = one(params.region) ?? "national";
  const [regions, gaps] = await Promise.all([listRegionTree(actor), calendarWarning(actor)]);
  const regionCode =
    regionParam === "all" ? "all" : regions.some((region) => region.code === regionParam) ? regionParam : null;
  const rows = await listHolidays(actor, { year, regionCode });
  const manage = can(actor, "admin.structure.manage");
  const t = await getTranslations("reference");
  const locale = await getLocale();
  const years = Array.from({ length: thisYear + 2 - 2004 + 1 }, (_, index) => thisYear + 2 - index);
  const regionOptions = regions.map((region) => ({
    value: region.code,
    label: `${"　".repeat(region.depth)}${localizedName(locale, region)}`,
  }));

  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("holidays.title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("holidays.intro")}</p>
      <CalendarGapBanner years={gaps} linkToHolidays={false} />
      <DoneNotice done={params.done} />
      {one(params.done) === "loaded" && (
        <p className="mb-4">
          {t("holidays.loadResult", {
            created: one(params.created) ?? "0",
            updated: one(params.updated) ?? "0",
            removed: one(params.removed) ?? "0",
            kept: one(params.kept) ?? "0",
          })}
        </p>
      )}

      <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="year" className="font-semibold">
            {t("holidays.year")}
          </label>
          <Select id="year" name="year" defaultValue={String(year)}>
            {years.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="region" className="font-semibold">
            {t("holidays.scope")}
          </label>
          <Select id="region" name="region" defaultValue={regionCode ?? "national"}>
            <option value="national">{t("holidays.nationalOnly")}</option>
            <option value="all">{t("holidays.allRegions")}</option>
            {regionOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          {t("show")}
        </Button>
      </form>

      <DataTable
        caption={t("holidays.caption", { year, count: rows.length })}
        columns={[
          t("holidays.date"),
          t("holidays.kind"),
          t("holidays.name"),
          t("holidays.region"),
          t("holidays.source"),
          ...(manage ? [t("actions")] : []),
        ]}
        rows={rows.map((row) => [
          <span key="date" className="whitespace-nowrap">
            {row.date} {t(`weekdays.${isoWeekday(row.date)}`)}
          </span>,
          t(`holidays.kinds.${row.kind}`),
          row.name,
          row.region ? localizedName(locale, row.region) : t("holidays.national"),
          row.manual ? t("holidays.manual") : t("holidays.package"),
          ...(manage
            ? [
                <div key="actions" className="flex flex-wrap items-start gap-2">
                  <Link
                    href={`/admin/holidays/${row.id}`}
                    className="relative inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
                  >
                    {t("edit")}
                    <span className="sr-only">：{row.date}</span>
                  </Link>
                  <EntityForm
                    action={deleteHolidayAction}
                    inline
                    variant="danger"
                    fields={[
                      { name: "id", label: "", type: "hidden" },
                      { name: "year", label: "", type: "hidden" },
                    ]}
                    initial={{ id: row.id, year: String(year) }}
                    submitLabel={t("holidays.delete")}
                    srSuffix={row.date}
                  />
                </div>,
              ]
            : []),
        ])}
      />
      {rows.length === 0 && <p className="mt-2">{t("holidays.none")}</p>}

      {manage && (
        <>
          <section aria-labelledby="load-title" className="mt-8 max-w-3xl">
            <h2 id="load-title" className="mb-2 text-xl font-bold">
              {t("holidays.loadTitle")}
            </h2>
            <p className="mb-3 text-ink-muted">{t("holidays.loadIntro")}</p>
            <EntityForm
              action={loadYearAction}
              idPrefix="load"
              fields={[{ name: "year", label: t("holidays.year"), type: "number", maxLength: 4 }]}
              initial={{ year: String(gaps[0] ?? year) }}
              submitLabel={t("holidays.load")}
              variant="secondary"
            />
          </section>
          <section aria-labelledby="add-title" className="mt-8 max-w-3xl">
            <h2 id="add-title" className="mb-2 text-xl font-bold">
              {t("holidays.addTitle")}
            </h2>
            <EntityForm
              action={saveHolidayAction}
              idPrefix="add"
              fields={holidayFields(t, regionOptions)}
              initial={{ kind: "HOLIDAY", regionCode: "" }}
              submitLabel={t("holidays.add")}
            />
          </section>
        </>
      )}
    </>
  );
}
