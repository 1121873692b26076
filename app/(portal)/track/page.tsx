import { getTranslations } from "next-intl/server";
import { TrackForm } from "./track-form";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.track"))("title"), robots: { index: false } };
}

/** 办件查询: anyone with the case number and the query code sees the status, without signing in. */
export default async function TrackPage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const t = await getTranslations("feedback.track");
  const { caseNumber } = await searchParams;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 max-w-2xl">{t("intro")}</p>
      <TrackForm
        initial={{ caseNumber: typeof caseNumber === "string" && /^\d{20}$/.test(caseNumber) ? caseNumber : "" }}
      />
    </>
  );
}
