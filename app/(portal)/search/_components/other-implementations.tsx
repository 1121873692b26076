import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { localizedName } from "@/lib/i18n/localized";
import type { SearchItem } from "@/lib/search/query";

/**
 * "其他地区办理 (4)" under a search result: the same service as implemented by other regions (or other
 * departments), each a link to its own guide. Folded by default (details/summary, no JavaScript needed), so a
 * service implemented everywhere stays one line of results (issue 17).
 */
export async function OtherImplementations({
  item,
}: Readonly<{ item: Pick<SearchItem, "otherImplementations" | "otherImplementationCount"> }>) {
  if (item.otherImplementationCount === 0) return null;
  const t = await getTranslations("catalogue");
  const locale = await getLocale();
  const unlisted = item.otherImplementationCount - item.otherImplementations.length;
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer font-medium text-brand-700">
        {t("otherImplementations", { count: item.otherImplementationCount })}
      </summary>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
        {item.otherImplementations.map((other) => (
          <li key={other.implementationCode}>
            <Link href={`/items/${other.implementationCode}`} className="text-brand-700 underline underline-offset-4">
              {localizedName(locale, other.region)} · {localizedName(locale, other.department)}
            </Link>
          </li>
        ))}
      </ul>
      {unlisted > 0 && <p className="mt-1 text-ink-muted">{t("otherImplementationsMore", { count: unlisted })}</p>}
    </details>
  );
}
