import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/form/action-form";
import { GUIDE_PARTS } from "@/lib/consultations/schemas";
import { ItemMessagePage } from "../_components/item-message-page";
import { reportGuideErrorAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.guideError"))("title") };
}

/** "This guide is wrong": a signed-in person tells the item's department which part; answered like a question. */
export default async function ReportGuideErrorPage({ params }: Readonly<{ params: Promise<{ code: string }> }>) {
  const { code } = await params;
  const t = await getTranslations("feedback.guideError");
  return (
    <ItemMessagePage
      code={code}
      route="report"
      namespace="feedback.guideError"
      form={(guide) => (
        <ActionForm
          id="report"
          action={reportGuideErrorAction}
          hidden={{ kind: "GUIDE_ERROR", itemCode: guide.implementationCode }}
          fields={[
            {
              name: "part",
              label: t("part"),
              type: "radio",
              required: true,
              options: GUIDE_PARTS.map((part) => ({ value: part, label: t(`parts.${part}`) })),
            },
            { name: "body", label: t("body"), hint: t("bodyHint"), type: "textarea", required: true, maxLength: 2000 },
          ]}
          initial={{}}
          submitLabel={t("submit")}
        />
      )}
    />
  );
}
