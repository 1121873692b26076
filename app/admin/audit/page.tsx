import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { checkAuditChain, listRecentAudit } from "@/lib/admin/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("auditTitle") };
}

const LATEST = 50;

export default async function AdminAudit() {
  const actor = await requirePermission("admin.audit.view", "/admin/audit");
  const [entries, chain] = await Promise.all([listRecentAudit(actor, LATEST), checkAuditChain(actor)]);
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.auditTitle")}</h1>
      <p className="mb-4 text-ink-muted">{t("admin.auditIntro")}</p>
      <p role="status" className={`mb-6 rounded border-2 p-3 font-semibold ${chain.ok ? "border-ok text-ok" : "border-accent-600 text-accent-600"}`}>
        {chain.ok ? t("admin.chainOk", { count: chain.checked }) : t("admin.chainBroken", { id: chain.firstBrokenId })}
      </p>
      <DataTable
        caption={t("admin.latestEntries", { count: LATEST })}
        columns={[t("admin.columns.time"), t("admin.columns.actor"), t("admin.columns.action"), t("admin.columns.object")]}
        rows={entries.map((entry) => [
          format.dateTime(entry.at, { dateStyle: "short", timeStyle: "medium" }),
          entry.actorName ? `${entry.actorName}（${entry.actorRole ? t(`roles.${entry.actorRole}`) : ""}）` : t("admin.system"),
          <code key="action">{entry.action}</code>,
          `${entry.objectType}${entry.objectId ? ` ${entry.objectId.slice(0, 8)}` : ""}`,
        ])}
      />
    </>
  );
}
