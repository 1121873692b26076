import "server-only";
import { listThemeOptions } from "@/lib/catalogue/admin-options";
import { describeGuideChanges } from "@/lib/catalogue/guide-changes";
import type { getVersionWithDiff } from "@/lib/catalogue/versions";

/**
 * The change table's rows for a version (the review on the edit page and the version page): theme codes are
 * named, which only the database knows, so the themes are read when 所属主题 changed and not otherwise.
 */
export async function guideChangeRows(
  found: Pick<Awaited<ReturnType<typeof getVersionWithDiff>>, "changes" | "baseContent" | "version">,
  locale: string,
) {
  const themeNames = found.changes.some((change) => change.field === "themeCodes")
    ? Object.fromEntries((await listThemeOptions(locale)).map((theme) => [theme.code, theme.label]))
    : {};
  return describeGuideChanges(found.changes, { before: found.baseContent, after: found.version.content, themeNames });
}
