import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { getSearchAdmin, SEARCH_LOG_PERIODS } from "@/lib/catalogue/search-admin";
import { deleteSynonymsAction } from "./actions";
import { SynonymForm } from "./synonym-form";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.search"))("title") };
}

export default async function AdminSearch({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("catalogue.search.manage", "/admin/search");
  const days = (await searchParams).days;
  const { groups, zeroResults, period, unknownPeriod } = await getSearchAdmin(
    actor,
    Array.isArray(days) ? days[0] : days,
  );
  const t = await getTranslations("admin.search");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6 text-ink-muted">{t("intro")}</p>

      <section aria-labelledby="zero-results" className="mb-10">
        <h2 id="zero-results" className="mb-2 text-xl font-semibold">
          {t("zeroResultsTitle", { days: period })}
        </h2>
        <nav aria-label={t("periodNav")} className="mb-2">
          <ul className="flex flex-wrap gap-4">
            {SEARCH_LOG_PERIODS.map((option) => (
              <li key={option}>
                <Link
                  href={`/admin/search?days=${option}`}
                  aria-current={option === period ? "page" : undefined}
                  className={`underline underline-offset-4 ${option === period ? "font-bold" : "text-brand-700"}`}
                >
                  {t("period", { days: option })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {unknownPeriod && (
          <p role="status" className="mb-2 rounded border-2 border-accent-600 p-2">
            {t("unknownPeriod", { days: period })}
          </p>
        )}
        <p className="mb-2 text-sm text-ink-muted">{t("maskedNote")}</p>
        {zeroResults.length === 0 ? (
          <p>{t("zeroResultsNone")}</p>
        ) : (
          <DataTable
            caption={t("zeroResultsTitle", { days: period })}
            columns={[t("query"), t("zeroResults"), t("searches"), t("lastSearched")]}
            rows={zeroResults.map((row) => [row.query, row.zeroResults, row.searches, row.lastSearchedOn ?? "—"])}
          />
        )}
      </section>

      <section aria-labelledby="synonyms">
        <h2 id="synonyms" className="mb-2 text-xl font-semibold">
          {t("synonymsTitle")}
        </h2>
        <p className="mb-4 text-ink-muted">{t("synonymsIntro")}</p>
        <div className="mb-6 rounded border border-line bg-surface p-4">
          <SynonymForm terms="" note="" />
        </div>
        <ul className="space-y-4">
          {groups.map((group) => (
            <li key={group.id} className="rounded border border-line p-4">
              <SynonymForm id={group.id} terms={group.terms.join("，")} note={group.note ?? ""} />
              <form action={deleteSynonymsAction} className="mt-2">
                <input type="hidden" name="id" value={group.id} />
                <button type="submit" className="min-h-11 rounded px-3 text-accent-600 underline underline-offset-4">
                  {t("delete", { terms: group.terms.join("、") })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
