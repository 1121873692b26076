import Link from "next/link";
import { getTranslations } from "next-intl/server";

export type Crumb = { href?: string; label: string };

export async function Breadcrumbs({ items }: Readonly<{ items: Crumb[] }>) {
  const t = await getTranslations("nav");
  return (
    <nav aria-label={t("breadcrumb")} className="no-print mb-4 text-sm">
      <ol className="flex flex-wrap gap-1 text-ink-muted">
        {items.map((item, index) => (
          <li key={`${item.label}-${index}`} className="flex items-center gap-1">
            {index > 0 && <span aria-hidden="true">›</span>}
            {item.href ? (
              <Link href={item.href} className="text-brand-700 underline underline-offset-4">
                {item.label}
              </Link>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
