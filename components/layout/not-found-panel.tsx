import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SearchBox } from "@/components/catalogue/search-box";
import { buttonClass } from "@/components/ui/button";

/** The 404 body each area shows: what happened, where to go, and (on the portal) a search. */
export async function NotFoundPanel({ area }: Readonly<{ area: "portal" | "console" | "admin" }>) {
  const t = await getTranslations("notFound");
  const body = area === "portal" ? t("body") : area === "console" ? t("consoleBody") : t("adminBody");
  const home =
    area === "portal"
      ? { href: "/", label: t("home") }
      : area === "console"
        ? { href: "/console", label: t("consoleHome") }
        : { href: "/admin", label: t("adminHome") };
  return (
    <div className="max-w-2xl py-6">
      <h1 className="mb-3 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6">{body}</p>
      {area === "portal" && (
        <div className="mb-6">
          <SearchBox />
        </div>
      )}
      <Link href={home.href} className={buttonClass()}>
        {home.label}
      </Link>
    </div>
  );
}
