import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { ItemSummary } from "@/lib/catalogue/queries";
import { isFullyOnline } from "@/lib/catalogue/online";
import { localizedName } from "@/lib/i18n/localized";
import { Highlighted } from "./highlighted";

type Segments = { text: string; match: boolean }[];
export type ItemHighlights = Record<string, { name: Segments; materials: Segments[] }>;

/**
 * A list of catalogue items, each with the facts people choose by: who, where, how long, how many visits.
 * `extras`, keyed by implementation code, is shown at the end of an item (the search's other implementations).
 */
export async function ItemList({
  items,
  highlights,
  extras,
  firstPosition,
}: Readonly<{
  items: ItemSummary[];
  highlights?: ItemHighlights;
  extras?: Record<string, ReactNode>;
  /** Search results: the first item's place in the whole result list, marked on each link for click counting. */
  firstPosition?: number;
}>) {
  const t = await getTranslations("catalogue");
  const locale = await getLocale();
  return (
    <ul className="divide-y divide-line border-y border-line">
      {items.map((item, index) => (
        <li key={item.implementationCode} className="py-4">
          <Link
            href={`/items/${item.implementationCode}`}
            {...(firstPosition
              ? { "data-result-position": firstPosition + index, "data-result-item": item.implementationCode }
              : {})}
            className="text-lg font-semibold text-brand-700 underline-offset-4 hover:underline"
          >
            {locale !== "en" && highlights?.[item.implementationCode] ? (
              <Highlighted segments={highlights[item.implementationCode]?.name ?? []} />
            ) : (
              localizedName(locale, item)
            )}
          </Link>
          <p className="mt-1 text-sm text-ink-muted">
            {localizedName(locale, item.department)} · {localizedName(locale, item.region)} ·{" "}
            {t(`itemTypes.${item.itemType}`)}
          </p>
          {(highlights?.[item.implementationCode]?.materials.length ?? 0) > 0 && (
            <p className="mt-1 text-sm">
              {t("matchedMaterials")}
              {highlights?.[item.implementationCode]?.materials.map((segments, index) => (
                <span key={index}>
                  {index > 0 ? "、" : ""}
                  <Highlighted segments={segments} />
                </span>
              ))}
            </p>
          )}
          <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label={t("promised")}>
            {isFullyOnline(item) && (
              <li className="rounded border border-ok px-2 py-0.5 font-medium text-ok">{t("fullyOnline")}</li>
            )}
            <li className="rounded border border-line px-2 py-0.5">
              {t("visits")}：{t("visitsValue", { count: item.visits })}
            </li>
            <li className="rounded border border-line px-2 py-0.5">
              {t("promised")}：
              {item.promisedLimit === 0
                ? t("onTheSpot")
                : t("limitValue", { value: item.promisedLimit, unit: item.promisedUnit })}
            </li>
            <li className="rounded border border-line px-2 py-0.5">{item.feeCharged ? t("paid") : t("free")}</li>
          </ul>
          {extras?.[item.implementationCode]}
        </li>
      ))}
    </ul>
  );
}
