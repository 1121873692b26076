import Link from "next/link";
import { getLocale } from "next-intl/server";
import { localizedName } from "@/lib/i18n/localized";

type Department = { code: string; name: string; nameEn: string };

/** Departments as a grid of links to their item lists. */
export async function DepartmentLinks({ departments }: Readonly<{ departments: Department[] }>) {
  const locale = await getLocale();
  return (
    <ul className="grid grid-cols-1 gap-1 sm:grid-cols-2 lg:grid-cols-3">
      {departments.map((department) => (
        <li key={department.code}>
          <Link
            href={`/departments/${department.code}`}
            className="block min-h-11 rounded px-2 py-2 text-brand-700 underline underline-offset-4 hover:bg-surface"
          >
            {localizedName(locale, department)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
