import { getTranslations } from "next-intl/server";
import type { GuideChange, Label, ShownValue } from "@/lib/catalogue/guide-changes";

type Translate = (label: Label) => string;

/** A value of one side of a change: text keeps its line breaks and wraps anywhere, so long clauses never widen the page. */
function Value({ value, translate }: Readonly<{ value: ShownValue; translate: Translate }>) {
  switch (value.kind) {
    case "none":
      return <span className="text-ink-muted">{translate({ key: "catalogueAdmin.none" })}</span>;
    case "text":
      return <span className="[overflow-wrap:anywhere] whitespace-pre-wrap">{value.text}</span>;
    case "label":
      return <span>{translate(value.label)}</span>;
    case "lines":
      return (
        <div className="flex flex-col gap-1">
          {value.items.map((item, index) => (
            <Value key={index} value={item} translate={translate} />
          ))}
        </div>
      );
    case "list": {
      const items = value.items.map((item, index) => (
        <li key={index}>
          <Value value={item} translate={translate} />
        </li>
      ));
      return value.ordered ? (
        <ol className="list-decimal pl-5">{items}</ol>
      ) : (
        <ul className="list-disc pl-5">{items}</ul>
      );
    }
    case "fields":
      return (
        <>
          {value.title && <p className="font-semibold">{translate(value.title)}</p>}
          <dl className="flex flex-col gap-1">
            {value.fields.map((field, index) => (
              <div key={index}>
                <dt className="font-semibold">{translate(field.label)}</dt>
                <dd className="pl-2">
                  <Value value={field.value} translate={translate} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      );
  }
}

/**
 * What changes between two versions of a guide, one row per changed field (rows from describeGuideChanges in
 * lib/catalogue/guide-changes.ts): the field as the editor names it, then the old and the new value side by side.
 * On a phone (below 640 px) each row stacks — field, 原内容, 新内容 — with the column's name written above each value,
 * because a three-column table of long legal texts cannot fit 375 px without sideways scrolling. The table keeps its
 * caption, so assistive technology (and the e2e tests) find it by name.
 */
export async function GuideChanges({ rows, caption }: Readonly<{ rows: GuideChange[]; caption: string }>) {
  const t = await getTranslations();
  const translate: Translate = (label) => {
    if ("text" in label) return label.text;
    const values = Object.fromEntries(
      Object.entries(label.values ?? {}).map(([name, value]) => [
        name,
        typeof value === "object" ? translate(value) : value,
      ]),
    );
    // A code without a message (a value newer than the message files) shows as the code rather than failing the page.
    return t.has(label.key) ? t(label.key, values) : (label.key.split(".").at(-1) ?? label.key);
  };
  if (rows.length === 0) return <p>{t("catalogueAdmin.versions.noChanges")}</p>;
  const cell = "p-2 align-top max-sm:block max-sm:px-0 max-sm:py-1";
  return (
    <div className="relative">
      <table className="w-full border-collapse text-left text-sm sm:table-fixed">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead className="max-sm:hidden">
          <tr className="border-b-2 border-ink">
            <th scope="col" className="w-1/4 p-2">
              {t("catalogueAdmin.versions.field")}
            </th>
            <th scope="col" className="p-2">
              {t("catalogueAdmin.versions.before")}
            </th>
            <th scope="col" className="p-2">
              {t("catalogueAdmin.versions.after")}
            </th>
          </tr>
        </thead>
        <tbody className="max-sm:block">
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-line max-sm:block max-sm:py-2">
              <th scope="row" className={`${cell} font-semibold`}>
                {translate(row.field)}
                {row.entry && (
                  <span className="block font-normal">
                    {translate(row.entry)}
                    {row.entryName && (
                      <>
                        ：<span className="[overflow-wrap:anywhere]">{row.entryName}</span>
                      </>
                    )}
                  </span>
                )}
                {row.part.length > 0 && (
                  <span className="block font-normal">{row.part.map(translate).join(" · ")}</span>
                )}
                <span className="mt-1 inline-block rounded border border-ink-muted px-1 text-xs font-normal">
                  {t(`catalogueAdmin.versions.kinds.${row.kind}`)}
                </span>
              </th>
              <td className={cell}>
                <span className="block text-xs font-semibold text-ink-muted sm:hidden">
                  {t("catalogueAdmin.versions.before")}
                </span>
                {row.before.kind === "none" ? (
                  <Value value={row.before} translate={translate} />
                ) : (
                  <del className="block no-underline">
                    <Value value={row.before} translate={translate} />
                  </del>
                )}
              </td>
              <td className={cell}>
                <span className="block text-xs font-semibold text-ink-muted sm:hidden">
                  {t("catalogueAdmin.versions.after")}
                </span>
                {row.after.kind === "none" ? (
                  <Value value={row.after} translate={translate} />
                ) : (
                  <ins className="block no-underline">
                    <Value value={row.after} translate={translate} />
                  </ins>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
