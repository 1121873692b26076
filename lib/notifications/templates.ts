import { createTranslator } from "use-intl/core";
import { CHINA_TIME_ZONE } from "../calendar/china-time";
import type { Locale } from "../i18n/config";
import { messagesFor } from "../i18n/messages";

/**
 * Notification texts. A Notification stores only its template key and parameters; the words are rendered when
 * shown (the inbox, in the reader's current language) or sent (e-mail and SMS). There is no language column on
 * the user, so messages that leave the app are rendered in Chinese (zh-CN), the portal's default language.
 *
 * Template keys name a path under `notifications.templates` in lib/i18n/messages/notifications.<locale>.json,
 * each with a `subject` and a `body`.
 */

export const TEMPLATES = [
  "case.submit",
  "case.startPreReview",
  "case.accept",
  "case.rejectAtIntake",
  "case.requestSupplement",
  "case.resubmit",
  "case.startReview",
  "case.startSpecialProcedure",
  "case.endSpecialProcedure",
  "case.suspend",
  "case.resume",
  "case.approve",
  "case.deny",
  "case.complete",
  "case.deliver",
  "case.withdraw",
  "case.void",
  "case.forward",
  "case.message",
  "case.transfer",
  "case.revokeLicence",
  "case.statusChanged",
  "case.escalated",
  "case.jointOpinionOverdue",
  "case.supplementApprovalRequested",
  "draft.expiring",
  "booking.confirmed",
  "booking.cancelled",
  "evaluation.replied",
  "consultation.answered",
] as const;
export type TemplateKey = (typeof TEMPLATES)[number];

export function isTemplateKey(value: string): value is TemplateKey {
  return (TEMPLATES as readonly string[]).includes(value);
}

export type NotificationParams = Record<string, string | number | null | undefined>;

export type RenderedNotification = { subject: string; body: string };

/** Where a notification leads in the portal (relative address), from what it is about. */
export function notificationLink(subject: unknown): string | null {
  if (!subject || typeof subject !== "object") return null;
  const about = subject as Record<string, unknown>;
  if (about.kind === "case" && typeof about.caseNumber === "string") return `/account/applications/${about.caseNumber}`;
  if (about.kind === "draft" && typeof about.itemCode === "string")
    return `/items/${encodeURIComponent(about.itemCode)}/apply`;
  if (about.kind === "booking") return "/account/bookings";
  // Staff alerts open the supervision view of the case (department administrators: their department's cases).
  if (about.kind === "supervisedCase" && typeof about.caseNumber === "string")
    return `/admin/supervision/cases/${about.caseNumber}`;
  if (about.kind === "evaluation" && typeof about.evaluationId === "string")
    return `/account/evaluations/${about.evaluationId}`;
  if (about.kind === "consultation" && typeof about.consultationId === "string")
    return `/account/consultations/${about.consultationId}`;
  return null;
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

function translator(locale: Locale): { t: Translate; has: (key: string) => boolean } {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale),
    timeZone: CHINA_TIME_ZONE,
    onError: () => undefined,
    getMessageFallback: () => "",
  });
  const translate = t as unknown as Translate;
  return { t: translate, has: (key) => (t as unknown as { has: (key: string) => boolean }).has(key) };
}

/**
 * Values for the template: the item's name in the reader's language, the status as its label, dates formatted
 * for China. Unknown or missing values become empty strings, so a message never shows "{placeholder}".
 */
function values(locale: Locale, t: Translate, params: NotificationParams): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined) out[key] = value;
  if (locale === "en" && typeof params.itemEn === "string" && params.itemEn) out.item = params.itemEn;
  if (locale === "en" && typeof params.departmentEn === "string" && params.departmentEn)
    out.department = params.departmentEn;
  if (locale === "en" && typeof params.officeEn === "string" && params.officeEn) out.office = params.officeEn;
  if (typeof params.toStatus === "string") out.status = t(`cases.status.${params.toStatus}`) || params.toStatus;
  // Staff alerts: the deadline warning a case reached (黄灯/红灯).
  if (typeof params.warning === "string") out.level = t(`cases.warning.${params.warning}`) || params.warning;
  for (const key of ["expiresAt", "startsAt", "dueDate"]) {
    const raw = params[key];
    if (typeof raw === "string" && raw) {
      const date = new Date(raw);
      if (!Number.isNaN(date.getTime()))
        out[key] = new Intl.DateTimeFormat(locale, {
          timeZone: CHINA_TIME_ZONE,
          dateStyle: "medium",
          ...(key === "startsAt" ? { timeStyle: "short" } : {}),
        }).format(date);
    }
  }
  for (const key of [
    "caseNumber",
    "item",
    "department",
    "reason",
    "code",
    "office",
    "status",
    "title",
    "expiresAt",
    "startsAt",
    "dueDate",
    "level",
    "due",
  ])
    out[key] ??= "";
  // "none" selects the wording without a query code (a case the outbox announces has none to tell).
  out.queryCode ??= "none";
  return out;
}

export function renderNotification(locale: Locale, template: string, params: NotificationParams): RenderedNotification {
  const { t, has } = translator(locale);
  const key = isTemplateKey(template) ? template : "case.statusChanged";
  const base = `notifications.templates.${key}`;
  const vals = values(locale, t, params);
  const subject = has(`${base}.subject`) ? t(`${base}.subject`, vals) : template;
  const body = has(`${base}.body`) ? t(`${base}.body`, vals) : "";
  return { subject, body };
}

/** Short text for SMS: the product name, then the body (SMS has no subject line). */
export function renderSms(locale: Locale, template: string, params: NotificationParams): string {
  const { t } = translator(locale);
  const rendered = renderNotification(locale, template, params);
  return `${t("notifications.smsPrefix")}${rendered.body}`;
}
