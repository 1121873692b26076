import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ItemList } from "@/components/catalogue/item-list";
import { PrintButton } from "@/components/catalogue/print-button";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { isFullyOnline } from "@/lib/catalogue/online";
import { findSuspensionNotice } from "@/lib/catalogue/availability";
import { hasBookableSlots } from "@/lib/bookings/bookings";
import { findPublishedForm } from "@/lib/catalogue/published-form";
import { findItemGuide, type ItemGuide, listRelatedItems } from "@/lib/catalogue/queries";
import { publishedFaqs } from "@/lib/consultations/consultations";
import { localizedName } from "@/lib/i18n/localized";
import { ScrollRegion } from "@/components/ui/scroll-region";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props) {
  const guide = await findItemGuide((await params).code);
  if (!guide) return {};
  const title = localizedName(await getLocale(), guide);
  const description = `${guide.department.name} · ${guide.region.name}：${guide.acceptanceConditions.replace(/\s+/g, " ").slice(0, 120)}`;
  return {
    title,
    description,
    openGraph: { title, description, type: "article" },
    alternates: { canonical: `/items/${guide.implementationCode}` },
  };
}

/** schema.org GovernmentService data, so search engines can show the service, who provides it and where. */
function structuredData(guide: ItemGuide) {
  return {
    "@context": "https://schema.org",
    "@type": "GovernmentService",
    name: guide.name,
    alternateName: guide.nameEn,
    identifier: guide.implementationCode,
    serviceType: guide.catalogItem.name,
    provider: {
      "@type": "GovernmentOrganization",
      name: guide.department.name,
      telephone: guide.department.phone ?? undefined,
    },
    areaServed: { "@type": "AdministrativeArea", name: guide.region.name, identifier: guide.region.code },
    audience: { "@type": "Audience", audienceType: guide.audiences.join(",") },
    availableChannel: guide.windows.map((window) => ({
      "@type": "ServiceChannel",
      name: window.name,
      servicePhone: { "@type": "ContactPoint", telephone: window.phone },
      serviceLocation: { "@type": "Place", name: window.name, address: window.address },
      availableLanguage: "zh-CN",
    })),
    isRelatedTo: guide.legalBases.map((basis) => ({
      "@type": "Legislation",
      name: basis.lawName,
      legislationIdentifier: basis.documentNumber ?? undefined,
    })),
  };
}

function Section({ id, title, children }: Readonly<{ id: string; title: string; children: React.ReactNode }>) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="mt-8 scroll-mt-4 break-inside-avoid-page">
      <h2 id={`${id}-title`} className="mb-3 border-l-4 border-brand-600 pl-3 text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Facts({ rows }: Readonly<{ rows: [string, React.ReactNode][] }>) {
  return (
    <dl className="grid grid-cols-1 border-t border-line sm:grid-cols-[12rem_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="border-b border-line bg-surface px-3 py-2 font-semibold">{term}</dt>
          <dd className="border-b border-line px-3 py-2 whitespace-pre-line">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What people see at a suspended item's address: the notice, and whom to ask. */
async function SuspendedItem({
  item,
}: Readonly<{ item: NonNullable<Awaited<ReturnType<typeof findSuspensionNotice>>> }>) {
  const t = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <article>
      <h1 className="text-2xl font-bold sm:text-3xl">{localizedName(locale, item)}</h1>
      <div role="status" className="mt-4 rounded border-4 border-accent-600 p-4">
        <h2 className="mb-2 text-xl font-bold">{t("guide.suspendedTitle")}</h2>
        <p className="whitespace-pre-line">{item.suspensionNotice}</p>
        {item.suspendedAt && (
          <p className="mt-2 text-sm text-ink-muted">
            {t("guide.suspendedSince", { date: format.dateTime(item.suspendedAt, { dateStyle: "long" }) })}
          </p>
        )}
      </div>
      <p className="mt-4">
        {t("guide.suspendedContact", {
          department: localizedName(locale, item.department),
          phone: item.department.phone ?? "12345",
        })}
      </p>
    </article>
  );
}

/** Answers to people's questions that the department published as FAQs (咨询, issue 7): question and answer only. */
async function PublishedAnswers({
  serviceItemId,
  title,
  question,
  answer,
}: Readonly<{
  serviceItemId: string;
  title: string;
  question: (text: string) => string;
  answer: (text: string) => string;
}>) {
  const faqs = await publishedFaqs(serviceItemId);
  if (faqs.length === 0) return null;
  return (
    <Section id="answered-questions" title={title}>
      <dl className="space-y-3">
        {faqs.map((faq) => (
          <div key={faq.id}>
            <dt className="font-semibold">{question(`${faq.title}　${faq.body}`)}</dt>
            <dd className="whitespace-pre-line">{answer(faq.answer ?? "")}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

/** The whole guide of one item, in the order of reference §1.10; readable without JavaScript and printable. */
export default async function ItemGuidePage({ params }: Props) {
  const { code } = await params;
  const guide = await findItemGuide(code);
  if (!guide) {
    const suspended = await findSuspensionNotice(code);
    if (!suspended) notFound();
    return <SuspendedItem item={suspended} />;
  }
  const [t, locale, related, onlineForm] = await Promise.all([
    getTranslations(),
    getLocale(),
    listRelatedItems(guide),
    findPublishedForm(guide.implementationCode),
  ]);
  const g = (key: string, values?: Record<string, string | number>) => t(`guide.${key}`, values);
  const limit = (value: number | null, unit: string | null) =>
    value === null || unit === null
      ? "—"
      : value === 0
        ? t("catalogue.onTheSpot")
        : t("catalogue.limitValue", { value, unit });
  const name = localizedName(locale, guide);
  const yesNo = (value: boolean) => (value ? g("yes") : g("no"));
  // The guide's own text is written in Chinese: on an English page it is marked as Chinese, so a screen reader
  // reads it with a Chinese voice (WCAG 3.1.2), and the page's own lists and labels follow the page's language.
  const english = locale === "en";
  const zh = english ? "zh-CN" : undefined;
  const colon = english ? ": " : "：";
  const list = (parts: string[]) => parts.join(english ? ", " : "、");
  const chinese = (text: string | null) => (english && text ? <span lang="zh-CN">{text}</span> : text);

  return (
    // data-usage-view: public/enhance.js counts the view (also on the cached page, which has no React runtime).
    <article data-usage-view={guide.implementationCode}>
      <script
        type="application/ld+json"
        // JSON-LD is data, not script; "<" is escaped so guide text cannot close the element.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(structuredData(guide)).replace(/</g, "\\u003c") }}
      />
      <Breadcrumbs
        items={[
          { href: "/", label: t("nav.home") },
          { href: `/departments/${guide.department.code}`, label: localizedName(locale, guide.department) },
          { label: name },
        ]}
      />
      <header className="border-b border-line pb-4">
        <h1 className="text-2xl font-bold sm:text-3xl">{name}</h1>
        <p className="mt-2 text-ink-muted">
          {localizedName(locale, guide.department)} · {localizedName(locale, guide.region)} ·{" "}
          {t(`catalogue.itemTypes.${guide.itemType}`)}
        </p>
        <ul className="mt-3 flex flex-wrap gap-2 text-sm">
          {isFullyOnline(guide) && (
            <li className="rounded border border-ok px-2 py-0.5 font-medium text-ok">{t("catalogue.fullyOnline")}</li>
          )}
          <li className="rounded border border-line px-2 py-0.5">
            {t("catalogue.visits")}
            {colon}
            {t("catalogue.visitsValue", { count: guide.visits })}
          </li>
          <li className="rounded border border-line px-2 py-0.5">
            {t("catalogue.promised")}
            {colon}
            {limit(guide.promisedLimit, guide.promisedUnit)}
          </li>
        </ul>
        <div className="no-print mt-4 flex flex-wrap gap-3">
          {onlineForm && (
            <Link href={`/items/${encodeURIComponent(guide.implementationCode)}/apply`} className={buttonClass()}>
              {g("applyOnline")}
            </Link>
          )}
          {guide.bookingSupported && (await hasBookableSlots(guide.implementationCode)) && (
            <Link
              href={`/items/${encodeURIComponent(guide.implementationCode)}/book`}
              className={buttonClass({ variant: "secondary" })}
            >
              {(await getTranslations("bookings"))("link")}
            </Link>
          )}
          <Link
            href={`/items/${encodeURIComponent(guide.implementationCode)}/ask`}
            className={buttonClass({ variant: "secondary" })}
          >
            {t("feedback.nav.ask")}
          </Link>
          <a href="#locations" className={buttonClass({ variant: onlineForm ? "secondary" : "primary" })}>
            {g("offlineHowTo")}
          </a>
          <PrintButton label={g("print")} />
        </div>
      </header>

      {english && (
        <p role="note" className="mt-4 rounded border-l-4 border-brand-600 bg-brand-50 p-3">
          {g("chineseOnly")}
        </p>
      )}

      <Section id="basic" title={g("basicInfo")}>
        <Facts
          rows={[
            [g("catalogCode"), guide.catalogItem.code],
            [g("implementationCode"), guide.implementationCode],
            [g("itemType"), t(`catalogue.itemTypes.${guide.itemType}`)],
            [g("implementingBody"), localizedName(locale, guide.department)],
            [g("audiences"), list(guide.audiences.map((audience) => t(`catalogue.audiences.${audience}`)))],
            [g("exerciseLevel"), g(`levels.${guide.exerciseLevel}`)],
            [g("caseType"), g(`caseTypes.${guide.caseType}`)],
            [
              g("statutoryLimit"),
              [limit(guide.statutoryLimit, guide.statutoryUnit), guide.statutoryNote].filter(Boolean).join("\n"),
            ],
            [
              g("promisedLimit"),
              [limit(guide.promisedLimit, guide.promisedUnit), guide.promisedNote].filter(Boolean).join("\n"),
            ],
            [g("visits"), t("catalogue.visitsValue", { count: guide.visits })],
            ...(guide.visitReason ? [[g("visitReason"), guide.visitReason] as [string, string]] : []),
            [g("fee"), yesNo(guide.feeCharged)],
            [g("channels"), list(guide.channels.map((channel) => g(`channelNames.${channel}`)))],
            [g("onlineDepth"), list(guide.onlineDepth.map((depth) => g(`depths.${depth}`))) || "—"],
            ...(guide.crossRegionScope ? [[g("crossRegion"), guide.crossRegionScope] as [string, string]] : []),
            ...(guide.quantityLimit ? [[g("quantityLimit"), guide.quantityLimit] as [string, string]] : []),
          ]}
        />
      </Section>

      <Section id="conditions" title={g("conditions")}>
        <p lang={zh} className="whitespace-pre-line">
          {guide.acceptanceConditions}
        </p>
        {guide.reviewStandard && (
          <>
            <h3 className="mt-4 font-semibold">{g("reviewStandard")}</h3>
            <p lang={zh} className="whitespace-pre-line">
              {guide.reviewStandard}
            </p>
          </>
        )}
      </Section>

      {guide.materials.length > 0 && (
        <Section id="materials" title={g("materials")}>
          {guide.situations.length > 0 && (
            <div className="mb-4">
              <h3 className="font-semibold">{g("situations")}</h3>
              <ul className="list-disc pl-6">
                {guide.situations.map((situation) => (
                  <li key={situation.id} lang={zh}>
                    {situation.name}
                    {situation.description ? `：${situation.description}` : ""}
                    {"（"}
                    {guide.materials
                      .filter((material) => material.situations.some((link) => link.id === situation.id))
                      .map((material) => material.name)
                      .join("、")}
                    {"）"}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ol className="space-y-4">
            {guide.materials.map((material, index) => (
              <li key={material.id} className="rounded border border-line p-4">
                <h3 className="font-semibold">
                  {index + 1}. {chinese(material.name)}
                </h3>
                <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
                  <dt className="font-semibold">{g("materialNecessity")}</dt>
                  <dd>{g(`necessity.${material.necessity}`)}</dd>
                  <dt className="font-semibold">{g("materialForm")}</dt>
                  <dd>{g(`forms.${material.form}`)}</dd>
                  <dt className="font-semibold">{g("materialCopies")}</dt>
                  <dd>
                    {g("materialCopiesValue", { original: material.originalCopies, copy: material.copyCopies })}
                    {material.paperSize ? `（${material.paperSize}）` : ""}
                  </dd>
                  <dt className="font-semibold">{g("materialSource")}</dt>
                  <dd>
                    {g(`sources.${material.source}`)}
                    {material.sourceNote && (
                      <>
                        {colon}
                        {chinese(material.sourceNote)}
                      </>
                    )}
                  </dd>
                  {material.fillingNotes && (
                    <>
                      <dt className="font-semibold">{g("materialNotes")}</dt>
                      <dd lang={zh}>{material.fillingNotes}</dd>
                    </>
                  )}
                </dl>
                {material.condition && (
                  <p className="mt-2 text-sm">{g("materialCondition", { condition: material.condition })}</p>
                )}
                {material.licenceTypeCode && <p className="mt-2 text-sm font-medium text-ok">{g("reusableLicence")}</p>}
                {(material.blankFormFileId || material.sampleFileId) && (
                  <p className="no-print mt-2 flex flex-wrap gap-4 text-sm">
                    {material.blankFormFileId && (
                      <a
                        href={`/files/${material.blankFormFileId}`}
                        className="font-semibold text-brand-700 underline underline-offset-4"
                      >
                        {g("downloadBlankForm", { name: material.name })}
                      </a>
                    )}
                    {material.sampleFileId && (
                      <a
                        href={`/files/${material.sampleFileId}`}
                        className="font-semibold text-brand-700 underline underline-offset-4"
                      >
                        {g("downloadSample", { name: material.name })}
                      </a>
                    )}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </Section>
      )}

      <Section id="process" title={g("process")}>
        <h3 className="font-semibold">{g("windowProcess")}</h3>
        <p lang={zh} className="whitespace-pre-line">
          {guide.windowProcess}
        </p>
        {guide.onlineProcess && (
          <>
            <h3 className="mt-4 font-semibold">{g("onlineProcess")}</h3>
            <p lang={zh} className="whitespace-pre-line">
              {guide.onlineProcess}
            </p>
          </>
        )}
        {guide.steps.length > 0 && (
          <ScrollRegion label={g("steps")} className="mt-4">
            <table className="w-full min-w-[36rem] border-collapse text-sm">
              <caption className="mb-2 text-left font-semibold">{g("steps")}</caption>
              <thead>
                <tr className="bg-surface">
                  {["stepName", "stepHandler", "stepLimit", "stepStandard", "stepResult"].map((key) => (
                    <th key={key} scope="col" className="border border-line px-2 py-1 text-left">
                      {g(key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {guide.steps.map((step) => (
                  <tr key={step.id}>
                    <th scope="row" lang={zh} className="border border-line px-2 py-1 text-left font-medium">
                      {step.name}
                    </th>
                    <td lang={zh} className="border border-line px-2 py-1">
                      {step.handler}
                    </td>
                    <td className="border border-line px-2 py-1">{limit(step.timeLimit, step.timeUnit)}</td>
                    <td lang={zh} className="border border-line px-2 py-1">
                      {step.standard ?? "—"}
                    </td>
                    <td lang={zh} className="border border-line px-2 py-1">
                      {step.result ?? "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Section>

      <Section id="fees" title={g("fees")}>
        {guide.fees.length === 0 ? (
          <p>{g("noFee")}</p>
        ) : (
          <ul className="space-y-3">
            {guide.fees.map((fee) => (
              <li key={fee.id} className="rounded border border-line p-3">
                <p lang={zh} className="font-semibold">
                  {fee.name}
                </p>
                <p>
                  {g("feeStandard")}
                  {colon}
                  {chinese(fee.standard)}
                </p>
                {fee.basis && (
                  <p className="text-sm">
                    {g("feeBasis")}
                    {colon}
                    {chinese(fee.basis)}
                  </p>
                )}
                {fee.waivable && fee.waiverBasis && (
                  <p className="text-sm">{g("feeWaivable", { basis: fee.waiverBasis })}</p>
                )}
              </li>
            ))}
          </ul>
        )}
        {guide.feeBasis && (
          <p lang={zh} className="mt-2 text-sm">
            {guide.feeBasis}
          </p>
        )}
      </Section>

      <Section id="result" title={g("result")}>
        <Facts
          rows={[
            [
              g("result"),
              <>
                {g(`resultTypes.${guide.resultType}`)}
                {guide.resultName && (
                  <>
                    {colon}
                    {chinese(guide.resultName)}
                  </>
                )}
              </>,
            ],
            [g("delivery"), list([g("deliveryWindow"), ...(guide.courierDelivery ? [g("deliveryPost")] : [])])],
          ]}
        />
      </Section>

      <Section id="legal-basis" title={g("legalBasis")}>
        <ul className="space-y-3">
          {guide.legalBases.map((basis) => (
            <li key={basis.id} lang={zh}>
              <p className="font-semibold">
                {basis.lawName}
                {basis.documentNumber ? `（${basis.documentNumber}）` : ""} {basis.clauseNumber}
              </p>
              <blockquote className="border-l-2 border-line pl-3 text-ink-muted">{basis.clauseContent}</blockquote>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="locations" title={g("locations")}>
        {guide.windows.map((window) => (
          <div key={window.id} className="mb-4">
            <h3 lang={zh} className="font-semibold">
              {window.name}
            </h3>
            <Facts
              rows={[
                [g("address"), chinese(window.address)],
                [g("hours"), chinese(window.hours)],
                [g("phone"), window.phone],
                ...(window.transport ? [[g("transport"), chinese(window.transport)] as [string, React.ReactNode]] : []),
              ]}
            />
          </div>
        ))}
      </Section>

      <Section id="contacts" title={g("contacts")}>
        <Facts
          rows={[
            [g("consultation"), chinese(guide.consultation)],
            [g("complaint"), chinese(guide.complaint)],
            ...(guide.reconsideration
              ? [[g("reconsideration"), chinese(guide.reconsideration)] as [string, React.ReactNode]]
              : []),
            ...(guide.litigation ? [[g("litigation"), chinese(guide.litigation)] as [string, React.ReactNode]] : []),
          ]}
        />
      </Section>

      {guide.specialProcedures.length > 0 && (
        <Section id="special" title={g("specialProcedures")}>
          <ul className="list-disc space-y-1 pl-6">
            {guide.specialProcedures.map((procedure) => (
              <li key={procedure.id}>
                {chinese(procedure.name)}
                {colon}
                {g("specialLimit", { limit: limit(procedure.limit, procedure.unit) })}
                {procedure.basis && (
                  <>
                    {english ? "; " : "；"}
                    {chinese(procedure.basis)}
                  </>
                )}
              </li>
            ))}
          </ul>
        </Section>
      )}

      {guide.faqs.length > 0 && (
        <Section id="faqs" title={g("faqs")}>
          <dl className="space-y-3">
            {guide.faqs.map((faq) => (
              <div key={faq.id}>
                <dt className="font-semibold">{g("faqQuestion", { text: faq.question })}</dt>
                <dd>{g("faqAnswer", { text: faq.answer })}</dd>
              </div>
            ))}
          </dl>
        </Section>
      )}

      <PublishedAnswers
        serviceItemId={guide.id}
        title={t("feedback.nav.faqTitle")}
        question={(text) => g("faqQuestion", { text })}
        answer={(text) => g("faqAnswer", { text })}
      />

      {related.length > 0 && (
        <section aria-labelledby="related-title" className="no-print mt-10">
          <h2 id="related-title" className="mb-3 text-xl font-bold">
            {g("related")}
          </h2>
          <ItemList items={related} />
          <p className="mt-3">
            <Link
              href={`/departments/${guide.department.code}`}
              className="text-brand-700 underline underline-offset-4"
            >
              {localizedName(locale, guide.department)}
            </Link>
          </p>
        </section>
      )}

      {/* Every guide can be reported wrong; the department answers within the time a question is answered. */}
      <p className="no-print mt-10 border-t border-line pt-4">
        <Link
          href={`/items/${encodeURIComponent(guide.implementationCode)}/report`}
          className="text-brand-700 underline underline-offset-4"
        >
          {t("feedback.guideError.link")}
        </Link>
      </p>
    </article>
  );
}
