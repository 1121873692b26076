import Link from "next/link";
import { getTranslations } from "next-intl/server";

type Facet = { code: string; label?: string; count: number };
type Props = Readonly<{
  facets: Record<"department" | "region" | "theme" | "audience" | "onlineDepth", Facet[]>;
  /** The current search parameters, to which a facet adds (or from which it removes) its filter. */
  params: Record<string, string>;
}>;

const PARAM: Record<string, string> = {
  department: "department",
  region: "region",
  theme: "theme",
  audience: "audience",
  onlineDepth: "onlineDepth",
};

/** Facets with counts; each is a link, so refining works without JavaScript and is shareable. */
export async function FacetList({ facets, params }: Props) {
  const t = await getTranslations("catalogue");
  const tGuide = await getTranslations("guide");
  const label = (name: string, facet: Facet) =>
    facet.label ??
    (name === "audience"
      ? t(`audiences.${facet.code}`)
      : name === "onlineDepth"
        ? tGuide(`depths.${facet.code}`)
        : facet.code);
  const href = (name: string, code: string | null) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    if (code === null) next.delete(PARAM[name] ?? name);
    else next.set(PARAM[name] ?? name, code);
    return `/search?${next.toString()}`;
  };
  const groups = (Object.keys(facets) as (keyof typeof facets)[]).filter((name) => facets[name].length > 0);
  if (groups.length === 0) return null;
  return (
    <aside aria-labelledby="facets-title" className="rounded border border-line p-4">
      <h2 id="facets-title" className="mb-3 text-lg font-bold">
        {t("facetsTitle")}
      </h2>
      {groups.map((name) => {
        const active = params[PARAM[name] ?? name];
        return (
          <section key={name} aria-labelledby={`facet-${name}`} className="mb-4">
            <h3 id={`facet-${name}`} className="mb-1 font-semibold">
              {t(`facets.${name}`)}
            </h3>
            <ul className="flex flex-col gap-0.5 text-sm">
              {facets[name].slice(0, 10).map((facet) => (
                <li key={facet.code}>
                  {active === facet.code ? (
                    <Link
                      href={href(name, null)}
                      aria-current="true"
                      className="inline-block min-h-9 py-1 font-semibold text-brand-800 underline underline-offset-4"
                    >
                      {t("removeFilter", { label: label(name, facet) })}
                    </Link>
                  ) : (
                    <Link
                      href={href(name, facet.code)}
                      className="inline-block min-h-9 py-1 text-brand-700 underline-offset-4 hover:underline"
                    >
                      {t("facetCount", { label: label(name, facet), count: facet.count })}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
