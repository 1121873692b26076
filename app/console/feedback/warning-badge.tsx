import { getTranslations } from "next-intl/server";

/** Due-date warning in words and colour (never colour alone). */
export async function WarningBadge({ warning }: Readonly<{ warning: "GREEN" | "YELLOW" | "RED" }>) {
  const t = await getTranslations("feedback.warning");
  const style =
    warning === "RED"
      ? "bg-accent-600 text-white"
      : warning === "YELLOW"
        ? "bg-yellow-300 text-ink"
        : "border border-line text-ink";
  return <span className={`inline-block rounded px-2 py-0.5 text-sm font-semibold ${style}`}>{t(warning)}</span>;
}
