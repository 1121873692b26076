import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { localizedName } from "@/lib/i18n/localized";

type Option = { id: string; name: string; nameEn: string };
type RegionOption = { code: string; name: string; nameEn: string };

/**
 * The date-range, region and (for supervisors) department filter shared by the supervision and statistics pages:
 * a plain GET form, so every filtered view has its own address and works without JavaScript.
 */
export async function RangeFilterForm({
  action,
  values,
  fieldErrors = {},
  regions,
  departments,
  hidden = {},
}: Readonly<{
  action: string;
  values: Record<string, string>;
  fieldErrors?: Record<string, string>;
  regions: RegionOption[];
  departments?: Option[];
  hidden?: Record<string, string>;
}>) {
  const t = await getTranslations("supervision");
  const tAll = await getTranslations();
  const locale = await getLocale();
  const error = (name: string) =>
    fieldErrors[name] ? (
      <p id={`filter-${name}-error`} className="text-sm font-semibold text-accent-600">
        {tAll(fieldErrors[name])}
      </p>
    ) : null;
  const described = (name: string) =>
    fieldErrors[name] ? { "aria-invalid": true, "aria-describedby": `filter-${name}-error` } : {};
  return (
    <form
      method="get"
      action={action}
      className="mb-6 rounded border-2 border-ink-muted p-3"
      aria-label={t("filters.legend")}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {(["from", "to"] as const).map((name) => (
          <div key={name} className="flex flex-col gap-1">
            <label htmlFor={`filter-${name}`} className="font-semibold">
              {t(`filters.${name}`)}
            </label>
            {error(name)}
            <Input
              id={`filter-${name}`}
              name={name}
              type="date"
              defaultValue={values[name] ?? ""}
              {...described(name)}
            />
          </div>
        ))}
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-region" className="font-semibold">
            {t("filters.region")}
          </label>
          {error("region")}
          <Select id="filter-region" name="region" defaultValue={values.region ?? ""} {...described("region")}>
            <option value="">{t("filters.anyRegion")}</option>
            {regions.map((region) => (
              <option key={region.code} value={region.code}>
                {localizedName(locale, region)}
              </option>
            ))}
          </Select>
        </div>
        {departments && (
          <div className="flex flex-col gap-1">
            <label htmlFor="filter-department" className="font-semibold">
              {t("filters.department")}
            </label>
            {error("department")}
            <Select
              id="filter-department"
              name="department"
              defaultValue={values.department ?? ""}
              {...described("department")}
            >
              <option value="">{t("filters.platform")}</option>
              {departments.map((department) => (
                <option key={department.id} value={department.id}>
                  {localizedName(locale, department)}
                </option>
              ))}
            </Select>
          </div>
        )}
      </div>
      <div className="mt-3 flex items-center gap-4">
        <Button type="submit">{t("filters.apply")}</Button>
        <Link href={action} className="underline underline-offset-4">
          {t("filters.reset")}
        </Link>
      </div>
    </form>
  );
}

/** Links to download a table as CSV and XLSX. */
export async function ExportLinks({ href }: Readonly<{ href: (format: "csv" | "xlsx") => string }>) {
  const t = await getTranslations("supervision.dashboard");
  return (
    <p className="my-2 flex flex-wrap gap-4">
      <a href={href("csv")} className="font-semibold text-brand-700 underline underline-offset-4" download>
        {t("exportCsv")}
      </a>
      <a href={href("xlsx")} className="font-semibold text-brand-700 underline underline-offset-4" download>
        {t("exportXlsx")}
      </a>
    </p>
  );
}
