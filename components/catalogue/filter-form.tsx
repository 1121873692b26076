import { getLocale, getTranslations } from "next-intl/server";
import type { CatalogueFilters } from "@/lib/catalogue/filters";
import { MAX_QUERY_LENGTH } from "@/lib/catalogue/limits";
import { localizedName } from "@/lib/i18n/localized";
import { SuggestInput } from "./suggest-input";

type Option = { code: string; name: string; nameEn: string };
type Props = Readonly<{
  filters: Partial<CatalogueFilters>;
  regions: (Option & { level: string })[];
  themes: Option[];
}>;

/** Search and filters as one GET form: shareable addresses, and it works without JavaScript. */
export async function FilterForm({ filters, regions, themes }: Props) {
  const t = await getTranslations("filters");
  const tPortal = await getTranslations("portal");
  const locale = await getLocale();
  const select = "min-h-11 w-full rounded border-2 border-ink-muted bg-white px-2";
  return (
    <form action="/search" method="get" role="search" className="grid grid-cols-1 gap-4 rounded border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-4">
      <div className="flex flex-col gap-1 sm:col-span-2 lg:col-span-4">
        <label htmlFor="filter-q" className="font-semibold">
          {tPortal("searchLabel")}
        </label>
        <SuggestInput id="filter-q" name="q" maxLength={MAX_QUERY_LENGTH} defaultValue={filters.q ?? ""} placeholder={tPortal("searchPlaceholder")} className="min-h-12 rounded border-2 border-brand-700 bg-white px-3" />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-region" className="font-semibold">{t("region")}</label>
        <select id="filter-region" name="region" defaultValue={filters.region ?? ""} className={select}>
          <option value="">{t("any")}</option>
          {regions.map((region) => (
            <option key={region.code} value={region.code}>
              {region.level === "COUNTY" ? "　" : ""}
              {localizedName(locale, region)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-theme" className="font-semibold">{t("theme")}</label>
        <select id="filter-theme" name="theme" defaultValue={filters.theme ?? ""} className={select}>
          <option value="">{t("any")}</option>
          {themes.map((theme) => (
            <option key={theme.code} value={theme.code}>
              {localizedName(locale, theme)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-audience" className="font-semibold">{t("audience")}</label>
        <select id="filter-audience" name="audience" defaultValue={filters.audience ?? ""} className={select}>
          <option value="">{t("any")}</option>
          <option value="NATURAL_PERSON">{t("personal")}</option>
          <option value="ENTERPRISE">{t("corporate")}</option>
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-visits" className="font-semibold">{t("visits")}</label>
        <select id="filter-visits" name="visits" defaultValue={filters.visits ?? ""} className={select}>
          <option value="">{t("any")}</option>
          <option value="0">{t("visits0")}</option>
          <option value="1">{t("visits1")}</option>
          <option value="2+">{t("visitsMore")}</option>
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-fee" className="font-semibold">{t("fee")}</label>
        <select id="filter-fee" name="fee" defaultValue={filters.fee ?? ""} className={select}>
          <option value="">{t("any")}</option>
          <option value="free">{t("free")}</option>
          <option value="paid">{t("paid")}</option>
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-sort" className="font-semibold">{t("sort")}</label>
        <select id="filter-sort" name="sort" defaultValue={filters.sort ?? "relevance"} className={select}>
          <option value="relevance">{t("sortRelevance")}</option>
          <option value="popularity">{t("sortPopularity")}</option>
          <option value="promised">{t("sortPromised")}</option>
        </select>
      </div>
      <label className="flex min-h-11 items-center gap-3 self-end">
        <input type="checkbox" name="online" value="1" defaultChecked={filters.online === "1"} className="h-5 w-5" />
        {t("fullyOnline")}
      </label>
      <div className="self-end">
        <button type="submit" className="min-h-12 w-full rounded bg-accent-600 px-6 text-lg font-semibold text-white hover:bg-[#951f15]">
          {tPortal("searchButton")}
        </button>
      </div>
    </form>
  );
}
