import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { can } from "@/lib/auth/policy";
import { getActor } from "@/lib/auth/session";

// Navigation shows what the actor may open; each page still checks its own permission.
export default async function AdminLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const t = await getTranslations("nav");
  const tr = await getTranslations("reference.nav");
  const actor = await getActor();
  const nav = [
    { href: "/admin", label: t("adminHome") },
    ...(can(actor, "alerts.own")
      ? [{ href: "/admin/alerts", label: (await getTranslations("supervision.alerts"))("nav") }]
      : []),
    ...(can(actor, "catalogue.items.manage")
      ? [
          { href: "/admin/items", label: t("adminItems") },
          { href: "/admin/reviews", label: t("adminReviews") },
        ]
      : []),
    ...(can(actor, "catalogue.basic.manage") ? [{ href: "/admin/catalogue", label: t("adminCatalogue") }] : []),
    ...(can(actor, "licenceTypes.manage") ? [{ href: "/admin/licence-types", label: t("adminLicenceTypes") }] : []),
    ...(can(actor, "catalogue.import")
      ? [{ href: "/admin/import", label: (await getTranslations("catalogueImport.page"))("title") }]
      : []),
    ...(can(actor, "admin.structure.view")
      ? [
          { href: "/admin/departments", label: t("adminDepartments") },
          { href: "/admin/regions", label: t("adminRegions") },
          { href: "/admin/themes", label: tr("themes") },
          { href: "/admin/offices", label: tr("offices") },
          { href: "/admin/holidays", label: tr("holidays") },
        ]
      : []),
    ...(can(actor, "office.slots.manage")
      ? [{ href: "/admin/slots", label: (await getTranslations("bookings"))("admin.title") }]
      : []),
    ...(can(actor, "webhooks.manage")
      ? [{ href: "/admin/webhooks", label: (await getTranslations("api.webhooks.admin"))("title") }]
      : []),
    ...(can(actor, "admin.users.view") ? [{ href: "/admin/users", label: t("adminUsers") }] : []),
    ...(can(actor, "catalogue.search.manage") ? [{ href: "/admin/search", label: t("adminSearch") }] : []),
    ...(can(actor, "admin.audit.view") ? [{ href: "/admin/audit", label: t("adminAudit") }] : []),
    ...(can(actor, "system.jobs.view") ? [{ href: "/admin/jobs", label: (await getTranslations("jobs"))("nav") }] : []),
    ...(can(actor, "company.verification.review")
      ? [{ href: "/admin/companies", label: (await getTranslations("companies.admin"))("title") }]
      : []),
    ...(actor &&
    (can(actor, "supervision.view") ||
      can(actor, "supervision.view", { kind: "department", departmentId: actor.departmentId ?? "" }))
      ? [
          { href: "/admin/supervision", label: (await getTranslations("supervision.nav"))("dashboard") },
          { href: "/admin/statistics", label: (await getTranslations("supervision.nav"))("statistics") },
        ]
      : []),
    ...(can(actor, "rectification.review")
      ? [{ href: "/admin/supervision/rectifications", label: (await getTranslations("feedback.nav"))("supervision") }]
      : []),
    // The staff member's own second factor: recovery codes left, new ones (lib/auth/second-factor.ts).
    ...(can(actor, "account.secondFactor.manage")
      ? [{ href: "/login/second-factor", label: (await getTranslations("auth.secondFactor"))("securityTitle") }]
      : []),
  ];
  return (
    <>
      <SiteHeader area="admin" nav={nav} actor={actor} />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6">
        {/* Staff pages get every message namespace in the browser (the root layout sends the portal's only). */}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </main>
    </>
  );
}
