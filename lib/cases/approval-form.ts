import "server-only";
import { chinaDate, chinaTimestamp, chinaToday } from "../calendar/china-time";
import { renderApprovalFormPdf } from "../results/pdf";
import type { Actor } from "../auth/policy";
import { getStaffCase } from "./detail";

/**
 * 审批表 of a case (issue 19), built from its record on request: each workflow step with its signer, opinion and date,
 * and the joint opinions. Readable by whoever may read the staff view of the case; reading it is a read of the
 * applicant's personal data (getStaffCase writes it to the audit trail, purpose "download"). The document is Chinese,
 * like the notices and certificates it sits beside.
 */

const STEP = {
  PRE_REVIEW: "预审",
  ACCEPTANCE: "受理",
  EXAMINATION: "审查（承办）",
  REVIEW: "审核",
  DECISION: "决定",
  COMPLETION: "办结",
  DELIVERY: "送达",
} as Record<string, string>;
const ACTION: Record<string, string> = {
  startPreReview: "开始预审",
  requestSupplement: "一次性告知补正",
  rejectAtIntake: "不予受理",
  accept: "受理",
  signOff: "签署意见",
  startReview: "开始审查",
  startSpecialProcedure: "启动特别程序",
  endSpecialProcedure: "结束特别程序",
  suspend: "中止办理",
  resume: "恢复办理",
  approve: "准予许可",
  deny: "不予许可",
  complete: "办结出证",
  deliver: "送达",
  void: "作废",
  forward: "转报",
};
const OPINION: Record<string, string> = { AGREE: "同意", DISAGREE: "不同意" };
const STATUS: Record<string, string> = {
  SUBMITTED: "已提交",
  PRE_REVIEW: "预审中",
  SUPPLEMENT_REQUESTED: "待补正",
  REJECTED_AT_INTAKE: "不予受理",
  ACCEPTED: "已受理",
  IN_REVIEW: "审查中",
  SPECIAL_PROCEDURE: "特别程序",
  SUSPENDED: "已中止",
  APPROVED: "已准予",
  DENIED: "不予许可",
  COMPLETED: "已办结",
  DELIVERED: "已送达",
  WITHDRAWN: "已撤回",
  VOIDED: "已作废",
  FORWARDED: "已转报",
};

/** "2026-12-07 17:48", China time. */
const minute = (instant: Date) => chinaTimestamp(instant).slice(0, 16).replace("T", " ");

export async function approvalFormPdf(
  actor: Actor,
  caseNumber: string,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
): Promise<Buffer> {
  const detail = await getStaffCase(actor, caseNumber, { ip, now, purpose: "download" });
  return renderApprovalFormPdf({
    caseNumber: detail.caseNumber,
    applicant: detail.company ? `${detail.company.name}（经办人 ${detail.applicant.name}）` : detail.applicant.name,
    itemName: detail.item?.name ?? "",
    departmentName: detail.department?.name ?? "",
    submittedOn: chinaDate(detail.submittedAt),
    acceptedOn: detail.acceptedAt ? chinaDate(detail.acceptedAt) : null,
    status: STATUS[detail.status] ?? detail.status,
    steps: detail.workflow.signatures.map((signature) => ({
      step: STEP[signature.step] ?? signature.step,
      action: ACTION[signature.action] ?? signature.action,
      opinion: signature.opinion
        ? (OPINION[signature.opinion] ?? signature.opinion)
        : signature.action === "approve"
          ? "同意（准予）"
          : signature.action === "deny"
            ? "不同意（不予许可）"
            : null,
      comment: signature.comment,
      signer: signature.signer ?? "—",
      at: minute(signature.at),
    })),
    jointOpinions: detail.jointOpinions.map((entry) => ({
      department: entry.department?.name ?? "—",
      opinion: entry.opinion ? (OPINION[entry.opinion] ?? entry.opinion) : "尚未答复",
      comment: entry.reason,
      legalBasis: entry.legalBasis,
      signer: entry.answeredBy ?? "—",
      at: entry.answeredAt ? minute(entry.answeredAt) : "—",
    })),
    generatedOn: chinaToday(now),
  });
}
