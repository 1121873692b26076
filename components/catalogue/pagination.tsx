import Link from "next/link";
import { getTranslations } from "next-intl/server";

type Props = Readonly<{ page: number; total: number; pageSize: number; hrefFor: (page: number) => string }>;

export async function Pagination({ page, total, pageSize, hrefFor }: Props) {
  const t = await getTranslations("catalogue");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = "inline-block min-h-11 rounded border border-line px-4 py-2.5 hover:bg-surface";
  return (
    <nav aria-label={t("pagination")} className="mt-6 flex flex-wrap items-center gap-3">
      {page > 1 && (
        <Link href={hrefFor(page - 1)} className={link} rel="prev">
          {t("previous")}
        </Link>
      )}
      <span aria-current="page">{t("page", { page, pages })}</span>
      {page < pages && (
        <Link href={hrefFor(page + 1)} className={link} rel="next">
          {t("next")}
        </Link>
      )}
    </nav>
  );
}
