import { getLocale, getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import { setDisplayMode, setLocale } from "@/app/_actions/preferences";
import { DISPLAY_COOKIE } from "@/lib/i18n/config";

/** Language and 长辈模式 switches: plain forms, so they work without JavaScript and on any page. */
export async function PreferenceBar() {
  const t = await getTranslations("preferences");
  const locale = await getLocale();
  const large = (await cookies()).get(DISPLAY_COOKIE)?.value === "large";
  const button = "min-h-11 rounded px-3 underline underline-offset-4 hover:bg-white/10";
  return (
    <div className="flex flex-wrap items-center gap-1">
      <form action={setLocale}>
        <input type="hidden" name="locale" value={locale === "en" ? "zh-CN" : "en"} />
        <button type="submit" className={button} lang={locale === "en" ? "zh-CN" : "en"}>
          {t("otherLanguage")}
        </button>
      </form>
      <form action={setDisplayMode}>
        <input type="hidden" name="mode" value={large ? "standard" : "large"} />
        <button type="submit" className={button} aria-pressed={large}>
          {large ? t("standardMode") : t("largeMode")}
        </button>
      </form>
    </div>
  );
}
