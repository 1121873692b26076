import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
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

function FilterSelect({
  name,
  label,
  value,
  options,
}: Readonly<{ name: string; label: string; value?: string; options: { value: string; label: string }[] }>) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`filter-${name}`} className="font-semibold">
        {label}
      </label>
      <Select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className="w-full">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** Search and filters as one GET form: shareable addresses, and it works without JavaScript. */
export async function FilterForm({ filters, regions, themes }: Props) {
  const t = await getTranslations("filters");
  const tPortal = await getTranslations("portal");
  const locale = await getLocale();
  return (
    <form
      action="/search"
      method="get"
      role="search"
      className="grid grid-cols-1 gap-4 rounded border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <div className="flex flex-col gap-1 sm:col-span-2 lg:col-span-4">
        <label htmlFor="filter-q" className="font-semibold">
          {tPortal("searchLabel")}
        </label>
        <SuggestInput
          id="filter-q"
          name="q"
          maxLength={MAX_QUERY_LENGTH}
          defaultValue={filters.q ?? ""}
          placeholder={tPortal("searchPlaceholder")}
          className="min-h-12 rounded border-2 border-brand-700 bg-white px-3"
        />
      </div>
      <FilterSelect
        name="region"
        label={t("region")}
        value={filters.region}
        options={[
          { value: "", label: t("any") },
          ...regions.map((region) => ({
            value: region.code,
            label: `${region.level === "COUNTY" ? "　" : ""}${localizedName(locale, region)}`,
          })),
        ]}
      />
      <FilterSelect
        name="theme"
        label={t("theme")}
        value={filters.theme}
        options={[
          { value: "", label: t("any") },
          ...themes.map((theme) => ({ value: theme.code, label: localizedName(locale, theme) })),
        ]}
      />
      <FilterSelect
        name="audience"
        label={t("audience")}
        value={filters.audience}
        options={[
          { value: "", label: t("any") },
          { value: "NATURAL_PERSON", label: t("personal") },
          { value: "ENTERPRISE", label: t("corporate") },
        ]}
      />
      <FilterSelect
        name="visits"
        label={t("visits")}
        value={filters.visits}
        options={[
          { value: "", label: t("any") },
          { value: "0", label: t("visits0") },
          { value: "1", label: t("visits1") },
          { value: "2+", label: t("visitsMore") },
        ]}
      />
      <FilterSelect
        name="fee"
        label={t("fee")}
        value={filters.fee}
        options={[
          { value: "", label: t("any") },
          { value: "free", label: t("free") },
          { value: "paid", label: t("paid") },
        ]}
      />
      <FilterSelect
        name="sort"
        label={t("sort")}
        value={filters.sort ?? "relevance"}
        options={[
          { value: "relevance", label: t("sortRelevance") },
          { value: "popularity", label: t("sortPopularity") },
          { value: "promised", label: t("sortPromised") },
        ]}
      />
      <label className="flex min-h-11 items-center gap-3 self-end">
        <input type="checkbox" name="online" value="1" defaultChecked={filters.online === "1"} className="h-5 w-5" />
        {t("fullyOnline")}
      </label>
      <div className="self-end">
        <Button type="submit" variant="accent" size="lg" className="w-full">
          {tPortal("searchButton")}
        </Button>
      </div>
    </form>
  );
}
