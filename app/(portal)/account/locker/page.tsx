import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { listLocker } from "@/lib/applications/files";

export async function generateMetadata() {
  return { title: (await getTranslations("applications"))("locker.title") };
}

/** 材料库: everything uploaded before and every certificate issued, reusable in any later application. */
export default async function LockerPage() {
  const actor = await requirePermission("portal.account", "/account/locker");
  const [entries, t, format] = await Promise.all([listLocker(actor), getTranslations("applications"), getFormatter()]);
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("locker.title")}</h1>
      <p className="mb-6 max-w-2xl">{t("locker.intro")}</p>
      {entries.length === 0 ? (
        <p className="text-ink-muted">{t("locker.empty")}</p>
      ) : (
        <ul className="flex max-w-2xl flex-col gap-2">
          {entries.map((entry) => (
            <li key={entry.fileId} className="flex flex-wrap items-center gap-3 rounded border border-line px-3 py-2">
              <span className="font-semibold break-all">
                {entry.licence ? `${entry.licence.name}（${entry.licence.number}）` : entry.name}
              </span>
              <span className="text-sm text-ink-muted">
                {t(`locker.trust${entry.trust}`)} · {format.dateTime(entry.createdAt, { dateStyle: "medium" })}
              </span>
              <a
                href={`/files/${entry.fileId}${entry.contentType.startsWith("image/") ? "?inline=1" : ""}`}
                className="text-brand-700 underline underline-offset-4"
              >
                {t("locker.open")}
                <span className="sr-only">：{entry.name}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
