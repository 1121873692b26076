import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import {
  MIN_PUBLISHED,
  satisfactionByDepartment,
  satisfactionByItem,
  type SatisfactionRow,
  totals,
} from "@/lib/evaluation/satisfaction";
import { localizedName } from "@/lib/i18n/localized";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.satisfaction"))("title") };
}

/** 好差评公示: share of good ratings, number of ratings and rectified share, per department and per item. */
export default async function SatisfactionPage() {
  const [departments, items] = await Promise.all([satisfactionByDepartment(), satisfactionByItem()]);
  const t = await getTranslations("feedback.satisfaction");
  const locale = await getLocale();
  const format = await getFormatter();
  const percent = (value: number | null) =>
    value === null ? "—" : format.number(value, { style: "percent", maximumFractionDigits: 1 });
  const overall = totals(departments);
  const table = (id: string, title: string, rows: SatisfactionRow[], link: (row: SatisfactionRow) => string) => (
    <section aria-labelledby={id} className="mb-8">
      <h2 id={id} className="mb-2 text-xl font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ScrollRegion label={title}>
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b-2 border-line">
                <th scope="col" className="p-2">
                  {t("name")}
                </th>
                <th scope="col" className="p-2">
                  {t("ratings")}
                </th>
                <th scope="col" className="p-2">
                  {t("goodShare")}
                </th>
                <th scope="col" className="p-2">
                  {t("rectifiedShare")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-line">
                  <th scope="row" className="p-2 font-normal">
                    <Link href={link(row)} className="text-brand-700 underline underline-offset-4">
                      {localizedName(locale, row)}
                    </Link>
                  </th>
                  <td className="p-2">
                    {row.goodShare === null ? t("suppressed", { min: MIN_PUBLISHED }) : row.ratings}
                  </td>
                  <td className="p-2">{percent(row.goodShare)}</td>
                  <td className="p-2">{row.badRatings === 0 ? t("noBad") : percent(row.rectifiedShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-2 max-w-3xl">{t("intro", { min: MIN_PUBLISHED })}</p>
      <p className="mb-6 text-lg font-semibold">
        {t("overall", { ratings: overall.ratings, share: percent(overall.goodShare) })}
      </p>
      {table("by-department", t("byDepartment"), departments, (row) => `/departments/${encodeURIComponent(row.code)}`)}
      {table("by-item", t("byItem"), items, (row) => `/items/${encodeURIComponent(row.code)}`)}
    </>
  );
}
