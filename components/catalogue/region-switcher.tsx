import { getLocale, getTranslations } from "next-intl/server";
import { setRegion } from "@/app/_actions/preferences";
import { localizedName } from "@/lib/i18n/localized";

type Region = { code: string; name: string; nameEn: string; level: string };

/** Province → city → county switcher; a plain form, remembered in a cookie. */
export async function RegionSwitcher({ regions, current }: Readonly<{ regions: Region[]; current: string | null }>) {
  const t = await getTranslations("region");
  const locale = await getLocale();
  const indent = (level: string) => (level === "CITY" ? "　" : level === "COUNTY" ? "　　" : "");
  return (
    <form action={setRegion} className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-1">
        <label htmlFor="region-switcher" className="font-semibold">
          {t("label")}
        </label>
        <select
          id="region-switcher"
          name="region"
          defaultValue={current ?? ""}
          className="min-h-11 rounded border-2 border-ink-muted bg-white px-2"
        >
          <option value="">{t("everywhere")}</option>
          {regions.map((region) => (
            <option key={region.code} value={region.code}>
              {indent(region.level)}
              {localizedName(locale, region)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="min-h-11 rounded border-2 border-brand-700 px-4 font-semibold text-brand-700 hover:bg-brand-50"
      >
        {t("switch")}
      </button>
    </form>
  );
}
