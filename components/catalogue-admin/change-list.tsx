import { getTranslations } from "next-intl/server";
import type { FieldChange } from "@/lib/catalogue/version-diff";

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value, null, 1);
}

/** The field-by-field differences of a version, as a table a reviewer reads top to bottom. */
export async function ChangeList({ changes, caption }: { changes: FieldChange[]; caption: string }) {
  const t = await getTranslations("catalogueAdmin");
  if (changes.length === 0) return <p>{t("versions.noChanges")}</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col" className="p-2">{t("versions.field")}</th>
            <th scope="col" className="p-2">{t("versions.change")}</th>
            <th scope="col" className="p-2">{t("versions.before")}</th>
            <th scope="col" className="p-2">{t("versions.after")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={`${change.path}-${change.kind}`} className="border-b border-line align-top">
              <th scope="row" className="p-2 font-semibold">
                {t.has(`fieldNames.${change.field}`) ? t(`fieldNames.${change.field}`) : change.field}
                <span className="block font-mono text-xs font-normal text-ink-muted">{change.path}</span>
              </th>
              <td className="p-2">{t(`versions.kinds.${change.kind}`)}</td>
              <td className="max-w-xs whitespace-pre-wrap break-words p-2">
                <del className="no-underline">{show(change.before)}</del>
              </td>
              <td className="max-w-xs whitespace-pre-wrap break-words p-2">
                <ins className="no-underline">{show(change.after)}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
