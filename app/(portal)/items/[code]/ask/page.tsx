import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/form/action-form";
import { ItemMessagePage } from "../_components/item-message-page";
import { askAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.ask"))("title") };
}

/** 咨询: a signed-in person asks the item's department; the answer arrives in the inbox. */
export default async function AskPage({ params }: Readonly<{ params: Promise<{ code: string }> }>) {
  const { code } = await params;
  const t = await getTranslations("feedback.ask");
  return (
    <ItemMessagePage
      code={code}
      route="ask"
      namespace="feedback.ask"
      form={(guide) => (
        <ActionForm
          id="ask"
          action={askAction}
          hidden={{ kind: "QUESTION", itemCode: guide.implementationCode }}
          fields={[
            {
              name: "title",
              label: t("questionTitle"),
              hint: t("titleHint"),
              type: "text",
              required: true,
              maxLength: 80,
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
