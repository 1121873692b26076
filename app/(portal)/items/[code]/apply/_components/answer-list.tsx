import Link from "next/link";
import { own } from "@/lib/forms/conditions";
import { type ChildField, type FieldDef, type FormDefinition, localize } from "@/lib/forms/definition";

type Labels = { change: string; empty: string; row: (index: number) => string };

function formatValue(
  field: FieldDef | ChildField,
  value: unknown,
  locale: string,
  fileNames: Map<string, string>,
  labels: Labels,
): string {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0))
    return labels.empty;
  switch (field.type) {
    case "select":
    case "radio":
      return localize(field.options.find((option) => option.value === value)?.label, locale) || String(value);
    case "checkboxes":
      return (Array.isArray(value) ? value : [value])
        .map(
          (entry) => localize(field.options.find((option) => option.value === entry)?.label, locale) || String(entry),
        )
        .join("、");
    case "file":
      return (Array.isArray(value) ? value : [])
        .map((fileId) => fileNames.get(String(fileId)) ?? String(fileId))
        .join("、");
    case "address":
      return ["province", "city", "county", "detail"]
        .map((part) => own(value, part))
        .filter((part) => typeof part === "string" && part)
        .join(" ");
    case "number":
      return `${String(value)}${field.unit ? ` ${localize(field.unit, locale)}` : ""}`;
    default:
      return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
  }
}

/**
 * "Check your answers" (GOV.UK pattern): every step's answers as a description list, each step with a change link
 * back to it. Fields the conditions hide are left out.
 */
export function AnswerList({
  definition,
  answers,
  visible,
  locale,
  fileNames,
  changeHref,
  labels,
}: Readonly<{
  definition: FormDefinition;
  answers: Record<string, unknown>;
  visible: Record<string, boolean>;
  locale: string;
  fileNames: Map<string, string>;
  changeHref?: (stepId: string) => string;
  labels: Labels;
}>) {
  return (
    <div className="flex flex-col gap-6">
      {definition.steps.map((step) => (
        <section key={step.id} aria-labelledby={`check-${step.id}`}>
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`check-${step.id}`} className="text-xl font-semibold">
              {localize(step.title, locale)}
            </h2>
            {changeHref && (
              <Link href={changeHref(step.id)} className="text-brand-700 underline underline-offset-4">
                {labels.change}
                <span className="sr-only">：{localize(step.title, locale)}</span>
              </Link>
            )}
          </div>
          <dl className="grid grid-cols-1 border-t border-line sm:grid-cols-[14rem_1fr]">
            {step.fields
              .filter((field) => visible[field.key] !== false)
              .map((field) => {
                const value = answers[field.key];
                if (field.type === "group") {
                  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
                  return (
                    <div key={field.key} className="contents">
                      <dt className="border-b border-line bg-surface px-3 py-2 font-semibold">
                        {localize(field.label, locale)}
                      </dt>
                      <dd className="border-b border-line px-3 py-2">
                        {rows.length === 0
                          ? labels.empty
                          : rows.map((row, index) => (
                              <p key={index}>
                                {labels.row(index + 1)}：
                                {field.fields
                                  .map(
                                    (child) =>
                                      `${localize(child.label, locale)} ${formatValue(child, own(row, child.key), locale, fileNames, labels)}`,
                                  )
                                  .join("；")}
                              </p>
                            ))}
                      </dd>
                    </div>
                  );
                }
                return (
                  <div key={field.key} className="contents">
                    <dt className="border-b border-line bg-surface px-3 py-2 font-semibold">
                      {localize(field.label, locale)}
                    </dt>
                    <dd className="border-b border-line px-3 py-2 break-all">
                      {formatValue(field, value, locale, fileNames, labels)}
                    </dd>
                  </div>
                );
              })}
          </dl>
        </section>
      ))}
    </div>
  );
}
