import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { buttonClass } from "@/components/ui/button";
import { verificationQueue } from "@/lib/accounts/companies";

export async function generateMetadata() {
  return { title: (await getTranslations("companies.admin"))("title") };
}

/** Company verifications waiting for a first or a second review. */
export default async function CompanyVerificationsPage() {
  const actor = await requirePermission("company.verification.review", "/admin/companies");
  const t = await getTranslations("companies");
  const format = await getFormatter();
  const queue = await verificationQueue(actor);
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.title")}</h1>
      <p className="mb-6 max-w-3xl text-ink-muted">{t("admin.intro")}</p>
      {queue.length === 0 ? (
        <p>{t("admin.empty")}</p>
      ) : (
        <ul className="flex max-w-3xl flex-col gap-3">
          {queue.map((request) => (
            <li
              key={request.id}
              className="flex flex-wrap items-center justify-between gap-3 rounded border-2 border-line p-3"
            >
              <span>
                <span className="font-semibold">{request.companyName}</span>（{request.creditCode}）·{" "}
                {t(`status.${request.status}`)} · {t("admin.submittedAt")}{" "}
                {format.dateTime(request.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </span>
              <Link href={`/admin/companies/${request.id}`} className={buttonClass({ variant: "secondary" })}>
                {t("admin.open")}
                <span className="sr-only">：{request.companyName}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
