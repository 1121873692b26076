import { getLocale, getTranslations } from "next-intl/server";
import { setRegion } from "@/app/_actions/preferences";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
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
        <Select id="region-switcher" name="region" defaultValue={current ?? ""}>
          <option value="">{t("everywhere")}</option>
          {regions.map((region) => (
            <option key={region.code} value={region.code}>
              {indent(region.level)}
              {localizedName(locale, region)}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        {t("switch")}
      </Button>
    </form>
  );
}
