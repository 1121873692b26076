import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { applicantKind, applicationStartRefusal } from "@/lib/auth/policy";
import { findPublishedForm } from "@/lib/catalogue/published-form";
import { localizedName } from "@/lib/i18n/localized";
import { loadDraft } from "./_lib";
import { ApplyForm } from "./_components/apply-form";
import { StartButton } from "./_components/start-button";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<{ step?: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("applications"))("apply.title") };
}

/**
 * Apply online: before the first start, what is needed and a Start button; with an open draft, the form resumed at
 * its saved step (or at `?step=` from the check page's change links).
 */
export default async function ApplyPage({ params, searchParams }: Props) {
  const { code } = await params;
  const { step } = await searchParams;
  const form = await findPublishedForm(code);
  if (!form) notFound();
  const { actor, draft } = await loadDraft(code, `/items/${encodeURIComponent(code)}/apply`);
  const [t, tCompanies, locale, format] = await Promise.all([
    getTranslations("applications"),
    getTranslations("companies"),
    getLocale(),
    getFormatter(),
  ]);

  if (!draft) {
    const refusal = applicationStartRefusal(actor, {
      kind: "applicationStart",
      minAssuranceLevel: form.minAssuranceLevel,
      serviceItemId: form.serviceItemId,
      audiences: form.audiences,
    });
    return (
      <>
        <Breadcrumbs
          items={[
            { href: `/items/${encodeURIComponent(code)}`, label: t("apply.backToGuide") },
            { label: t("apply.title") },
          ]}
        />
        <h1 className="mb-4 text-2xl font-bold">{t("apply.title")}</h1>
        <div className="flex max-w-2xl flex-col gap-4">
          <p>{t("apply.intro", { steps: form.definition.steps.length })}</p>
          <ul className="list-disc pl-6">
            <li>{t("apply.introSave")}</li>
            <li>{t("apply.introMaterials")}</li>
            <li>{t("apply.introCheck")}</li>
          </ul>
          {refusal === null ? (
            <StartButton itemCode={code} />
          ) : refusal === "audience" && applicantKind(actor) === "person" ? (
            // A personal account and an item for organisations: the company applies, through its agent.
            <div role="alert" data-testid="audience-refusal" className="rounded border-2 border-accent-600 p-3">
              <p className="font-semibold">{t("errors.audienceOrganisation")}</p>
              <p className="mt-2">{t("apply.audienceOrganisationHow")}</p>
              <Link
                href="/register"
                className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
              >
                {t("apply.audienceOrganisationLink")}
              </Link>
            </div>
          ) : refusal === "audience" ? (
            <div role="alert" data-testid="audience-refusal" className="rounded border-2 border-accent-600 p-3">
              <p className="font-semibold">{t("errors.audiencePerson")}</p>
              {/* next-auth's own sign-out page: a form, so it works without JavaScript. */}
              <Link
                href="/api/auth/signout"
                prefetch={false}
                className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
              >
                {t("apply.audiencePersonLink")}
              </Link>
            </div>
          ) : refusal === "companyAuthorisation" ? (
            // A company agent whose company has not authorised them for this item.
            <p role="alert" className="rounded border-2 border-accent-600 p-3 font-semibold">
              {tCompanies("notAuthorisedForItem")}{" "}
              <Link href="/account/company" className="text-brand-700 underline underline-offset-4">
                {tCompanies("manageLink")}
              </Link>
            </p>
          ) : (
            <p role="alert" className="rounded border-2 border-accent-600 p-3 font-semibold">
              {t("errors.assurance")}
              <br />
              {t("apply.levelNeeded", { level: form.minAssuranceLevel, yours: actor.assuranceLevel })}{" "}
              <Link href="/account/identity" className="text-brand-700 underline underline-offset-4">
                {t("apply.levelRaiseLink")}
              </Link>
            </p>
          )}
        </div>
      </>
    );
  }

  const initialStep =
    step && draft.definition.steps.some((candidate) => candidate.id === step) ? step : (draft.currentStep ?? undefined);
  const files = Object.fromEntries(draft.files.map((file) => [file.fileId, { name: file.name, size: file.size }]));
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/items/${encodeURIComponent(code)}`, label: localizedName(locale, draft.item) },
          { label: t("apply.title") },
        ]}
      />
      <h1 className="mb-2 text-2xl font-bold">{localizedName(locale, draft.item)}</h1>
      <p className="mb-6 text-sm text-ink-muted">
        {t("apply.draftNote", { date: format.dateTime(draft.expiresAt, { dateStyle: "long" }) })}{" "}
        <Link href="/account/applications" className="text-brand-700 underline underline-offset-4">
          {t("apply.myApplications")}
        </Link>
      </p>
      {applicationStartRefusal(actor, {
        kind: "applicationStart",
        minAssuranceLevel: form.minAssuranceLevel,
        serviceItemId: form.serviceItemId,
        audiences: form.audiences,
      }) === "audience" && (
        // A draft started before the item's audience was enforced or changed: submission will refuse it, so say so now.
        <p
          role="alert"
          data-testid="audience-refusal"
          className="mb-6 max-w-2xl rounded border-2 border-accent-600 p-3 font-semibold"
        >
          {t(applicantKind(actor) === "person" ? "errors.audienceOrganisation" : "errors.audiencePerson")}
        </p>
      )}
      <ApplyForm
        key={draft.revision}
        itemCode={code}
        applicationId={draft.id}
        definition={draft.definition}
        locale={locale}
        answers={draft.answers}
        initialStep={initialStep}
        revision={draft.revision}
        files={files}
      />
    </>
  );
}
