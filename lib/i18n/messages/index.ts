import type { Locale } from "../config";
import analyticsEn from "./analytics.en.json";
import analyticsZhCN from "./analytics.zh-CN.json";
import apiEn from "./api.en.json";
import apiZhCN from "./api.zh-CN.json";
import applicationsEn from "./applications.en.json";
import applicationsZhCN from "./applications.zh-CN.json";
import bookingsEn from "./bookings.en.json";
import bookingsZhCN from "./bookings.zh-CN.json";
import casesEn from "./cases.en.json";
import casesZhCN from "./cases.zh-CN.json";
import catalogueAdminEn from "./catalogueAdmin.en.json";
import catalogueAdminZhCN from "./catalogueAdmin.zh-CN.json";
import catalogueImportEn from "./catalogueImport.en.json";
import catalogueImportZhCN from "./catalogueImport.zh-CN.json";
import en from "./en.json";
import errorPageEn from "./errorPage.en.json";
import errorPageZhCN from "./errorPage.zh-CN.json";
import companiesEn from "./companies.en.json";
import companiesZhCN from "./companies.zh-CN.json";
import feedbackEn from "./feedback.en.json";
import feedbackZhCN from "./feedback.zh-CN.json";
import filesEn from "./files.en.json";
import filesZhCN from "./files.zh-CN.json";
import formsEn from "./forms.en.json";
import formsZhCN from "./forms.zh-CN.json";
import identityEn from "./identity.en.json";
import identityZhCN from "./identity.zh-CN.json";
import notificationsEn from "./notifications.en.json";
import notificationsZhCN from "./notifications.zh-CN.json";
import outageEn from "./outage.en.json";
import outageZhCN from "./outage.zh-CN.json";
import jobsEn from "./jobs.en.json";
import jobsZhCN from "./jobs.zh-CN.json";
import readLogEn from "./readLog.en.json";
import readLogZhCN from "./readLog.zh-CN.json";
import referenceEn from "./reference.en.json";
import referenceZhCN from "./reference.zh-CN.json";
import securityEn from "./security.en.json";
import securityZhCN from "./security.zh-CN.json";
import supervisionEn from "./supervision.en.json";
import supervisionZhCN from "./supervision.zh-CN.json";
import zhCN from "./zh-CN.json";

/**
 * Every message, per locale. The core file holds the shared namespaces; larger areas keep their own namespace in
 * `<namespace>.<locale>.json` (one top-level key each) so that areas grow without editing one huge file. Add a
 * new pair to both lists below; `messages.test.ts` checks that every locale has exactly the same keys.
 */
const PARTS: Record<Locale, Record<string, unknown>[]> = {
  "zh-CN": [
    zhCN,
    apiZhCN,
    formsZhCN,
    catalogueAdminZhCN,
    filesZhCN,
    referenceZhCN,
    casesZhCN,
    catalogueImportZhCN,
    notificationsZhCN,
    feedbackZhCN,
    applicationsZhCN,
    bookingsZhCN,
    supervisionZhCN,
    securityZhCN,
    outageZhCN,
    identityZhCN,
    readLogZhCN,
    jobsZhCN,
    companiesZhCN,
    errorPageZhCN,
    analyticsZhCN,
  ],
  en: [
    en,
    apiEn,
    formsEn,
    catalogueAdminEn,
    filesEn,
    referenceEn,
    casesEn,
    catalogueImportEn,
    notificationsEn,
    feedbackEn,
    applicationsEn,
    bookingsEn,
    supervisionEn,
    securityEn,
    outageEn,
    identityEn,
    readLogEn,
    jobsEn,
    companiesEn,
    errorPageEn,
    analyticsEn,
  ],
};

export function messagesFor(locale: Locale): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const part of PARTS[locale]) {
    for (const [namespace, value] of Object.entries(part)) {
      if (namespace in merged) throw new Error(`message namespace "${namespace}" is defined twice for ${locale}`);
      merged[namespace] = value;
    }
  }
  return merged;
}
