import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { MAX_QUERY_LENGTH } from "@/lib/catalogue/limits";
import { SuggestInput } from "./suggest-input";

/** A GET form to /search: works without JavaScript and gives a shareable address. */
export async function SearchBox({
  defaultValue = "",
  large = false,
}: Readonly<{ defaultValue?: string; large?: boolean }>) {
  const t = await getTranslations("portal");
  return (
    <form action="/search" method="get" role="search" className="flex w-full flex-col gap-2 sm:flex-row">
      <label htmlFor="search-q" className="sr-only">
        {t("searchLabel")}
      </label>
      <SuggestInput
        id="search-q"
        name="q"
        defaultValue={defaultValue}
        maxLength={MAX_QUERY_LENGTH}
        placeholder={t("searchPlaceholder")}
        className={`min-h-12 flex-1 rounded border-2 border-brand-700 bg-white px-4 text-ink placeholder:text-ink-muted ${large ? "text-lg" : ""}`}
      />
      <Button type="submit" variant="accent" size="lg">
        {t("searchButton")}
      </Button>
    </form>
  );
}
