/** Chinese name by default; the English name when the page is in English and one exists. */
export function localizedName(locale: string, value: { name: string; nameEn?: string | null }): string {
  return locale === "en" && value.nameEn ? value.nameEn : value.name;
}
