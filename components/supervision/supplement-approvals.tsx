import { getFormatter, getTranslations } from "next-intl/server";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import type { SupplementApprovalView } from "@/lib/cases/supplement-approval";

/**
 * 一次性告知: the requests for a further supplement notice on a case, with who asked, why, and the decision. The
 * console's case page and the supervision view of the case show the same list; `decide` renders the approver's form.
 */
export async function SupplementApprovalList({
  approvals,
  decide,
}: Readonly<{ approvals: SupplementApprovalView[]; decide?: (approval: SupplementApprovalView) => React.ReactNode }>) {
  const t = await getTranslations("cases.supplementApproval");
  const format = await getFormatter();
  const when = (value: Date) =>
    format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone: CHINA_TIME_ZONE });
  return (
    <ul className="flex flex-col gap-3" data-testid="supplement-approvals">
      {approvals.map((approval) => (
        <li
          key={approval.id}
          className={`rounded border-2 p-2 ${approval.status === "PENDING" ? "border-yellow-600" : approval.status === "REFUSED" ? "border-accent-600" : "border-line"}`}
        >
          <p>
            <strong>{t(`status.${approval.status}`)}</strong>
            <span className="ml-2 text-sm">
              {t("askedBy", { name: approval.requestedBy, at: when(approval.requestedAt) })}
            </span>
          </p>
          <p className="break-words whitespace-pre-line">{t("reasonShown", { reason: approval.reason })}</p>
          {approval.decidedAt && (
            <p className="text-sm">
              {t("decidedBy", { name: approval.decidedBy ?? "—", at: when(approval.decidedAt) })}
              {approval.decisionNote && `：${approval.decisionNote}`}
            </p>
          )}
          {approval.mayDecide && decide?.(approval)}
        </li>
      ))}
    </ul>
  );
}
